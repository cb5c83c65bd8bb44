import { isRecord } from '@iotv1/generator-kit';

/**
 * The registry schema as validators and type generators take it: membership as an `enum` of the codes. A `oneOf` of
 * thousands of `const`s compiles (Ajv) into code nested too deeply to run; since codes are distinct, the enum
 * accepts exactly what the `oneOf` accepts. The entries' metadata lives in the Contract Model's `registry`.
 */
export function registryForValidation(data: unknown): unknown {
  if (!isRecord(data) || !Array.isArray(data.oneOf)) return data;
  const { oneOf, ...rest } = data;
  return { ...rest, enum: oneOf.filter(isRecord).flatMap((entry) => (typeof entry.const === 'number' ? [entry.const] : [])) };
}

/**
 * The registry in a form that does not depend on how it is written: entries in code order, keys sorted (nothing in
 * the registry has an order of its own), so that generated code that embeds it is the same byte for byte.
 */
export function withSortedRegistry(data: unknown): unknown {
  if (!isRecord(data) || !Array.isArray(data.oneOf)) return data;
  const codeOf = (entry: unknown): number => (isRecord(entry) && typeof entry.const === 'number' ? entry.const : 0);
  return sortedKeys({ ...data, oneOf: [...data.oneOf].sort((a, b) => codeOf(a) - codeOf(b)) });
}

export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys(value[key])]),
  );
}
