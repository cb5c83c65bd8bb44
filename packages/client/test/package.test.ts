import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from '@iotv1/reference-server';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startServer } from './support.js';

/**
 * The package as people get it: packed tarballs installed into a fresh project outside the workspace, type-checked
 * under `strict` with both module resolutions, the README's example run with Node, and attw on the tarball. One
 * pnpm packs both packages, one npm install installs both tarballs, one Node process type-checks both projects.
 */
const CLIENT = fileURLToPath(new URL('../', import.meta.url));
const WORKSPACE = fileURLToPath(new URL('../../../', import.meta.url));
/** Room for everything a tool may write (diagnostics of a broken build included). */
const OUTPUT = 64 * 1024 * 1024;
const bin = (name: string): string => join(CLIENT, 'node_modules', '.bin', name);
const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: OUTPUT });

/** Runs a command without blocking the server in this process; fails with its command line and all it wrote. */
const runAsync = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, encoding: 'utf8', maxBuffer: OUTPUT }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} failed (${error.code ?? error.signal}):\n${stdout}${stderr}`));
    });
  });

let work: string;
let project: string;
let tarballs: { registry: string; client: string };
let server: RunningServer;

/** The README's runnable example, the one `js` block. */
function readmeExample(): string {
  const readme = readFileSync(join(CLIENT, 'README.md'), 'utf8');
  const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (example === undefined) throw new Error('the README has no js example');
  return example;
}

/** The projects the README example is type-checked in: strict, every declaration file checked, each resolution. */
const RESOLUTIONS = {
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
} as const;

/**
 * What `tsc -p` reports for each tsconfig named on its command line (its diagnostics, formatted; '' when clean),
 * computed as tsc computes it by the TypeScript installed in the project, all projects in one process: TypeScript
 * loads, and the JIT warms up, once.
 */
const TYPECHECK = `const ts = require('typescript');
const results = {};
for (const config of process.argv.slice(2)) {
  const diagnostics = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(config, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => diagnostics.push(d) });
  if (parsed !== undefined) {
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences, configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed) });
    diagnostics.push(...ts.getPreEmitDiagnostics(program));
    if (!parsed.options.noEmit) diagnostics.push(...program.emit().diagnostics);
  }
  results[config] = ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\\n' });
}
process.stdout.write(JSON.stringify(results));
`;

/** The diagnostics of each tsconfig.<resolution>.json, type-checked once for the tests that ask. */
let checked: Record<string, string> | undefined;
function typeChecked(): Record<string, string> {
  if (checked === undefined) {
    const configs = Object.keys(RESOLUTIONS).map((name) => `tsconfig.${name}.json`);
    checked = JSON.parse(run('node', ['typecheck.cjs', ...configs], project)) as Record<string, string>;
  }
  return checked;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'iotv1-client-pack-'));
  // One pnpm for both (it writes the client's `workspace:*` dependency as the registry's version).
  run('pnpm', ['--filter', '@iotv1/registry', '--filter', '@iotv1/client', 'pack', '--pack-destination', work], CLIENT);
  const tarball = (name: string): string => {
    const file = readdirSync(work).find((f) => f.startsWith(`iotv1-${name}-`) && f.endsWith('.tgz'));
    if (file === undefined) throw new Error(`pnpm pack wrote no tarball of @iotv1/${name} to ${work}: ${readdirSync(work).join(', ')}`);
    return join(work, file);
  };
  tarballs = { registry: tarball('registry'), client: tarball('client') };
  project = join(work, 'app');
  mkdirSync(project);
  // What `npm init -y` and `npm pkg set type=module` write, without the two npm processes.
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  // Both tarballs and the two registry packages in one install; npm's cache first (it asks the registry for what
  // the cache lacks).
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarballs.registry, tarballs.client, 'typescript@5.9.3', 'mqtt@5.16.0'], project);
  writeFileSync(join(project, 'index.ts'), readmeExample());
  for (const [name, resolution] of Object.entries(RESOLUTIONS)) {
    const compilerOptions = { ...resolution, target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] };
    writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: ['index.ts'] }));
  }
  writeFileSync(join(project, 'typecheck.cjs'), TYPECHECK);
  server = await startServer();
}, 300_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('is installed from the tarballs into a project outside the workspace', ({ expect }) => {
    const inside = (dir: string, root: string): boolean => !relative(realpathSync(root), realpathSync(dir)).startsWith('..');
    expect(inside(project, WORKSPACE), `${project} is inside the workspace`).toBe(false);
    for (const name of ['@iotv1/client', '@iotv1/registry']) {
      const installed = join(project, 'node_modules', name);
      expect(inside(installed, project), `${name} is a link out of the project`).toBe(true);
    }
    const version = (dir: string): unknown => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: unknown }).version;
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/@iotv1/client/package.json'), 'utf8')) as { dependencies: object };
    expect(manifest.dependencies).toEqual({ '@iotv1/registry': version(join(CLIENT, '../registry')) });
  });

  // The first of these type-checks both projects: twice the time of one.
  it.for(Object.keys(RESOLUTIONS))('type-checks the README example under strict with moduleResolution %s', { timeout: 120_000 }, (name, { expect }) => {
    expect(typeChecked()[`tsconfig.${name}.json`]).toBe('');
  });

  // The server runs in this process: the example runs asynchronously, so that the server can answer it.
  it('runs the README example with Node against the reference server', async ({ expect }) => {
    const example = readmeExample().replace('https://localhost:8443', server.httpsUrl).replace('mqtt://localhost:1883', server.mqttUrl);
    writeFileSync(join(project, 'example.mjs'), example);
    writeFileSync(join(project, 'cert.pem'), server.certificate);
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: join(project, 'cert.pem') };
    expect(await runAsync('node', ['example.mjs'], project, env)).toBe('stored: created\nover MQTT: success created\n');
  }, 60_000);

  it('passes @arethetypeswrong/cli (ESM only)', async () => {
    await runAsync(bin('attw'), [tarballs.client, '--profile', 'esm-only'], work);
  }, 60_000);

  it('keeps the HTTPS entry free of mqtt and Node built-ins (browsers)', ({ expect }) => {
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, specifier] of readFileSync(join(CLIENT, 'dist', file), 'utf8').matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)) {
        if (specifier!.startsWith('.')) visit(posix.join(posix.dirname(file), specifier!));
        else bare.add(specifier!);
      }
    };
    visit('index.js');
    expect([...bare]).toEqual(['@iotv1/registry']);
  });
});
