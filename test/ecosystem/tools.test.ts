import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { TypeScriptFileGenerator } from '@asyncapi/modelina';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAsyncApi } from './support/asyncapi.js';
import { bundledResponses } from './support/bundled-responses.js';
import { BUNDLED_OPENAPI, DOCUMENT_SETS, type DocumentSet } from './support/document-sets.js';
import { schemaFileProblems } from './support/json-schema.js';
import { redoclyReport, spectralReport } from './support/lint-reports.js';
import { exerciseMock } from './support/mock-exchanges.js';
import { isObject, operationsOf, readDocument } from './support/openapi-document.js';
import { startPrism } from './support/prism.js';
import { describeRun, type RunningTool, runTool, stopTool } from './support/tool-run.js';
import { typeCheck } from './support/type-check.js';
import { freshWorkDir, missingFiles, repoPath } from './support/workspace.js';

/** Client generators: each writes into an empty folder, which must name every operation and pass `tsc --strict`. */
/**
 * A type-level probe compiled with each generator's output: the 403 body of the config GET must carry exactly code
 * 4003, the status-precise error response as each generator types it (`never`, a string or the whole registry fail).
 */
const narrowedTo4003 = (importLine: string, codeType: string) =>
  `${importLine}\ntype Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;\nexport const forbiddenCarries4003: Equals<${codeType}, 4003> = true;\n`;

const CLIENT_GENERATORS = [
  {
    name: 'openapi-typescript',
    tool: 'openapi-typescript',
    args: (document: string, out: string) => [document, '-o', join(out, 'schema.d.ts')],
    probe: narrowedTo4003(
      "import type { paths } from './schema';",
      "paths['/iot/v1/devices/{deviceId}/config']['get']['responses'][403]['content']['application/json']['code']",
    ),
  },
  {
    name: '@hey-api/openapi-ts',
    tool: 'openapi-ts',
    // `-i` must start with ./ (or be absolute), otherwise hey-api reads it as a registry shorthand.
    args: (document: string, out: string) => ['-i', `./${document}`, '-o', out, '--no-log-file'],
    probe: narrowedTo4003("import type { GetDeviceConfigErrors } from './types.gen';", "GetDeviceConfigErrors[403]['code']"),
  },
  {
    name: 'orval',
    tool: 'orval',
    // The fetch client needs no axios.
    args: (document: string, out: string) => ['-i', document, '-o', join(out, 'client.ts'), '--client', 'fetch'],
    probe: narrowedTo4003("import type { getDeviceConfigResponse403 } from './client';", "getDeviceConfigResponse403['data']['code']"),
  },
];

/** A missing document fails the case (it is generated output that must be there), it never skips it. */
function expectFiles(paths: readonly string[]): void {
  expect(missingFiles(paths), 'missing documents (packages/spec/src/gen/ is generated output and must be there)').toEqual([]);
}

function generatedCode(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => readFileSync(join(dir, path), 'utf8'))
    .join('\n');
}

function externalRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(externalRefs);
  if (!isObject(node)) return [];
  const own = typeof node.$ref === 'string' && !node.$ref.startsWith('#') ? [node.$ref] : [];
  return [...own, ...Object.values(node).flatMap(externalRefs)];
}

