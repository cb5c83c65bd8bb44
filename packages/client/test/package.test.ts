import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RunningServer } from '@iotv1/reference-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './support.js';

/**
 * The package as people get it: packed tarballs installed into a fresh project outside the workspace, type-checked
 * under `strict` with both module resolutions, the README's example run with Node, and attw on the tarball.
 */
const CLIENT = fileURLToPath(new URL('../', import.meta.url));
const REGISTRY = fileURLToPath(new URL('../../registry/', import.meta.url));
const bin = (name: string): string => join(CLIENT, 'node_modules', '.bin', name);
const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

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

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'iotv1-client-pack-'));
  const pack = (dir: string): string => {
    run('pnpm', ['pack', '--pack-destination', work], dir);
    const name = readdirSync(work).find((file) => file.endsWith('.tgz') && file.includes(dir.includes('registry') ? 'registry' : 'client'));
    return join(work, name!);
  };
  tarballs = { registry: pack(REGISTRY), client: pack(CLIENT) };
  project = join(work, 'app');
  mkdirSync(project);
  run('npm', ['init', '-y'], project);
  run('npm', ['pkg', 'set', 'type=module'], project);
  run('npm', ['install', '--no-audit', '--no-fund', tarballs.registry, tarballs.client, 'typescript@5.9.3', 'mqtt@5.16.0'], project);
  server = await startServer();
}, 300_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it.each([
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])(
    'type-checks the README example under strict with moduleResolution %s',
    (name, resolution) => {
      writeFileSync(join(project, 'index.ts'), readmeExample());
      const tsconfig = {
        compilerOptions: { ...resolution, target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] },
        files: ['index.ts'],
      };
      writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify(tsconfig));
      expect(() => run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', `tsconfig.${name}.json`], project)).not.toThrow();
    },
    60_000,
  );

  // The server runs in this process: the example runs asynchronously, so that the server can answer it.
  it('runs the README example with Node against the reference server', async () => {
    const example = readmeExample().replace('https://localhost:8443', server.httpsUrl).replace('mqtt://localhost:1883', server.mqttUrl);
    writeFileSync(join(project, 'example.mjs'), example);
    writeFileSync(join(project, 'cert.pem'), server.certificate);
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: join(project, 'cert.pem') };
    const { stdout } = await promisify(execFile)('node', ['example.mjs'], { cwd: project, env, encoding: 'utf8' });
    expect(stdout).toBe('stored: created\nover MQTT: success created\n');
  }, 60_000);

  it('passes @arethetypeswrong/cli (ESM only)', () => {
    expect(() => run(bin('attw'), [tarballs.client, '--profile', 'esm-only'], work)).not.toThrow();
  }, 60_000);

  it('keeps the HTTPS entry free of mqtt and Node built-ins (browsers)', () => {
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
