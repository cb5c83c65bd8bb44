import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, describe, type ExpectStatic, it } from 'vitest';
import { parse } from 'yaml';
import { parseAsyncApi } from './support/asyncapi.js';
import { bundledResponses } from './support/bundled-responses.js';
import { CLIENT_GENERATORS } from './support/client-generators.js';
import { BUNDLED_OPENAPI, DOCUMENT_SETS, type DocumentSet } from './support/document-sets.js';
import { type GenerationJob, generateAndTypeCheck } from './support/generated-code.js';
import { schemaFileProblems } from './support/json-schema.js';
import { redoclyReports } from './support/lint-reports.js';
import { exerciseMock } from './support/mock-exchanges.js';
import { isObject, operationsOf, readDocument } from './support/openapi-document.js';
import { startPrism } from './support/prism.js';
import { once, withThisThread, withToolProcess } from './support/scheduling.js';
import { spectralLint } from './support/spectral.js';
import { describeRun, type RunningTool, runTool, stopTool } from './support/tool-run.js';
import { freshWorkDir, missingFiles, repoPath, workPath } from './support/workspace.js';

/**
 * Every tool on every document set. The cases of both sets run concurrently: the tools that have an API run in this
 * process, each module loaded once; Redocly (one bundled CLI, no API installed), Prism (a server) and tsc run as
 * child processes, at most one fewer than the cores at a time (`withToolProcess`), while this thread works on the
 * others. No tool runs twice on the same input: an AsyncAPI document is parsed once for the parser's case and
 * Modelina's, and all generated code is type-checked together (see generatedCode).
 */

/** A missing document fails the case (it is generated output that must be there), it never skips it. */
function expectFiles(expect: ExpectStatic, paths: readonly string[]): void {
  expect(missingFiles(paths), 'missing documents (packages/spec/src/gen/ is generated output and must be there)').toEqual([]);
}

function externalRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(externalRefs);
  if (!isObject(node)) return [];
  const own = typeof node.$ref === 'string' && !node.$ref.startsWith('#') ? [node.$ref] : [];
  return [...own, ...Object.values(node).flatMap(externalRefs)];
}

const workFolder = (set: DocumentSet, tool: string, document: string) => workPath(set.id, tool, basename(document));

/** Loaded on first use (about a second), so that the child processes start meanwhile. */
const modelina = once(() => import('@asyncapi/modelina'));

/**
 * Every client generator on every OpenAPI document and Modelina on every AsyncAPI document of every set, each into an
 * empty folder, then one type-check of them all: started by the first case that needs it, shared by all of them.
 */
const generatedCode = once(() => {
  const jobs: GenerationJob[] = DOCUMENT_SETS.flatMap((set) => [
    ...CLIENT_GENERATORS.flatMap(({ id, generate, probe }) =>
      set.openapi.map((document) => {
        const folder = freshWorkDir(set.id, id, basename(document));
        return { folder, run: () => generate(document, folder), probe };
      }),
    ),
    ...set.asyncapi.map((document) => {
      const folder = freshWorkDir(set.id, 'modelina', basename(document));
      const run = async () => {
        const { parsed, errors } = await parseAsyncApi(document);
        if (parsed === undefined || errors.length > 0) throw new Error(`${document} does not parse:\n${errors.join('\n')}`);
        const { TypeScriptFileGenerator } = await modelina();
        const models = await new TypeScriptFileGenerator().generateToFiles(parsed, folder, { exportType: 'named' }, true);
        return models.length;
      };
      return { folder, run };
    }),
  ]);
  // Modelina's jobs parse through the shared parseAsyncApi, which itself never asks for the thread.
  return generateAndTypeCheck(jobs, freshWorkDir('type-check'), withThisThread);
});

/**
 * `redocly lint` once over the OpenAPI documents of every set (the CLI is one bundled file with no API beside it:
 * @redocly/openapi-core is not installed for it), one report per document. A missing document is left out, so that
 * it fails the cases of its own set only.
 */
const redoclyLint = once(async () => {
  const documents = DOCUMENT_SETS.flatMap((set) => set.openapi).filter((document) => missingFiles([document]).length === 0);
  const run = await withToolProcess(() => runTool('redocly', ['lint', ...documents, '--config', repoPath('redocly.yaml'), '--format', 'json']));
  return { run, reports: redoclyReports(run, documents) };
});

/** Response contracts of the bundle, compiled once for both sets' mocks. */
const bundleContract = once(async () => bundledResponses(BUNDLED_OPENAPI));

