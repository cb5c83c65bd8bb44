import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The size target of the HTTPS client with its registry (issue 8), minified and gzipped. */
export const CLIENT_SIZE_TARGET_BYTES = 3_000;

export interface SizeRow {
  readonly bundle: string;
  readonly minified: number;
  readonly gzipped: number;
}

const BUNDLES: readonly { readonly bundle: string; readonly entry: string }[] = [
  { bundle: '`@iotv1/client` (HTTPS entry, every operation) + `@iotv1/registry`', entry: "export * from '@iotv1/client';" },
  { bundle: '`createClient` + `submitFeedData` only', entry: "export { createClient, submitFeedData } from '@iotv1/client';" },
  { bundle: '`@iotv1/registry` alone', entry: "export * from '@iotv1/registry';" },
  { bundle: 'openapi-fetch 0.17 (for comparison)', entry: "export { default } from 'openapi-fetch';" },
];

/** Each bundle as a browser would get it: esbuild, ESM, minified, tree-shaken; gzip level 9. */
export async function clientSizes(): Promise<SizeRow[]> {
  const benchDir = fileURLToPath(new URL('..', import.meta.url));
  // The registry is a dependency of the client, not of the bench: resolve it from the client package.
  const clientDir = dirname(createRequire(import.meta.url).resolve('@iotv1/client/package.json'));
  const rows: SizeRow[] = [];
  for (const { bundle, entry } of BUNDLES) {
    const resolveDir = entry.includes('@iotv1/registry') ? clientDir : benchDir;
    const result = await build({
      stdin: { contents: entry, resolveDir, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    rows.push({ bundle, minified: code.length, gzipped: gzipSync(code, { level: 9 }).length });
  }
  return rows;
}
