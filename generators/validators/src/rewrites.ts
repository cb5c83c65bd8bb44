import { withLazyErrors } from './lazy-errors.js';
import { compiledPattern } from './patterns.js';
import { withUsedSchemaValues } from './schema-constants.js';

/**
 * Rewrites of Ajv's standalone code that keep every verdict and every issue (pointer, keyword, message) and make the
 * common case cheaper: string lengths counted only when the code-unit length cannot decide, simple patterns as loops
 * over char codes (remembering what they accepted inside an array's loop), validate functions that take the path
 * alone, errors built only when the issues are read (lazy-errors.ts), and no schema text the checks do not read
 * (schema-constants.ts). Each one matches the exact text Ajv 8 emits; a different Ajv that emits something else only
 * loses the speed-up (test/rewrites.test.ts holds the result to Ajv compiled at run time).
 */
export function withFastPaths(code: string): { readonly code: string; readonly imports: readonly string[] } {
  const lengths = withLengthShortcuts(code);
  const lazy = withLazyErrors(withPathArguments(withCompiledPatterns(lengths.code)));
  // After the errors: their describing functions are what still reads values of the schemas, and no message (with
  // braces in its pattern) is left in a function body.
  const remembered = withRememberedPatterns(withoutSourceUrls(withUsedSchemaValues(lazy.code)));
  const helpers = [...lengths.helpers, ...remembered.helpers];
  return {
    code: remembered.code,
    imports: [
      ...(helpers.length > 0 ? [`import { ${helpers.join(', ')} } from "../helpers.js";`] : []),
      ...(lazy.rewritten ? ['import { Failure, fail, failures } from "../result.js";'] : []),
    ],
  };
}

/** Ajv names each function's source for `eval`, in a `sourceURL` comment: in a module of its own, dead text. */
function withoutSourceUrls(code: string): string {
  return code.replace(/^\/\*# sourceURL="[^"\n]*" \*\/;\n/gm, '');
}

/**
 * A pattern checked in an array's loop (`for(let i0=0; i0<len0; i0++){`), such as a reading's feed name, checks values
 * that repeat: there it remembers the strings it accepted (packages/validators/src/helpers.ts, `remembering`).
 */
function withRememberedPatterns(code: string): { readonly code: string; readonly helpers: readonly string[] } {
  const loops = loopBodies(code);
  const remembered = new Set<string>();
  const rewritten = code.replace(/\b(pattern\d+)\.test\(/g, (call, name: string, at: number) => {
    if (!loops.some(([start, end]) => at > start && at < end)) return call;
    remembered.add(name);
    return `${name}Remembered.test(`;
  });
  if (remembered.size === 0) return { code, helpers: [] };
  // Last in the module, after the patterns they wrap; no validator runs before the module is evaluated.
  const declarations = [...remembered].map((name) => `const ${name}Remembered = remembering(${name});`).join('\n');
  return { code: `${rewritten}\n${declarations}\n`, helpers: ['remembering'] };
}

/** The [start, end) offsets of the body of each loop over an array's items in Ajv's code. */
function loopBodies(code: string): [number, number][] {
  const bodies: [number, number][] = [];
  for (const loop of code.matchAll(/^for\(let (i\d+)=0; \1<len\d+; \1\+\+\)\{$/gm)) {
    const start = loop.index + loop[0].length;
    let depth = 1;
    for (let at = start; at < code.length && depth > 0; at++) {
      const char = code[at];
      if (char === '"') {
        while (++at < code.length && code[at] !== '"') if (code[at] === '\\') at++;
      } else if (char === '{') depth++;
      else if (char === '}' && --depth === 0) bodies.push([start, at]);
    }
  }
  return bodies;
}

const STRING = String.raw`"(?:[^"\\\n]|\\.)*"`;
const VALUE = String.raw`(?:[^,"{}\n]|${STRING})+`;
const OPTIONS = new RegExp(String.raw`\{instancePath(?::(${VALUE}))?,parentData(?::${VALUE})?,parentDataProperty(?::${VALUE})?,rootData\}`, 'g');

/**
 * Every validate function takes its options as a destructured object with defaults (`{instancePath="", parentData,
 * parentDataProperty, rootData=data}={}`), which costs each call, valid or not, an object and four lookups: a few
 * nanoseconds, a tenth of a small payload's time. Only `$data` references read the three others, and the core's
 * specs have none; where none is read, each function takes the path alone and each call passes it.
 */
function withPathArguments(code: string): string {
  const rewritten = code
    .replace(
      /^function (validate\d+)\(data, \{instancePath="", parentData, parentDataProperty, rootData=data\}=\{\}\)\{$/gm,
      'function $1(data, instancePath=""){',
    )
    .replace(OPTIONS, (_options, path: string | undefined) => path ?? 'instancePath');
  return /\b(?:parentData|parentDataProperty|rootData)\b/.test(rewritten) ? code : rewritten;
}

/** `new RegExp("^[a-z][a-z0-9_]*$", "u")` becomes a char-code loop where the pattern is simple enough (patterns.ts). */
function withCompiledPatterns(code: string): string {
  return code.replace(/new RegExp\(("(?:[^"\\]|\\.)*"), "u"\)/g, (regExp, literal: string) => compiledPattern(JSON.parse(literal) as string) ?? regExp);
}

/**
 * `minLength`/`maxLength` count code points, so Ajv calls ucs2length (a loop over the string) and compares. The
 * code-unit length decides alone unless it lies between the limit and twice the limit (a code point is one or two
 * units): longerThan and shorterThan (packages/validators/src/helpers.ts) count only then.
 */
function withLengthShortcuts(code: string): { readonly code: string; readonly helpers: readonly string[] } {
  const declaration = /^const (func\d+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;\n/m.exec(code);
  if (declaration === null) return { code, helpers: [] };
  const name = declaration[1]!;
  const comparison = new RegExp(`\\b${name}\\((\\w+)\\) ([<>]) (\\d+)\\b`, 'g');
  let rewritten = code.replace(comparison, (_match, data: string, operator: string, limit: string) =>
    operator === '>' ? `longerThan(${data}, ${limit})` : `shorterThan(${data}, ${limit})`,
  );
  // With every call rewritten, ucs2length is no longer needed (and not imported: standalone.ts sees no require).
  if (!rewritten.includes(`${name}(`)) rewritten = rewritten.replace(declaration[0], '');
  return { code: rewritten, helpers: ['longerThan', 'shorterThan'] };
}