describe.each(DOCUMENT_SETS)('$name', (set: DocumentSet) => {
  const mocks: RunningTool[] = [];
  afterAll(() => Promise.all(mocks.map((mock) => stopTool(mock))));

  it('Redocly CLI lint: no error, no warning', async () => {
    expectFiles(set.openapi);
    for (const document of set.openapi) {
      // One document per run: given several, Redocly prints one JSON report after another.
      const run = await runTool('redocly', ['lint', document, '--config', repoPath('redocly.yaml'), '--format', 'json']);
      const report = redoclyReport(run);
      expect({ errors: report.errors, warnings: report.warnings }, [`$ ${run.command}`, ...report.lines].join('\n')).toEqual({ errors: 0, warnings: 0 });
    }
  });

  it('Redocly CLI bundle: resolves every $ref into one file', async () => {
    const documents = [...set.openapi, ...set.asyncapi];
    expectFiles(documents);
    const out = freshWorkDir(set.id, 'redocly-bundle');
    for (const document of documents) {
      const bundle = join(out, `${basename(document)}.json`);
      const run = await runTool('redocly', ['bundle', document, '--config', repoPath('redocly.yaml'), '-o', bundle]);
      expect(run.exitCode, describeRun(run)).toBe(0);
      expect(externalRefs(JSON.parse(readFileSync(bundle, 'utf8'))), `${document}: $refs left outside the bundle`).toEqual([]);
    }
  });

  it('swagger-parser validate(): resolves and validates', async () => {
    expectFiles(set.openapi);
    for (const document of set.openapi) {
      // No HTTP: every reference must resolve within the repository.
      await expect(SwaggerParser.validate(repoPath(document), { resolve: { http: false } }), document).resolves.toHaveProperty('openapi');
    }
  });

  it('Spectral (spectral:oas, spectral:asyncapi): no error, no warning', async () => {
    const documents = [...set.openapi, ...set.asyncapi];
    expectFiles(documents);
    const output = join(freshWorkDir(set.id, 'spectral'), 'results.json');
    const run = await runTool('spectral', ['lint', ...documents, '-r', repoPath('.spectral.yaml'), '-f', 'json', '-o', output, '--fail-severity', 'warn']);
    const report = spectralReport(existsSync(output) ? readFileSync(output, 'utf8') : '', run);
    expect({ errors: report.errors, warnings: report.warnings }, [`$ ${run.command}`, ...report.lines].join('\n')).toEqual({ errors: 0, warnings: 0 });
  });

  it.each(CLIENT_GENERATORS)(
    '$name: generates code naming every operation, which passes tsc --strict with a 403 typed as 4003',
    async ({ tool, args, probe }) => {
      expectFiles(set.openapi);
      for (const document of set.openapi) {
        const out = freshWorkDir(set.id, tool, basename(document));
        const run = await runTool(tool, args(document, out));
        expect(run.exitCode, describeRun(run)).toBe(0);
        const code = generatedCode(out);
        const unnamed = operationsOf(readDocument(document)).filter(({ operationId }) => !new RegExp(`\\b${operationId}\\b`).test(code));
        expect(unnamed, `${document}: operations missing from the generated code`).toEqual([]);
        writeFileSync(join(out, 'narrowing-probe.ts'), probe);
        const check = await typeCheck(out);
        expect(check.exitCode, describeRun(check)).toBe(0);
      }
    },
  );

  it('Prism mock: every operation answers every status it lists with a body valid against the bundle', async () => {
    expectFiles([...set.openapi, BUNDLED_OPENAPI]);
    const contractOf = bundledResponses(BUNDLED_OPENAPI);
    for (const document of set.openapi) {
      const mock = await startPrism(['mock', document], (tool) => mocks.push(tool));
      const round = await exerciseMock(mock.url, readDocument(document), contractOf);
      await stopTool(mock.tool);
      expect(round.problems, `${document} (${round.exchanges.length} exchanges), Prism said:\n${mock.tool.stdout()}${mock.tool.stderr()}`).toEqual([]);
    }
  });

  it('AsyncAPI parser: no error diagnostics', async () => {
    expectFiles(set.asyncapi);
    for (const document of set.asyncapi) {
      const { parsed, errors } = await parseAsyncApi(document);
      expect(errors, document).toEqual([]);
      expect(parsed, document).toBeDefined();
    }
  });

  it('Modelina: TypeScript models of the AsyncAPI document pass tsc --strict', async () => {
    expectFiles(set.asyncapi);
    for (const document of set.asyncapi) {
      const { parsed, errors } = await parseAsyncApi(document);
      expect(errors, document).toEqual([]);
      const out = freshWorkDir(set.id, 'modelina', basename(document));
      const models = await new TypeScriptFileGenerator().generateToFiles(parsed, out, { exportType: 'named' }, true);
      expect(models.length, `${document}: no model generated`).toBeGreaterThan(0);
      const check = await typeCheck(out);
      expect(check.exitCode, describeRun(check)).toBe(0);
    }
  });

  it('Ajv (plain, 2020-12, strict): compiles every schema file, whose examples are valid', () => {
    expectFiles([set.schemaDir]);
    const { files, problems } = schemaFileProblems(set.schemaDir);
    expect(files, `${set.schemaDir} has no *.schema.json`).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
