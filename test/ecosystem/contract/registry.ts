import { readFileSync } from 'node:fs';

/** A code of the response-code registry and the HTTP answer that carries it. */
export interface RegistryCode {
  readonly code: number;
  readonly httpStatus: number;
  /** `null` for a success code. */
  readonly errorType: string | null;
}

interface RegistryEntry {
  readonly const: number;
  readonly 'x-http-status': number;
  readonly 'x-error-type'?: string;
  readonly deprecated?: boolean;
}

const REGISTRY = new URL('../../../spec/schemas/response-code.schema.json', import.meta.url);

/** The codes a server may answer with today, read from the registry itself: every entry but the retired ones (tombstones). */
export function activeCodes(): readonly RegistryCode[] {
  const registry = JSON.parse(readFileSync(REGISTRY, 'utf8')) as { oneOf: readonly RegistryEntry[] };
  return registry.oneOf
    .filter((entry) => entry.deprecated !== true)
    .map((entry) => ({ code: entry.const, httpStatus: entry['x-http-status'], errorType: entry['x-error-type'] ?? null }))
    .sort((a, b) => a.code - b.code);
}
