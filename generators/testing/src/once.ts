/**
 * A function that computes `compute` on its first call and then returns that result (or throws that error) again:
 * work that several tests check, done once however many of them run, and only when one of them does.
 */
export function once<T>(compute: () => T): () => T {
  let outcome: { readonly value: T } | { readonly error: unknown } | undefined;
  return () => {
    if (outcome === undefined) {
      try {
        outcome = { value: compute() };
      } catch (error) {
        outcome = { error };
      }
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}
