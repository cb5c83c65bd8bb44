/**
 * Lazy errors: Ajv's standalone code builds a whole error object where a check fails (`instancePath`, `schemaPath`,
 * `keyword`, a `params` object and a message string), and wraps it in an array, before it returns `false`. On a small
 * invalid payload that is most of the work, and a caller rejecting untrusted input never reads it. This rewrite
 * keeps, at each failing check, only what the error needs from that moment: the value's path and the local values the
 * message and params name (a missing property's name, an unknown key). The error object itself is built by a
 * module-level function, shared by every check that would build the same one, when the issues are read
 * (packages/validators/src/result.ts). Every verdict and every issue stays the same; `schemaPath`, which no issue
 * carries, is dropped.
 *
 * A check that fails returns at once (allErrors: false): `return fail(validateN, describeK, path, ...locals)` stores
 * those on the validate function, with no allocation at all. Inside `anyOf` and `oneOf`, where Ajv collects the
 * errors of failing branches (and drops them when a branch passes), each is a `Failure` holding the same; and since
 * even a valid value fails some branches, such a function first runs a copy of itself that only counts (see
 * withVerdictFirst).
 *
 * Each rewrite matches the exact text Ajv 8 emits (`lines: true`); anything else is left as Ajv wrote it, which the
 * runtime still reads (an Ajv error object among the failures), so a different Ajv only loses the speed-up.
 */

/** The names module scope declares in Ajv's standalone code; any other free name in an error is a local of the check. */
const MODULE_NAME = /^(?:schema|pattern|formats|func)\d+$/;
const GLOBAL_NAMES = new Set(['undefined', 'null', 'true', 'false', 'NaN', 'Infinity', 'JSON', 'String', 'Number']);
/** Parameters of a describing function: the path, then the check's locals. */
const PARAMETERS = ['a', 'b', 'c'] as const;

export interface LazyErrors {
  readonly code: string;
  /** Whether any error was rewritten, so that the module must import `fail`, `Failure` and `failures`. */
  readonly rewritten: boolean;
}

export function withLazyErrors(code: string): LazyErrors {
  const describers = new Map<string, string>();
  let out = '';
  let at = 0;
  for (let start = code.indexOf('{instancePath', at); start >= 0; start = code.indexOf('{instancePath', at)) {
    const end = literalEnd(code, start);
    const lazy = end === undefined ? undefined : lazyError(code.slice(start, end), describers);
    if (end === undefined || lazy === undefined) {
      out += code.slice(at, start + 1);
      at = start + 1;
      continue;
    }
    out += code.slice(at, start) + lazy;
    at = end;
  }
  out += code.slice(at);
  if (describers.size === 0) return { code, rewritten: false };
  // A check that returns at once stores its failure on the function rather than allocating it.
  out = out.replace(/^(validate\d+)\.errors = \[new Failure\((describe\d+), ([^\n]*)\)\];\nreturn false;$/gm, 'return fail($1, $2, $3);');
  // A failing call of another validator hands over its failures, as a list.
  out = out.replace(
    /^vErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\);$/gm,
    'vErrors = vErrors === null ? failures($1) : vErrors.concat(failures($1));',
  );
  out = withVerdictFirst(out);
  // Last in the module: they run only when issues are read, long after the module is evaluated.
  const declarations = [...describers].map(([body, name]) => `const ${name} = ${body};`).join('\n');
  return { code: `${out}\n// The errors of the failed checks, built when the issues are read.\n${declarations}\n`, rewritten: true };
}

/**
 * A function that collects errors (the failing branches of an `anyOf` or `oneOf`, dropped when a branch passes)
 * allocates them on the way even when the value is valid: an acknowledgement's `status` matches one of three
 * constants, and fails the other two. Such a function first runs a copy of itself that only counts the errors (every
 * check and every count as before, so the same verdict); only a value that copy refuses runs the original, which
 * collects them. A copy that still touches the errors in a way this does not know is not made.
 */
