import { compiledPattern } from './patterns.js';

/**
 * Rewrites of Ajv's standalone code that keep every verdict and error and make the common case cheaper. Each one
 * matches the exact text Ajv 8 emits; a different Ajv that emits something else only loses the speed-up.
 */
export function withFastPaths(code: string): { readonly code: string; readonly imports: readonly string[] } {
  const lengths = withLengthShortcuts(code);
  return { code: withCompiledPatterns(lengths.code), imports: lengths.imports };
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
function withLengthShortcuts(code: string): { readonly code: string; readonly imports: readonly string[] } {
  const declaration = /^const (func\d+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;\n/m.exec(code);
  if (declaration === null) return { code, imports: [] };
  const name = declaration[1]!;
  const comparison = new RegExp(`\\b${name}\\((\\w+)\\) ([<>]) (\\d+)\\b`, 'g');
  let rewritten = code.replace(comparison, (_match, data: string, operator: string, limit: string) =>
    operator === '>' ? `longerThan(${data}, ${limit})` : `shorterThan(${data}, ${limit})`,
  );
  // With every call rewritten, ucs2length is no longer needed (and not imported: standalone.ts sees no require).
  if (!rewritten.includes(`${name}(`)) rewritten = rewritten.replace(declaration[0], '');
  return { code: rewritten, imports: ['import { longerThan, shorterThan } from "../helpers.js";'] };
}
