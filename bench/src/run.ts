import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadContract } from '@iotv1/generator-core';
import { CLIENT_SIZE_TARGET_BYTES, clientSizes } from './client-size.js';
import { FOOTPRINT_TARGETS, firmwareFootprint } from './firmware-size.js';
import { benchValidators, type ValidatorRow } from './validators.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
/** Time per task; the whole run stays well under a minute. */
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 400);

const model = await loadContract(`${ROOT}spec`);
const rows = await benchValidators(model, TIME_MS);
const footprint = firmwareFootprint(ROOT);
const sizes = await clientSizes();
const report = [
  '# Benchmarks',
  '',
  `Measured by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), Node ${process.version}, contract ${model.version}. Each figure is the median of 3 tinybench rounds of ${TIME_MS} ms per task, in one run on one machine.`,
  '',
  '## Validators',
  '',
  'Operations per second on the spec\'s payloads: `@iotv1/validators` (precompiled at generation time), Ajv 8 compiled at run time from the same schemas (same options: stop at the first error), and zod 4 (`z.fromJSONSchema` on the same schemas, references inlined). "vs JSON.parse" is the validation time as a fraction of parsing the same body.',
  '',
  '| Payload | Bytes | Valid | ours ops/s | Ajv ops/s | zod ops/s | ours / Ajv | ours / zod | vs JSON.parse |',
  '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(row),
  '',
  '## Firmware footprint',
  '',
  `The generated C helpers (\`packages/c-header/src/iotv1.c\`: every lookup and the device rule) for a Cortex-M0+, \`arm-none-eabi-gcc -mcpu=cortex-m0plus -mthumb -Os\`, measured with \`arm-none-eabi-size\` (text includes the read-only tables). Targets: at most ${FOOTPRINT_TARGETS.withStrings} bytes of text with strings, ${FOOTPRINT_TARGETS.withoutStrings} without, no data and no bss.`,
  '',
  '| Build | text | data | bss |',
  '| --- | ---: | ---: | ---: |',
  ...footprint.map((f) => `| ${f.build} | ${f.text} | ${f.data} | ${f.bss} |`),
  '',
  '## Client size',
  '',
  `What a browser downloads: esbuild bundles (ESM, minified, tree-shaken), gzip level 9. Target: the HTTPS client with its registry at most ${CLIENT_SIZE_TARGET_BYTES} bytes min+gz.`,
  '',
  '| Bundle | min (bytes) | min+gz (bytes) |',
  '| --- | ---: | ---: |',
  ...sizes.map((s) => `| ${s.bundle} | ${s.minified} | ${s.gzipped} |`),
  '',
].join('\n');
writeFileSync(RESULTS, report);
console.log(report);

function row(r: ValidatorRow): string {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const ratio = (n: number) => `${n.toFixed(2)}x`;
  return `| ${r.payload} | ${r.bytes} | ${r.valid ? 'yes' : 'no'} | ${fmt(r.ours)} | ${fmt(r.ajv)} | ${fmt(r.zod)} | ${ratio(r.ours / r.ajv)} | ${ratio(r.ours / r.zod)} | ${(r.jsonParse / r.ours).toFixed(2)} |`;
}
