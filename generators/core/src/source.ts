import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Diagnostic } from '@iotv1/generator-kit';
import { decodePointer } from '@iotv1/generator-kit';
import { type ParseError, parse as parseJson, printParseErrorCode } from 'jsonc-parser';
import { type Document, isNode, isPair, isScalar, LineCounter, parseDocument } from 'yaml';

/** A parsed spec file that remembers where each value came from, so problems can name a line. */
export interface SourceFile {
  readonly absolutePath: string;
  /** Path shown to people: relative to the directory above `spec/`, with forward slashes. */
  readonly displayPath: string;
  readonly data: unknown;
  /** Locates a JSON pointer in the file's text (the deepest existing node on its path). */
  locate(pointer: string): { line: number; column: number } | undefined;
}

export type LoadResult = { ok: true; file: SourceFile } | { ok: false; diagnostics: Diagnostic[] };

export function displayPathOf(absolutePath: string, displayRoot: string): string {
  return relative(displayRoot, absolutePath).split(sep).join('/');
}

/** The text each loaded file was read from (for the warm reload's caches: what a result depends on). */
const texts = new WeakMap<SourceFile, string>();

/** The text `file` was read from, when `loadSourceFile` loaded it. */
export function sourceText(file: SourceFile): string | undefined {
  return texts.get(file);
}

/** Reads YAML or JSON (JSON is parsed as YAML 1.2, which keeps positions and rejects duplicate keys). */
export function loadSourceFile(absolutePath: string, displayRoot: string, cache?: SourceCache): LoadResult {
  const displayPath = displayPathOf(absolutePath, displayRoot);
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : String(error);
    return { ok: false, diagnostics: [{ file: displayPath, pointer: '', message: `Cannot read the file: ${reason}.`, rule: 'source/unreadable' }] };
  }
  const parse = (): Parsed => parseText(absolutePath, displayPath, text);
  return fromParsed(absolutePath, displayPath, text, cache === undefined ? parse() : cache.parsed(absolutePath, displayPath, text, parse));
}

/** A file's text parsed: its YAML document, or why it cannot be read. Depends on nothing but its arguments. */
type Parsed = { readonly document: Document; readonly lineCounter: LineCounter } | { readonly diagnostics: readonly Diagnostic[] };

/**
 * Parsed texts kept from one load of the spec to the next (`--watch`): a file whose text did not change is not parsed
 * again. Every load still builds its data afresh from the parsed document (`toJS`), so what one run's generators do
 * with the data cannot reach the next run. Files not loaded by the last run are forgotten.
 */
export class SourceCache {
  #entries = new Map<string, { key: string; parsed: Parsed }>();
  #used = new Map<string, { key: string; parsed: Parsed }>();

  parsed(absolutePath: string, displayPath: string, text: string, parse: () => Parsed): Parsed {
    const key = `${displayPath}\u0000${text}`;
    const hit = this.#used.get(absolutePath) ?? this.#entries.get(absolutePath);
    const entry = hit !== undefined && hit.key === key ? hit : { key, parsed: parse() };
    this.#used.set(absolutePath, entry);
    return entry.parsed;
  }

  /** Ends one load of the spec: only the files it read are kept. */
  sweep(): void {
    this.#entries = this.#used;
    this.#used = new Map();
  }
}

function fromParsed(absolutePath: string, displayPath: string, text: string, parsed: Parsed): LoadResult {
  if ('diagnostics' in parsed) return { ok: false, diagnostics: parsed.diagnostics.map((d) => ({ ...d })) };
  const { document, lineCounter } = parsed;
  let data: unknown;
  try {
    // Alias expansion is bounded: a few lines of YAML must not expand into gigabytes (a "billion laughs").
    data = document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return {
      ok: false,
      diagnostics: [
        { file: displayPath, pointer: '', message: `The file cannot be read as data: ${firstLine((error as Error).message)}.`, rule: 'source/syntax' },
      ],
    };
  }
  const file: SourceFile = { absolutePath, displayPath, data, locate: (pointer) => locate(document, lineCounter, pointer) };
  texts.set(file, text);
  return { ok: true, file };
}

function parseText(absolutePath: string, displayPath: string, text: string): Parsed {
  if (absolutePath.endsWith('.json')) {
    const jsonProblem = strictJsonProblem(text, displayPath);
    if (jsonProblem !== undefined) return { diagnostics: [jsonProblem] };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  if (document.errors.length > 0) {
    return {
      diagnostics: document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          file: displayPath,
          pointer: '',
          line: position.line,
          column: position.col,
          message: `The file is not valid ${absolutePath.endsWith('.json') ? 'JSON' : 'YAML'}: ${firstLine(error.message)}.`,
          rule: 'source/syntax',
        };
      }),
    };
  }
  return { document, lineCounter };
}

/**
 * YAML 1.2 accepts what JSON does not (trailing commas, comments, single quotes), and other tools read these files
 * as JSON: hold them to JSON, and say where the first fault is.
 */
function strictJsonProblem(text: string, displayPath: string): Diagnostic | undefined {
  const errors: ParseError[] = [];
  parseJson(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  if (first === undefined) return undefined;
  const before = text.slice(0, first.offset).split('\n');
  const what = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return {
    file: displayPath,
    pointer: '',
    line: before.length,
    column: before[before.length - 1]!.length + 1,
    message: `The file is not valid JSON: ${what}.`,
    rule: 'source/syntax',
  };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/[.:]\s*$/, '');
}

function locate(document: Document, lineCounter: LineCounter, pointer: string): { line: number; column: number } | undefined {
  let node: unknown = document.contents;
  let keyOffset: number | undefined;
  for (const segment of decodePointer(pointer)) {
    if (!isNode(node) || !('items' in node) || !Array.isArray(node.items)) break;
    const items: unknown[] = node.items;
    const next = items.find((item, index) => (isPair(item) ? isScalar(item.key) && String(item.key.value) === segment : String(index) === segment));
    if (next === undefined) break;
    if (isPair(next)) {
      keyOffset = isNode(next.key) ? next.key.range?.[0] : undefined;
      node = next.value;
    } else {
      keyOffset = undefined;
      node = next;
    }
  }
  const offset = keyOffset ?? (isNode(node) ? node.range?.[0] : undefined);
  if (offset === undefined) return undefined;
  const position = lineCounter.linePos(offset);
  return { line: position.line, column: position.col };
}
