import { isRecord } from '@iotv1/generator-kit';

/**
 * One entry of the registry's `oneOf`, read as written. The comparison does not need core's checks to have
 * passed: a base from an older toolchain may hold entries today's rules refuse, and they still have a history.
 */
export interface RegistryEntry {
  readonly code: number;
  /** Pointer of the entry in its file, `/oneOf/<index>`. */
  readonly pointer: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The entries of a registry document that carry a numeric `const`. */
export function registryEntriesOf(document: unknown): RegistryEntry[] {
  const entries = isRecord(document) && Array.isArray(document.oneOf) ? document.oneOf : [];
  return entries.flatMap((fields: unknown, index) =>
    isRecord(fields) && typeof fields.const === 'number' ? [{ code: fields.const, pointer: `/oneOf/${index}`, fields }] : [],
  );
}

export function isRetired(entry: RegistryEntry): boolean {
  return entry.fields.deprecated === true;
}

export function textOf(entry: RegistryEntry, key: 'title' | 'description'): string {
  const value = entry.fields[key];
  return typeof value === 'string' ? value : '';
}