function withVerdictFirst(code: string): string {
  let out = '';
  let at = 0;
  for (const header of code.matchAll(/^function (validate\d+)\(data, instancePath=""\)\{\n/gm)) {
    const name = header[1]!;
    const start = header.index;
    const end = blockEnd(code, start + header[0].length);
    if (end === undefined) return code;
    const whole = code.slice(start, end);
    if (!whole.includes('new Failure(')) continue;
    const verdict = verdictOnly(whole.slice(header[0].length), name);
    if (verdict === undefined) continue;
    out += code.slice(at, start);
    out += `function ${name}Verdict(data, instancePath=""){\n${verdict}\n`;
    out += `${header[0]}if(${name}Verdict(data, instancePath)){\nreturn true;\n}\n${whole.slice(header[0].length)}`;
    at = end;
  }
  return out + code.slice(at);
}

/** The body of a function (after its opening line) that counts its errors without keeping them, or undefined. */
function verdictOnly(body: string, name: string): string | undefined {
  const verdict = body
    .replace(
      /^const (err\d+) = new Failure\([^\n]*\);\nif\(vErrors === null\)\{\nvErrors = \[\1\];\n\}\nelse \{\nvErrors\.push\(\1\);\n\}\nerrors\+\+;$/gm,
      'errors++;',
    )
    .replace(/^vErrors = vErrors === null \? failures\((validate\d+)\) : vErrors\.concat\(failures\(\1\)\);\nerrors = vErrors\.length;$/gm, 'errors++;')
    .replace(/^return fail\(validate\d+, [^\n]*\);$/gm, 'return false;')
    .replace(new RegExp(`^${name}\\.errors = vErrors;\\n`, 'gm'), '');
  // What is left of the errors: the declaration, and the truncation of a passing branch, which null skips.
  const known = /^(?:let vErrors = null;|if\(vErrors !== null\)\{|vErrors\.length = _errs\d+;|vErrors = null;)$/;
  const lines = verdict.split('\n');
  if (lines.some((line) => /vErrors|Failure|fail\(|failures\(|\.errors\b/.test(line) && !known.test(line))) return undefined;
  return verdict;
}

/** The index just past the `}` that closes the block whose body starts at `start`, or undefined. */
function blockEnd(code: string, start: number): number | undefined {
  let depth = 1;
  for (let at = start; at < code.length; at++) {
    const char = code[at];
    if (char === '"' || char === "'") {
      at = stringEnd(code, at);
      if (at < 0) return undefined;
    } else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return at + 1;
  }
  return undefined;
}

/** The index just past the object literal opening at `start`, or undefined if the text ends first. */
function literalEnd(code: string, start: number): number | undefined {
  let depth = 0;
  for (let at = start; at < code.length; at++) {
    const char = code[at];
    if (char === '"' || char === "'") {
      at = stringEnd(code, at);
      if (at < 0) return undefined;
    } else if (char === '{' || char === '[' || char === '(') depth++;
    else if (char === '}' || char === ']' || char === ')') {
      depth--;
      if (depth === 0) return at + 1;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `start`, or -1. */
function stringEnd(code: string, start: number): number {
  const quote = code[start];
  for (let at = start + 1; at < code.length; at++) {
    if (code[at] === '\\') at++;
    else if (code[at] === quote) return at;
    else if (code[at] === '\n') return -1;
  }
  return -1;
}

/** Top-level `key:value` fields of an object literal's text (without its braces); a shorthand field has no value. */
function fields(inside: string): Map<string, string> | undefined {
  const result = new Map<string, string>();
  let depth = 0;
  let from = 0;
  const take = (to: number): boolean => {
    const field = inside.slice(from, to);
    const match = /^([A-Za-z_$][\w$]*)(?::([\s\S]+))?$/.exec(field);
    if (match === null || result.has(match[1]!)) return false;
    result.set(match[1]!, match[2] ?? match[1]!);
    return true;
  };
  for (let at = 0; at < inside.length; at++) {
    const char = inside[at];
    if (char === '"' || char === "'") {
      at = stringEnd(inside, at);
      if (at < 0) return undefined;
    } else if (char === '{' || char === '[' || char === '(') depth++;
    else if (char === '}' || char === ']' || char === ')') depth--;
    else if (char === ',' && depth === 0) {
      if (!take(at)) return undefined;
      from = at + 1;
    }
  }
  return take(inside.length) ? result : undefined;
}

/**
 * `new Failure(describeN, path, ...locals)` for one of Ajv's error literals, registering its describing function in
 * `describers` (body -> name); undefined for a literal of another shape (a call's options, an unknown Ajv).
 */
function lazyError(literal: string, describers: Map<string, string>): string | undefined {
  const parts = fields(literal.slice(1, -1));
  if (parts === undefined) return undefined;
  const keys = [...parts.keys()].join(',');
  if (keys !== 'instancePath,schemaPath,keyword,params,message') return undefined;
  const keyword = parts.get('keyword')!;
  if (!/^"[A-Za-z$]+"$/.test(keyword)) return undefined;
  const locals: string[] = [];
  const params = withLocals(parts.get('params')!, locals);
  const message = withLocals(parts.get('message')!, locals);
  if (params === undefined || message === undefined || locals.length > PARAMETERS.length) return undefined;
  const parameters = ['instancePath', ...PARAMETERS.slice(0, locals.length)].join(', ');
  const body = `(${parameters}) => ({instancePath,keyword:${keyword},params:${params},message:${message}})`;
  let name = describers.get(body);
  if (name === undefined) {
    name = `describe${describers.size}`;
    describers.set(body, name);
  }
  return `new Failure(${[name, parts.get('instancePath')!, ...locals].join(', ')})`;
}

/**
 * `expression` with each local it names (a free name that module scope does not declare) replaced by the next of
 * PARAMETERS, in order of first use, added to `locals`; undefined for text outside the expressions Ajv writes.
 */
function withLocals(expression: string, locals: string[]): string | undefined {
  let out = '';
  for (let at = 0; at < expression.length; ) {
    const char = expression[at]!;
    if (char === '"' || char === "'") {
      const end = stringEnd(expression, at);
      if (end < 0) return undefined;
      out += expression.slice(at, end + 1);
      at = end + 1;
      continue;
    }
    // A number as JSON writes it (`1e+21` is not the name `e`).
    const number = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(expression.slice(at))?.[0];
    if (number !== undefined) {
      out += number;
      at += number.length;
      continue;
    }
    const name = /^[A-Za-z_$][\w$]*/.exec(expression.slice(at))?.[0];
    if (name === undefined) {
      if (!/[\s\d.+\-{}[\]:,()]/.test(char)) return undefined;
      out += char;
      at++;
      continue;
    }
    const before = expression.slice(0, at).trimEnd();
    const after = expression.slice(at + name.length).trimStart();
    // A property (`schema49.properties`) or an object key (`{limit: 64}`) is not a variable.
    const isVariable = !before.endsWith('.') && !(after.startsWith(':') && /[{,]$/.test(before));
    if (isVariable && !MODULE_NAME.test(name) && !GLOBAL_NAMES.has(name)) {
      if (!locals.includes(name)) locals.push(name);
      out += PARAMETERS[locals.indexOf(name)] ?? name;
    } else out += name;
    at += name.length;
  }
  return out;
}
