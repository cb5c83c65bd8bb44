import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedFiles, generateInProcess, REPO_ROOT, removeTempRoots, runGenerate, snapshotTree, tempRootWithSpec } from './support/workspace.js';

afterAll(removeTempRoots);

const REGISTRY = 'spec/schemas/response-code.schema.json';

function editJson(root: string, path: string, edit: (data: Record<string, unknown>) => unknown, indent: number | string = 2): void {
  const data = JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(root, path), JSON.stringify(edit(data), null, indent));
}

describe('pnpm generate', () => {
  it('gives byte-identical output on every run and from every checkout, equal to the committed files', async () => {
    const first = tempRootWithSpec();
    const second = tempRootWithSpec();
    // The real CLI once, then the CLI's own `generate` in this process: both give the same bytes.
    expect(runGenerate(first).status).toBe(0);
    expect((await generateInProcess(second)).status).toBe(0);
    const output = generatedFiles(first);
    expect(generatedFiles(second)).toEqual(output);
    for (const [path, content] of Object.entries(output)) expect(readFileSync(join(REPO_ROOT, path), 'utf8'), path).toBe(content);
    // and nothing else sits in a src/gen directory of the repository
    expect(Object.keys(generatedFiles(REPO_ROOT)).sort()).toEqual(Object.keys(output).sort());
  });

  it('writes only what changed and takes the no-change fast path on a second run', async () => {
    const root = tempRootWithSpec();
    const cold = await generateInProcess(root);
    expect(cold.stdout).toMatch(/generate: \d+ written, 0 unchanged, 0 removed/);
    expect((await generateInProcess(root)).stdout).toMatch(/up to date, nothing to do/);
    editJson(root, 'spec/schemas/feed-data-status.schema.json', (d) => ({ ...d, description: 'Edited.' }));
    const warm = await generateInProcess(root);
    expect(warm.status).toBe(0);
    expect(warm.stdout).toMatch(/generate: [1-9]\d* written, [1-9]\d* unchanged/);
  });

  it('does not depend on the order of registry entries, on key order or on formatting', async () => {
    const reference = tempRootWithSpec();
    expect((await generateInProcess(reference)).status).toBe(0);
    const expected = generatedFiles(reference);
    await fc.assert(
      fc.asyncProperty(fc.infiniteStream(fc.double()), fc.constantFrom(0, 2, '\t'), async (randoms, indent) => {
        const root = tempRootWithSpec();
        editJson(
          root,
          REGISTRY,
          (d) => {
            const shuffled = [...(d.oneOf as unknown[])].sort(() => randoms.next().value - 0.5);
            return Object.fromEntries(Object.entries({ ...d, oneOf: shuffled }).reverse());
          },
          indent,
        );
        expect((await generateInProcess(root)).status).toBe(0);
        expect(generatedFiles(root)).toEqual(expected);
      }),
      { numRuns: 5 },
    );
  });

  it('rewrites, for a changed meaning, only the files that show it and the one contract stamp of each package', async () => {
    const root = tempRootWithSpec();
    expect((await generateInProcess(root)).status).toBe(0);
    editJson(root, REGISTRY, (d) => ({
      ...d,
      oneOf: (d.oneOf as { const: number; description: string }[]).map((e) => (e.const === 4029 ? { ...e, description: `${e.description} Edited.` } : e)),
    }));
    const run = await generateInProcess(root);
    expect(run.status, run.stderr).toBe(0);
    const written = [...run.stdout.matchAll(/^ {2}wrote (\S+)$/gm)].map(([, path]) => path);
    expect(written.sort()).toEqual(
      [
        // Each package's stamp: the content hash changed (the vectors carry theirs).
        'packages/c-header/src/gen/iotv1_version.h',
        'packages/client/src/gen/contract.ts',
        'packages/conformance/src/gen/vectors.json',
        'packages/docs/src/gen/contract.json',
        'packages/registry/src/gen/contract.ts',
        'packages/spec/src/gen/contract.json',
        'packages/validators/src/gen/contract.ts',
        // The files that show the meaning.
        'packages/c-header/src/gen/iotv1_registry.h',
        'packages/docs/src/gen/markdown/reference.md',
        'packages/docs/src/gen/markdown/response-codes.md',
        'packages/docs/src/gen/site/index.html',
        'packages/registry/src/gen/registry.ts',
        'packages/spec/src/gen/openapi.json',
        'packages/spec/src/gen/openapi.yaml',
        'packages/spec/src/gen/schemas/response-code.schema.json',
      ].sort(),
    );
  });

  it('finishes its work and exits 0 when the reader of its output has gone (`pnpm generate | true`)', async () => {
    const root = tempRootWithSpec();
    const cli = join(REPO_ROOT, 'generators/cli/dist/bin.js');
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${cli}" generate --root "${root}" | true`], { encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/EPIPE/);
    expect(run.status).toBe(0);
    // It wrote everything and its stamp: the next run has nothing to do.
    expect((await generateInProcess(root)).stdout).toMatch(/up to date, nothing to do/);
  });

  it('owns src/gen whole: removes a file there it no longer produces, and leaves the files beside it', async () => {
    const root = tempRootWithSpec();
    expect((await generateInProcess(root)).status).toBe(0);
    writeFileSync(join(root, 'packages/registry/src/gen/obsolete.ts'), '// generated long ago\n');
    writeFileSync(join(root, 'packages/registry/src/hand-written.ts'), '// mine\n');
    const run = await generateInProcess(root);
    expect(run.stdout).toContain('removed packages/registry/src/gen/obsolete.ts');
    expect(existsSync(join(root, 'packages/registry/src/gen/obsolete.ts'))).toBe(false);
    expect(readFileSync(join(root, 'packages/registry/src/hand-written.ts'), 'utf8')).toBe('// mine\n');
  });
});

