import { freePort } from './ports.js';
import { type RunningTool, startTool, stopTool, waitForOutput } from './tool-run.js';

export interface MockServer {
  readonly url: string;
  readonly tool: RunningTool;
}

/**
 * `prism mock` on `document` (repository-relative), on 127.0.0.1 and a free port, once it listens. `onStart` gets the
 * process before the wait, so that the caller can stop it whatever happens next.
 */
export async function startPrism(document: string, onStart: (tool: RunningTool) => void, timeoutMs = 30_000): Promise<MockServer> {
  const port = await freePort();
  const tool = startTool('prism', ['mock', '-h', '127.0.0.1', '-p', String(port), document]);
  onStart(tool);
  try {
    await waitForOutput(tool, /Prism is listening on/, timeoutMs);
  } catch (error) {
    await stopTool(tool);
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, tool };
}
