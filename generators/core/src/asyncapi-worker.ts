import { parentPort, workerData } from 'node:worker_threads';
import { precompiledStructureRules } from './asyncapi-structure-rules.js';

/**
 * Runs @asyncapi/parser on one document in a worker thread: loading it costs about half a second of CPU, which then
 * runs beside the rest of generation on another core instead of before it. Its structure rules use validators
 * compiled at build time.
 */
const { Parser, fromFile } = await import('@asyncapi/parser');
const parser = new Parser({ ruleset: { rules: precompiledStructureRules() as never } });
const { diagnostics } = await fromFile(parser, (workerData as { path: string }).path).parse();
parentPort!.postMessage(
  diagnostics.map((d) => ({ severity: d.severity, code: String(d.code), message: d.message, path: d.path, range: d.range, source: d.source })),
);