describe.concurrent.each(DOCUMENT_SETS)('$name', (set: DocumentSet) => {
  const mocks: RunningTool[] = [];
  afterAll(() => Promise.all(mocks.map((mock) => stopTool(mock))));

  it('Prism mock: every operation answers every status it lists with a body valid against the bundle', async ({ expect }) => {
    expectFiles(expect, [...set.openapi, BUNDLED_OPENAPI]);
    const contractOf = await bundleContract();
    for (const document of set.openapi) {
      // The CLI is what users run; Prism is a server, and the suite talks to it over HTTP on loopback.
      const { mock, round } = await withToolProcess(async () => {
        const mock = await startPrism(['mock', document], (tool) => mocks.push(tool));
        try {
          return { mock, round: await exerciseMock(mock.url, readDocument(document), contractOf) };
        } finally {
          await stopTool(mock.tool);
        }
      });
      expect(round.problems, `${document} (${round.exchanges.length} exchanges), Prism said:\n${mock.tool.stdout()}${mock.tool.stderr()}`).toEqual([]);
    }
    // Prism's start (up to 90 s) and one exchange at a time, each up to seconds on a loaded 2-core machine.
  }, 300_000);

  it('Redocly CLI lint: no error, no warning', async ({ expect }) => {
    expectFiles(expect, set.openapi);
    const { run, reports } = await redoclyLint();
    for (const document of set.openapi) {
      const report = reports.get(document)!;
      expect({ errors: report.errors, warnings: report.warnings }, [`$ ${run.command}`, `${document}:`, ...report.lines].join('\n')).toEqual({
        errors: 0,
        warnings: 0,
      });
    }
  });

  // Redocly again: one run per set, given all of its documents (across sets, two bundles would have the same name).
  it('Redocly CLI bundle: resolves every $ref into one file', async ({ expect }) => {
    const documents = [...set.openapi, ...set.asyncapi];
    expectFiles(expect, documents);
    // Given several documents, `-o` is a folder and each bundle keeps its document's file name.
    expect(new Set(documents.map((document) => basename(document))).size, 'bundles would overwrite each other').toBe(documents.length);
    const out = freshWorkDir(set.id, 'redocly-bundle');
    const run = await withToolProcess(() => runTool('redocly', ['bundle', ...documents, '--config', repoPath('redocly.yaml'), '-o', out]));
    expect(run.exitCode, describeRun(run)).toBe(0);
    for (const document of documents) {
      const bundle = join(out, basename(document));
      expect(existsSync(bundle), `${document}: no bundle\n${describeRun(run)}`).toBe(true);
      expect(externalRefs(parse(readFileSync(bundle, 'utf8'))), `${document}: $refs left outside the bundle`).toEqual([]);
    }
  });

  it.for(CLIENT_GENERATORS)(
    '$name: generates code naming every operation, which passes tsc --strict with a 403 typed as 4003',
    async ({ id, command }, { expect }) => {
      expectFiles(expect, set.openapi);
      const generated = await generatedCode();
      for (const document of set.openapi) {
        const folder = generated.get(workFolder(set, id, document))!;
        expect(folder.error, `$ ${command(document)}`).toBeUndefined();
        const unnamed = operationsOf(readDocument(document)).filter(({ operationId }) => !new RegExp(`\\b${operationId}\\b`).test(folder.code));
        expect(unnamed, `${document}: operations missing from the generated code`).toEqual([]);
        expect(folder.check?.diagnostics, folder.check?.run).toEqual([]);
      }
    },
  );

  it('Modelina: TypeScript models of the AsyncAPI document pass tsc --strict', async ({ expect }) => {
    expectFiles(expect, set.asyncapi);
    const generated = await generatedCode();
    for (const document of set.asyncapi) {
      const { errors } = await parseAsyncApi(document);
      expect(errors, document).toEqual([]);
      const folder = generated.get(workFolder(set, 'modelina', document))!;
      expect(folder.error, document).toBeUndefined();
      expect(folder.value, `${document}: no model generated`).toBeGreaterThan(0);
      expect(folder.check?.diagnostics, folder.check?.run).toEqual([]);
    }
  });

  it('Spectral (spectral:oas, spectral:asyncapi): no error, no warning', async ({ expect }) => {
    const documents = [...set.openapi, ...set.asyncapi];
    expectFiles(expect, documents);
    const report = await withThisThread(() => spectralLint(documents));
    expect(
      { errors: report.errors, warnings: report.warnings },
      [`spectral lint ${documents.join(' ')} -r .spectral.yaml`, ...report.lines].join('\n'),
    ).toEqual({
      errors: 0,
      warnings: 0,
    });
  });

  it('swagger-parser validate(): resolves and validates', async ({ expect }) => {
    expectFiles(expect, set.openapi);
    for (const document of set.openapi) {
      // No HTTP: every reference must resolve within the repository.
      await expect(
        withThisThread(() => SwaggerParser.validate(repoPath(document), { resolve: { http: false } })),
        document,
      ).resolves.toHaveProperty('openapi');
    }
  });

  it('AsyncAPI parser: no error diagnostics', async ({ expect }) => {
    expectFiles(expect, set.asyncapi);
    for (const document of set.asyncapi) {
      const { parsed, errors } = await withThisThread(() => parseAsyncApi(document));
      expect(errors, document).toEqual([]);
      expect(parsed, document).toBeDefined();
    }
  });

  it('Ajv (plain, 2020-12, strict): compiles every schema file, whose examples are valid', async ({ expect }) => {
    expectFiles(expect, [set.schemaDir]);
    const { files, problems } = await withThisThread(async () => schemaFileProblems(set.schemaDir));
    expect(files, `${set.schemaDir} has no *.schema.json`).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
