/**
 * Text comparison for the registry. A message or meaning counts as changed unless it differs in whitespace
 * only; anything else (a word, a comma, a capital) is what clients and people read, so it is a change.
 */
export function normaliseText(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Words that carry no meaning of their own in a registry sentence. */
const FILLER = new Set(['a', 'an', 'and', 'are', 'by', 'for', 'in', 'is', 'of', 'on', 'or', 'the', 'this', 'to', 'was', 'with']);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w !== '' && !FILLER.has(w)),
  );
}

/**
 * Why a new code reads like an existing one, or `undefined`. Core already refuses a second code with the same
 * error type, so the only thing left to compare is the text: the same message, the same meaning, or a message or
 * meaning whose words are mostly the other's (overlap coefficient >= 0.75 with at least two words). Plain set
 * arithmetic keeps it deterministic; it is a prompt for a reviewer, hence a warning, never a failure.
 */
export function sameMeaningReason(
  added: { readonly message: string; readonly meaning: string },
  existing: { readonly message: string; readonly meaning: string },
): string | undefined {
  if (normaliseText(added.message).toLowerCase() === normaliseText(existing.message).toLowerCase()) return 'the same message';
  if (normaliseText(added.meaning).toLowerCase() === normaliseText(existing.meaning).toLowerCase()) return 'the same meaning';
  if (overlaps(added.meaning, existing.meaning)) return 'a meaning made of the same words';
  if (overlaps(added.message, existing.message)) return 'a message made of the same words';
  return undefined;
}

function overlaps(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  const smaller = Math.min(wa.size, wb.size);
  if (smaller < 2) return false;
  const shared = [...wa].filter((w) => wb.has(w)).length;
  return shared / smaller >= 0.75;
}
