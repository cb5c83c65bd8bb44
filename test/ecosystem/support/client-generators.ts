import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OpenAPITSOptions } from 'openapi-typescript';
import { once } from './scheduling.js';
import { REPO_ROOT, repoPath } from './workspace.js';

// Loaded on first use (each takes a few hundred milliseconds), so that a test file's child processes start meanwhile.
const heyApi = once(() => import('@hey-api/openapi-ts'));
const openapiTypescript = once(() => import('openapi-typescript'));
const orval = once(() => import('orval'));

/**
 * The client generators, each run in this process through its own API with the options its CLI passes for the
 * command line the suite used to spawn (the CLIs are thin argument parsers over these calls). Each writes into an
 * empty folder `out`; `document` is repository-relative.
 */
export interface ClientGenerator {
  /** The case name. */
  readonly name: string;
  /** Names its work directories. */
  readonly id: string;
  /** The command line this call stands for, for assertion messages. */
  readonly command: (document: string) => string;
  readonly generate: (document: string, out: string) => Promise<void>;
  /** A type-level probe compiled with the output (see narrowedTo4003). */
  readonly probe: string;
}

/**
 * A type-level probe compiled with each generator's output: the 403 body of the config GET must carry exactly code
 * 4003, the status-precise error response as each generator types it (`never`, a string or the whole registry fail).
 */
const narrowedTo4003 = (importLine: string, codeType: string) =>
  `${importLine}\ntype Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;\nexport const forbiddenCarries4003: Equals<${codeType}, 4003> = true;\n`;

/**
 * openapi-typescript's CLI lints and bundles with the Redocly config it finds (the root `redocly.yaml`), loaded by
 * the @redocly/openapi-core that openapi-typescript itself depends on: taken from beside it, not declared here.
 */
type RedoclyConfig = NonNullable<OpenAPITSOptions['redocly']>;
const openapiTypescriptRedoclyConfig = once(() => {
  const requireFromOpenapiTypescript = createRequire(createRequire(import.meta.url).resolve('openapi-typescript'));
  const core = requireFromOpenapiTypescript('@redocly/openapi-core') as { loadConfig(options: { configPath: string }): Promise<RedoclyConfig> };
  return core.loadConfig({ configPath: repoPath('redocly.yaml') });
});

export const CLIENT_GENERATORS: readonly ClientGenerator[] = [
  {
    name: 'openapi-typescript',
    id: 'openapi-typescript',
    command: (document) => `openapi-typescript ${document} -o schema.d.ts`,
    // bin/cli.js: `${COMMENT_HEADER}${astToString(await openapiTS(new URL(input, cwd), { redocly, ...flags }))}`.
    generate: async (document, out) => {
      const { default: openapiTS, astToString, COMMENT_HEADER } = await openapiTypescript();
      const ast = await openapiTS(pathToFileURL(repoPath(document)), { redocly: await openapiTypescriptRedoclyConfig(), silent: false });
      writeFileSync(join(out, 'schema.d.ts'), `${COMMENT_HEADER}${astToString(ast)}`);
    },
    probe: narrowedTo4003(
      "import type { paths } from './schema';",
      "paths['/iot/v1/devices/{deviceId}/config']['get']['responses'][403]['content']['application/json']['code']",
    ),
  },
  {
    name: '@hey-api/openapi-ts',
    id: 'openapi-ts',
    command: (document) => `openapi-ts -i ./${document} -o <out> --no-log-file`,
    // dist/run.mjs: createClient(cliToConfig(options)), input and output as arrays; silent only here (it throws anyway).
    generate: async (document, out) => {
      const { createClient } = await heyApi();
      await createClient({ input: [repoPath(document)], output: [out], logs: { file: false, level: 'silent' } });
    },
    probe: narrowedTo4003("import type { GetDeviceConfigErrors } from './types.gen';", "GetDeviceConfigErrors[403]['code']"),
  },
  {
    name: 'orval',
    id: 'orval',
    // The fetch client needs no axios.
    command: (document) => `orval -i ${document} -o client.ts --client fetch`,
    // dist/bin/orval.js: normalizeOptions({ input, output: { target, client } }) and generateSpec(cwd, ...), the
    // repository root being the cwd the CLI was run from. `generate` logs a failure instead of throwing it.
    generate: async (document, out) => {
      const target = join(out, 'client.ts');
      const { generate } = await orval();
      await generate({ input: repoPath(document), output: { target, client: 'fetch' } }, REPO_ROOT);
      if (!existsSync(target)) throw new Error('orval wrote no client.ts (its log above says why)');
    },
    probe: narrowedTo4003("import type { getDeviceConfigResponse403 } from './client';", "getDeviceConfigResponse403['data']['code']"),
  },
];
