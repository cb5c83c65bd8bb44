import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FootprintRow {
  readonly build: string;
  readonly text: number;
  readonly data: number;
  readonly bss: number;
}

/** The helpers' budget on Cortex-M0+ (bytes of text): the issue's 768 and 256, the latter raised by 48 for the status-first rule. */
export const FOOTPRINT_TARGETS = { withStrings: 768, withoutStrings: 304 } as const;

/** Flash and RAM of the generated C helpers on a Cortex-M0+ (`arm-none-eabi-size` of the compiled object). */
export function firmwareFootprint(root: string): FootprintRow[] {
  const out = mkdtempSync(join(tmpdir(), 'iotv1-size-'));
  const flags = ['-mcpu=cortex-m0plus', '-mthumb', '-Os', '-I', join(root, 'packages/c-header/include')];
  return [
    { build: 'with error-type strings', defines: [] },
    { build: 'strings compiled out (IOTV1_NO_STRINGS)', defines: ['-DIOTV1_NO_STRINGS'] },
  ].map(({ build, defines }) => {
    const object = join(out, `${defines.length}.o`);
    execFileSync('arm-none-eabi-gcc', [...flags, ...defines, '-c', join(root, 'packages/c-header/src/iotv1.c'), '-o', object]);
    const [text = 0, data = 0, bss = 0] = execFileSync('arm-none-eabi-size', [object], { encoding: 'utf8' }).split('\n')[1]!.trim().split(/\s+/).map(Number);
    return { build, text, data, bss };
  });
}
