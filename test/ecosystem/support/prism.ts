import { freePort } from './ports.js';
import { type RunningTool, startTool, stopTool, type ToolOptions, waitForOutput } from './tool-run.js';

export interface RunningPrism {
  readonly url: string;
  readonly tool: RunningTool;
}

/**
 * Prism (`args`: `mock <document>` or `proxy --errors <document> <upstream>`) on 127.0.0.1 and a free port, once it
 * listens. `onStart` gets the process before the wait, so that the caller can stop it whatever happens next. It
 * starts in seconds; on a 2-core CI machine busy with the other suites it once took more than 30.
 */
export async function startPrism(
  args: readonly string[],
  onStart: (tool: RunningTool) => void = () => undefined,
  options: ToolOptions = {},
  timeoutMs = 90_000,
): Promise<RunningPrism> {
  const port = await freePort();
  const tool = startTool('prism', [...args, '-h', '127.0.0.1', '-p', String(port)], options);
  onStart(tool);
  try {
    await waitForOutput(tool, /Prism is listening on/, timeoutMs);
  } catch (error) {
    await stopTool(tool);
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, tool };
}
