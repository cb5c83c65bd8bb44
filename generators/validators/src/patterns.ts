/**
 * Compiles the simplest JSON Schema patterns, anchored runs of ASCII character classes such as `^[a-z][a-z0-9_.-]*$`
 * or `^[A-Za-z0-9_-]{1,64}$`, into loops over char codes: several times faster than a RegExp on the short strings
 * they guard (feed names, ids), and a feed name is checked once per reading. Any other pattern keeps its RegExp.
 */

/** One position of the pattern: the char codes it accepts, and how often it repeats. */
interface Step {
  readonly ranges: readonly (readonly [number, number])[];
  readonly min: number;
  readonly max: number;
}

/**
 * A JavaScript expression for an object whose `test(text)` agrees with `new RegExp(source, "u").test(text)`, or
 * undefined when the pattern is outside the compiled subset. Only the last step may repeat, so a greedy loop never
 * needs to backtrack; classes hold printable ASCII only, so code units and code points count alike.
 */
export function compiledPattern(source: string): string | undefined {
  const steps = parseSteps(source);
  if (steps === undefined || steps.length === 0) return undefined;
  const fixed = steps.slice(0, -1);
  if (fixed.some((step) => step.min !== 1 || step.max !== 1)) return undefined;
  const last = steps.at(-1)!;
  const minLength = fixed.length + last.min;
  const maxLength = fixed.length + last.max;
  const lines = [
    `{ test(text) {`,
    `const length = text.length;`,
    `let code = 0;`,
    Number.isFinite(maxLength) ? `if (length < ${minLength} || length > ${maxLength}) return false;` : `if (length < ${minLength}) return false;`,
    ...fixed.flatMap((step, at) => [`code = text.charCodeAt(${at});`, `if (!(${condition(step)})) return false;`]),
    `for (let at = ${fixed.length}; at < length; at++) {`,
    `code = text.charCodeAt(at);`,
    `if (!(${condition(last)})) return false;`,
    `}`,
    `return true;`,
    `} }`,
  ];
  return lines.join('\n');
}

function condition(step: Step): string {
  return step.ranges.map(([low, high]) => (low === high ? `code === ${low}` : `(code >= ${low} && code <= ${high})`)).join(' || ');
}

const META = new Set('.^$|?*+()[]{}\\/'.split(''));

function parseSteps(source: string): Step[] | undefined {
  if (!source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) return undefined;
  const body = source.slice(1, -1);
  const steps: Step[] = [];
  let at = 0;
  while (at < body.length) {
    let ranges: (readonly [number, number])[] | undefined;
    if (body[at] === '[') {
      const end = body.indexOf(']', at + 1);
      if (end < 0) return undefined;
      ranges = parseClass(body.slice(at + 1, end));
      at = end + 1;
    } else if (body[at] === '\\' && isEscapablePunctuation(body[at + 1])) {
      ranges = [[body.charCodeAt(at + 1), body.charCodeAt(at + 1)]];
      at += 2;
    } else if (isPrintable(body[at]) && !META.has(body[at]!)) {
      ranges = [[body.charCodeAt(at), body.charCodeAt(at)]];
      at += 1;
    }
    if (ranges === undefined) return undefined;
    const quantifier = /^(?:\*|\+|\{(\d{1,4})(,(\d{1,4})?)?\})?/.exec(body.slice(at))!;
    const [text, low, comma, high] = quantifier;
    at += text.length;
    if (body[at] === '?' || body[at] === '+' || body[at] === '*' || body[at] === '{') return undefined;
    const min = text === '*' ? 0 : text === '+' || text === '' ? 1 : Number(low);
    const max = text === '' ? 1 : text === '*' || text === '+' || (comma !== undefined && high === undefined) ? Infinity : Number(high ?? low);
    if (min > max) return undefined;
    steps.push({ ranges, min, max });
  }
  return steps;
}

/** The inside of `[...]`: literal characters, `a-z` ranges and escaped punctuation; no negation, no `\d`-style sets. */
function parseClass(inside: string): [number, number][] | undefined {
  if (inside === '' || inside.startsWith('^') || inside.includes('[')) return undefined;
  const chars: number[] = [];
  const literal: boolean[] = [];
  for (let at = 0; at < inside.length; at++) {
    if (inside[at] === '\\') {
      if (!isEscapablePunctuation(inside[at + 1])) return undefined;
      at++;
      chars.push(inside.charCodeAt(at));
      literal.push(true);
    } else if (isPrintable(inside[at])) {
      chars.push(inside.charCodeAt(at));
      literal.push(inside[at] !== '-');
    } else return undefined;
  }
  const ranges: [number, number][] = [];
  for (let at = 0; at < chars.length; at++) {
    const isRange = at + 2 < chars.length && !literal[at + 1] && chars[at + 1] === 0x2d;
    if (isRange) {
      if (chars[at]! > chars[at + 2]!) return undefined;
      ranges.push([chars[at]!, chars[at + 2]!]);
      at += 2;
    } else ranges.push([chars[at]!, chars[at]!]);
  }
  return ranges;
}

function isPrintable(char: string | undefined): boolean {
  return char !== undefined && char >= ' ' && char <= '~';
}

/** Under the `u` flag only syntax characters (and `/`, `-` inside a class) may be escaped. */
function isEscapablePunctuation(char: string | undefined): boolean {
  return char !== undefined && '^$\\.*+?()[]{}|/-'.includes(char);
}
