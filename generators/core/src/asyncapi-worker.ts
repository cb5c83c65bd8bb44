import { parentPort, workerData } from 'node:worker_threads';

/**
 * Runs @asyncapi/parser on one document in a worker thread: its Spectral ruleset costs about a second of CPU, which
 * then runs beside the rest of generation on another core instead of before it.
 */
const { Parser, fromFile } = await import('@asyncapi/parser');
const { diagnostics } = await fromFile(new Parser(), (workerData as { path: string }).path).parse();
parentPort!.postMessage(
  diagnostics.map((d) => ({ severity: d.severity, code: String(d.code), message: d.message, path: d.path, range: d.range, source: d.source })),
);
