import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/ports.js';

const PRISM = fileURLToPath(new URL('../node_modules/.bin/prism', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface PrismProxy {
  readonly url: string;
  stop(): Promise<void>;
}

export interface PrismOptions {
  /** The OpenAPI document Prism checks requests and responses against. */
  readonly document: string;
  /** The server's HTTPS base URL. */
  readonly upstream: string;
  /** PEM file with the server's certificate: Prism verifies TLS and trusts only what it is told to. */
  readonly caFile: string;
}

/**
 * `prism proxy --errors` on a free loopback port in front of `upstream`: a response that breaks the document
 * becomes a 500 problem+json whose `sl-violations` header lists each violation.
 */
export async function startPrismProxy(options: PrismOptions): Promise<PrismProxy> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: options.caFile };
  delete env.NODE_TLS_REJECT_UNAUTHORIZED; // TLS is checked, whatever the environment running the tests says
  const child = spawn(PRISM, ['proxy', '--errors', '-h', '127.0.0.1', '-p', String(port), options.document, options.upstream], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await listening(child, url);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { url, stop: () => stop(child) };
}

function listening(child: ChildProcess, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    let started = false;
    const fail = (reason: string) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`Prism did not start (${reason}):\n${output}`));
    };
    const timer = setTimeout(() => fail(`not listening after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    // Read Prism's log for as long as it runs (a full pipe would stall it), keeping only its tail for the error message.
    const onOutput = (chunk: Buffer) => {
      output = `${output}${chunk.toString()}`.slice(-8000);
      if (!started && output.includes(`Prism is listening on ${url}`)) {
        started = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
