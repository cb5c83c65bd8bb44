import { spawn } from 'node:child_process';

export interface BoundedOptions {
  readonly cwd: string;
  /** Past this, the command and every process it started are killed, and the run fails. */
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs a command to its end within a time bound; resolves with its stdout when it exits 0, fails with its command
 * line and output otherwise. It runs in a process group of its own, so that a timeout also ends what it started
 * (pnpm's children, tsc).
 */
export function runBounded(command: string, args: readonly string[], options: BoundedOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    const line = [command, ...args].join(' ');
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${line}: ${error.message}`));
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (status === 0) resolve(stdout);
      else
        reject(
          new Error(`${line} ${timedOut ? `did not end within ${options.timeoutMs} ms` : `exited with ${status ?? signal}`} (in ${options.cwd})\n${output}`),
        );
    });
  });
}