describe('pnpm generate --check', () => {
  it('passes on fresh output, then fails after a spec edit, names the stale files, and writes nothing', async () => {
    const root = tempRootWithSpec();
    expect((await generateInProcess(root)).status).toBe(0);
    expect((await generateInProcess(root, '--check')).status).toBe(0);
    editJson(root, REGISTRY, (d) => ({
      ...d,
      oneOf: (d.oneOf as { const: number; title: string }[]).map((e) => (e.const === 4029 ? { ...e, 'x-retryable': false } : e)),
    }));
    const before = snapshotTree(root);
    const check = await generateInProcess(root, '--check');
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('packages/registry/src/gen/registry.ts (differs from what the spec produces)');
    expect(check.stderr).toContain('Run `pnpm generate`');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('fails when a generated file was edited by hand or deleted', async () => {
    const root = tempRootWithSpec();
    expect((await generateInProcess(root)).status).toBe(0);
    appendFileSync(join(root, 'packages/registry/src/gen/registry.ts'), '// hand edit\n');
    rmSync(join(root, 'packages/registry/src/gen/contract.ts'));
    const check = await generateInProcess(root, '--check');
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('packages/registry/src/gen/registry.ts');
    expect(check.stderr).toContain('packages/registry/src/gen/contract.ts');
    // and a plain run repairs both, despite the stamp from the earlier run
    expect((await generateInProcess(root)).stdout).toMatch(/2 written/);
  });
});

describe('pnpm generate --watch', () => {
  it('regenerates after a spec edit, reports a broken edit without writing, and keeps watching', async () => {
    const root = tempRootWithSpec();
    const child = spawn(process.execPath, [join(REPO_ROOT, 'generators/cli/dist/bin.js'), 'generate', '--watch', '--root', root]);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let seen = 0;
    /** Waits for `pattern` in what the watcher printed since the last wait. */
    const waitFor = async (pattern: RegExp): Promise<void> => {
      for (let waited = 0; !pattern.test(output.slice(seen)); waited += 50) {
        if (waited > 30_000) throw new Error(`timed out waiting for ${pattern}; output so far:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      seen = output.length;
    };
    try {
      await waitFor(/watching/);
      const registryTs = join(root, 'packages/registry/src/gen/registry.ts');
      const valid = readFileSync(join(root, REGISTRY), 'utf8');
      editJson(root, REGISTRY, (d) => ({ ...d, oneOf: (d.oneOf as { const: number }[]).map((e) => (e.const === 4004 ? { ...e, title: 'Not There' } : e)) }));
      await waitFor(/wrote packages\/registry\/src\/gen\/registry\.ts/);
      expect(readFileSync(registryTs, 'utf8')).toContain('"Not There"');
      const before = generatedFiles(root);
      writeFileSync(join(root, REGISTRY), '{ not json');
      await waitFor(/no file was changed/);
      expect(generatedFiles(root)).toEqual(before);
      writeFileSync(join(root, REGISTRY), valid);
      await waitFor(/wrote packages\/registry\/src\/gen\/registry\.ts/);
      expect(readFileSync(registryTs, 'utf8')).not.toContain('"Not There"');
    } finally {
      child.kill();
    }
  });
});
