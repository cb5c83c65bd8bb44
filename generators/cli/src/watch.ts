import { watch } from 'node:fs';
import { type GenerateOptions, generate } from './generate.js';

const SETTLE_MS = 150;

/** Regenerates whenever a file under the spec directory changes; a broken spec is reported and the watch goes on. */
export async function watchSpec(options: GenerateOptions): Promise<never> {
  await generate(options);
  options.log(`watching ${options.specDir} for changes (Ctrl-C to stop)`);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  watch(options.specDir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() => generate(options)).catch((error: unknown) => options.error(String(error)));
    }, SETTLE_MS);
  });
  return new Promise<never>(() => {});
}
