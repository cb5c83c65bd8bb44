import { parentPort } from 'node:worker_threads';
import { precompiledStructureRules } from './asyncapi-structure-rules.js';

/** A request to parse one document, and its answer (undefined diagnostics: the parser could not run). */
export interface ParseRequest {
  readonly id: number;
  readonly path: string;
}

/**
 * Runs @asyncapi/parser in a worker thread, for every document its process asks about: loading the parser costs
 * about a second of CPU, paid once per process (a test file loads dozens of specs), and runs beside the rest of
 * generation on another core instead of before it. Its structure rules use validators compiled at build time.
 */
const { Parser, fromFile } = await import('@asyncapi/parser');
const parser = new Parser({ ruleset: { rules: precompiledStructureRules() as never } });
parentPort!.on('message', async ({ id, path }: ParseRequest) => {
  try {
    const { diagnostics } = await fromFile(parser, path).parse();
    const found = diagnostics.map((d) => ({ severity: d.severity, code: String(d.code), message: d.message, path: d.path, range: d.range, source: d.source }));
    parentPort!.postMessage({ id, diagnostics: found });
  } catch {
    parentPort!.postMessage({ id, diagnostics: undefined });
  }
});
