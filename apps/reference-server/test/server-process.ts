import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listeningUrls } from '../src/banner.js';
import { tlsMaterial } from '../src/tls.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** The reference server as users run it (`dist/main.js`), in a process of its own that a test can signal or kill. */
export interface ServerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly httpsUrl: string;
  readonly mqttUrl: string;
  /** The certificate it presents: clients trust only it. */
  readonly certificate: string;
  /** What it printed on stderr so far. */
  stderr(): string;
}

/** A directory for a test's store file and certificate; removed by `dispose`. */
export interface Workdir {
  readonly path: string;
  readonly keyFile: string;
  readonly certFile: string;
  readonly certificate: string;
  dispose(): void;
}

export async function workdir(): Promise<Workdir> {
  const path = mkdtempSync(join(tmpdir(), 'iotv1-server-'));
  const { key, cert } = await tlsMaterial({});
  const keyFile = join(path, 'key.pem');
  const certFile = join(path, 'cert.pem');
  writeFileSync(keyFile, key);
  writeFileSync(certFile, cert);
  return { path, keyFile, certFile, certificate: cert, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/** Starts `dist/main.js` on free loopback ports with the workdir's certificate; resolves once both listeners are up. */
export async function startServerProcess(dir: Workdir, args: readonly string[]): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [MAIN, '--https-port', '0', '--mqtt-port', '0', '--tls-key', dir.keyFile, '--tls-cert', dir.certFile, '--log-level', 'silent', ...args],
    { stdio: 'pipe', cwd: dir.path },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const urls = await new Promise<{ httpsUrl: string; mqttUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 15 s: ${stderr}`)), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const urls = listeningUrls(stdout);
      if (urls === undefined) return;
      clearTimeout(timer);
      resolve(urls);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening: ${stderr}`));
    });
  });
  return { child, ...urls, certificate: dir.certificate, stderr: () => stderr };
}

/** Resolves with how the process ended and after how many ms, or kills it and says so once `boundMs` has passed. */
export async function exitOf(child: ChildProcessWithoutNullStreams, boundMs: number): Promise<{ code: number | null; signal: string | null; afterMs: number }> {
  const started = Date.now();
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode, afterMs: 0 };
  const timer = setTimeout(() => child.kill('SIGKILL'), boundMs);
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  clearTimeout(timer);
  return { code, signal, afterMs: Date.now() - started };
}
