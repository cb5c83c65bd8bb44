import { isRecord } from './pointer.js';

/**
 * The registry schema as validators and type generators take it: membership as an `enum` of the codes, and each
 * entry's anchor kept under `$defs` so that `response-code.schema.json#code-2000` still resolves. A `oneOf` of
 * thousands of `const`s compiles (Ajv) into code nested too deeply to run; since codes are distinct, the enum
 * accepts exactly what the `oneOf` accepts. The entries' metadata lives in the Contract Model's `registry`.
 */
export function registryForValidation(data: unknown): unknown {
  if (!isRecord(data) || !Array.isArray(data.oneOf)) return data;
  const { oneOf, ...rest } = data;
  const entries = oneOf.filter(isRecord).filter((entry) => typeof entry.const === 'number');
  return {
    ...rest,
    enum: entries.map((entry) => entry.const),
    $defs: Object.fromEntries(
      entries.filter((entry) => typeof entry.$anchor === 'string').map((entry) => [entry.$anchor, { $anchor: entry.$anchor, const: entry.const }]),
    ),
  };
}
