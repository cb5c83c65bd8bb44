import { watch } from 'node:fs';
import { type GenerateOptions, GenerateSession, generate, warmUp } from './generate.js';

/**
 * How long the spec directory must stay quiet before a run starts: an editor's save is a burst of events (truncate
 * and write, or a temporary file renamed into place) within a few milliseconds. A run that reads a file still being
 * written anyway writes and reports nothing (`superseded`); the run after the last event does.
 */
export const SETTLE_MS = 10;

/** Warm-up rounds before the watch reports that it watches (see warmUp). */
const WARM_UP_ROUNDS = 4;

/**
 * Regenerates whenever a file under the spec directory changes; a broken spec is reported and the watch goes on.
 * One session serves every run (see GenerateSession): the targets' worker, the parsers and what they compiled stay
 * loaded, and a run redoes only what the edit changed. Runs never overlap: changes made during a run start one more
 * run once it ends.
 */
export async function watchSpec(options: GenerateOptions): Promise<never> {
  const session = new GenerateSession();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const run = async (first = false): Promise<void> => {
    running = true;
    try {
      await generate(options, session);
      if (first) await warmUp(options, session, WARM_UP_ROUNDS, () => again);
    } catch (error) {
      options.error(`generate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    running = false;
    if (again) {
      again = false;
      return run();
    }
    // Idle until the next change: prepare what it may need.
    setImmediate(() => {
      if (!running) session.prepare();
    });
  };
  // Watching starts before the first run, so that a change made during it is not missed.
  watch(options.specDir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) again = true;
      else void run();
    }, SETTLE_MS);
  });
  await run(true);
  options.log(`watching ${options.specDir} for changes (Ctrl-C to stop)`);
  return new Promise<never>(() => {});
}
