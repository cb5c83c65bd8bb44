/** A list item for a template that writes a separator between items: `more` says that another item follows. */
export type Listed<T> = T & { readonly more: boolean };

export function listed<T extends object>(items: readonly T[]): Listed<T>[] {
  return items.map((item, i) => ({ ...item, more: i < items.length - 1 }));
}
