/**
 * Ajv's standalone code declares every compiled schema as a constant (`const schema31 = {...}`), descriptions,
 * titles and examples included, though its checks read only a few values from two of them (an `enum`'s values, a
 * `type` list, for the params of an error). A constant nothing reads is dropped; one that is read keeps only the
 * values read, at their paths. No check changes: the code reads the same values at the same paths.
 */

const DECLARATION = /^const (schema\d+) = (\{.*\});\n/gm;
/** `schemaN` and the member path read from it: `.enum`, `.properties.value.type`, `["x-y"]`, `[0]`. */
const MEMBER = String.raw`(?:\.[A-Za-z_$][\w$]*|\[(?:"(?:[^"\\\n]|\\.)*"|\d+)\])`;

export function withUsedSchemaValues(code: string): string {
  return code.replace(DECLARATION, (declaration, name: string, json: string) => {
    let schema: unknown;
    try {
      schema = JSON.parse(json);
    } catch {
      return declaration;
    }
    const rest = code.replace(declaration, '');
    const paths = [...rest.matchAll(new RegExp(String.raw`\b${name}\b(${MEMBER}*)`, 'g'))].map((match) => memberPath(match[1]!));
    if (paths.length === 0) return '';
    // The whole schema read somewhere (no such code today): keep it as Ajv wrote it.
    if (paths.some((path) => path.length === 0)) return declaration;
    let kept: unknown = {};
    for (const path of paths) kept = withValueAt(kept, schema, path);
    return `const ${name} = ${JSON.stringify(kept)};\n`;
  });
}

function memberPath(text: string): (string | number)[] {
  return [...text.matchAll(new RegExp(MEMBER, 'g'))].map(([member]) =>
    member.startsWith('.') ? member.slice(1) : member.startsWith('["') ? (JSON.parse(member.slice(1, -1)) as string) : Number(member.slice(1, -1)),
  );
}

/** `target` with the value at `path` of `source` copied in, creating the containers on the way. */
function withValueAt(target: unknown, source: unknown, path: readonly (string | number)[]): unknown {
  if (path.length === 0 || typeof source !== 'object' || source === null) return source;
  const [head, ...tail] = path as [string | number, ...(string | number)[]];
  const container = (typeof target === 'object' && target !== null ? target : Array.isArray(source) ? [] : {}) as Record<string | number, unknown>;
  if (!Object.hasOwn(source, head)) return container;
  container[head] = withValueAt(container[head], (source as Record<string | number, unknown>)[head], tail);
  return container;
}
