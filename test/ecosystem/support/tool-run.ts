import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT, toolBin } from './workspace.js';

/** Plain output, and no tool phones home or prints update notices during a test run. */
const TOOL_ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' };

/** A started tool whose output is collected as it comes. */
export interface RunningTool {
  readonly command: string;
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

export interface ToolRun {
  readonly command: string;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ToolOptions {
  readonly cwd?: string;
  /** Variables on top of the tools' environment; `undefined` removes one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Starts `name` from this package's node_modules/.bin in its own process group, so that stopping it stops its children too. */
export function startTool(name: string, args: readonly string[], { cwd = REPO_ROOT, env = {} }: ToolOptions = {}): RunningTool {
  const merged: NodeJS.ProcessEnv = { ...TOOL_ENV, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  const child = spawn(toolBin(name), args, { cwd, env: merged, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  return { command: [name, ...args].join(' '), child, stdout: () => output.stdout, stderr: () => output.stderr };
}

/** Runs a tool to completion; it is killed (with its process group) after `timeoutMs`. */
export function runTool(name: string, args: readonly string[], { cwd = REPO_ROOT, timeoutMs = 60_000 } = {}): Promise<ToolRun> {
  const tool = startTool(name, args, { cwd });
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(tool.child, 'SIGKILL');
    }, timeoutMs);
    tool.child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    tool.child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ command: tool.command, exitCode, timedOut, stdout: tool.stdout(), stderr: tool.stderr() });
    });
  });
}

/** Stops a started tool: SIGTERM to its group, then SIGKILL if it is still there after `graceMs`. */
export async function stopTool({ child }: RunningTool, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group has already gone.
  }
}

/** The command and everything it printed, for an assertion message. */
export function describeRun(run: ToolRun): string {
  const status = run.timedOut ? 'killed after its timeout' : `exit code ${run.exitCode}`;
  return [`$ ${run.command}  (${status})`, run.stdout.trim(), run.stderr.trim()].filter(Boolean).join('\n');
}

/** Resolves once the tool prints `pattern`; rejects when it exits first or after `timeoutMs`. */
export function waitForOutput(tool: RunningTool, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const seen = () => pattern.test(tool.stdout()) || pattern.test(tool.stderr());
    const done = (error?: Error) => {
      clearInterval(poll);
      clearTimeout(timer);
      tool.child.off('close', onExit);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onExit = () => done(seen() ? undefined : new Error(`${tool.command} exited before printing ${pattern}:\n${tool.stdout()}${tool.stderr()}`));
    const poll = setInterval(() => seen() && done(), 50);
    const timer = setTimeout(
      () => done(new Error(`${tool.command} printed no ${pattern} within ${timeoutMs} ms:\n${tool.stdout()}${tool.stderr()}`)),
      timeoutMs,
    );
    tool.child.once('close', onExit);
  });
}
