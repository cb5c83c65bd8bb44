import { type ContractModel, type GeneratedFile, getAtPointer, isRecord } from '@iotv1/generator-kit';
import { BANNER, type Case, FIXTURES, fixtureModels, HOSTILE, itFollowsTheOutputRules } from '@iotv1/generator-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { specGenerator } from '../src/index.js';

/**
 * The spec generator's single-file documents, read back as their users' tools read them: JSON and YAML that parse
 * (YAML strictly, to the same document as the JSON), references that stay inside the document, and the JSON
 * Schemas published with their `$id`s, their references landing on one another.
 */

interface Want {
  /** The published schema files, sorted. */
  readonly schemas: readonly string[];
  /** Whether the documents carry HOSTILE. */
  readonly hostile: boolean;
}

const BASE_SCHEMAS = [
  'error-type',
  'feed-data-accepted',
  'feed-data-ack',
  'feed-data-status',
  'feed-data-submission',
  'http-error-response',
  'message-id',
  'request-id',
  'response-code',
].map((name) => `schemas/${name}.schema.json`);

const CASES: Case<Want>[] = [
  ['the base fixture', { given: FIXTURES.base, want: { schemas: BASE_SCHEMAS, hostile: false } }],
  ['a code added, a code retired, hostile text', { given: FIXTURES.edited, want: { schemas: BASE_SCHEMAS, hostile: true } }],
];

const OUT = specGenerator.outDir;
const modelOf = fixtureModels(CASES);

/** Every `$ref` of a JSON document, with where it is. */
function refsOf(document: unknown, pointer = ''): { pointer: string; ref: string }[] {
  if (Array.isArray(document)) return document.flatMap((item, i) => refsOf(item, `${pointer}/${i}`));
  if (!isRecord(document)) return [];
  return Object.entries(document).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [{ pointer, ref: value }] : refsOf(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
  );
}

/** Whether a JSON value has the key anywhere. */
const hasKey = (value: unknown, key: string): boolean =>
  Array.isArray(value) ? value.some((item) => hasKey(item, key)) : isRecord(value) && Object.entries(value).some(([k, v]) => k === key || hasKey(v, key));

/** The part of a schema a URI fragment names: a JSON pointer, or an `$anchor`. */
function resolveFragment(schema: unknown, fragment: string): unknown {
  if (fragment === '' || fragment.startsWith('/')) return getAtPointer(schema, fragment);
  const anchored = (node: unknown): unknown[] => {
    if (Array.isArray(node)) return node.flatMap(anchored);
    if (!isRecord(node)) return [];
    return node.$anchor === fragment ? [node] : Object.values(node).flatMap(anchored);
  };
  return anchored(schema)[0];
}

describe.each(CASES)('spec generator, %s', (name, { want }) => {
  let model: ContractModel;
  let files: GeneratedFile[];
  let content: (file: string) => string;
  beforeAll(async () => {
    model = modelOf(name);
    files = await specGenerator.generate(model);
    content = (file) => {
      const found = files.find((f) => f.path === `${OUT}/${file}`);
      if (found === undefined) throw new Error(`no ${file}`);
      return found.content;
    };
  });

  it('writes the stamp, both documents in JSON and YAML, and every schema file', () => {
    expect(files.map((f) => f.path)).toEqual(
      ['contract.json', 'openapi.json', 'openapi.yaml', 'asyncapi.json', 'asyncapi.yaml', ...want.schemas].map((file) => `${OUT}/${file}`),
    );
  });

  itFollowsTheOutputRules(
    specGenerator,
    () => model,
    () => files,
    (path) => (path.endsWith('.yaml') ? BANNER.hash(specGenerator.name) : null),
  );

  it('stamps the contract it was generated from', () => {
    expect(JSON.parse(content('contract.json'))).toEqual({
      specVersion: model.version,
      contentHash: model.contentHash,
      generator: `${specGenerator.name}@${specGenerator.version}`,
    });
  });

  describe.each(['openapi', 'asyncapi'] as const)('%s', (document) => {
    let json: unknown;
    beforeAll(() => {
      json = JSON.parse(content(`${document}.json`));
    });

    it('parses as JSON, and as strict YAML to the same document: the model’s bundle, text and all', () => {
      expect(json).toEqual(model.bundles[document]);
      expect(parse(content(`${document}.yaml`), { strict: true, uniqueKeys: true, prettyErrors: true })).toEqual(json);
      expect(JSON.stringify(json).includes(JSON.stringify(HOSTILE).slice(1, -1))).toBe(want.hostile);
    });

    it('refers only within itself (#/...), to something that is there, with no $id to move the base', () => {
      const refs = refsOf(json);
      expect(refs.length).toBeGreaterThan(0);
      for (const { pointer, ref } of refs) {
        expect(ref.startsWith('#/'), `${pointer}: ${ref}`).toBe(true);
        expect(getAtPointer(json, decodeURIComponent(ref.slice(1))), `${pointer}: ${ref}`).toBeDefined();
      }
      expect(hasKey(json, '$id')).toBe(false);
    });
  });

  it('publishes each schema as the model has it, with its $id', () => {
    for (const schema of model.schemas) {
      const published = JSON.parse(content(schema.file)) as Record<string, unknown>;
      expect(published.$id, schema.file).toBe(schema.id);
      expect(published, schema.file).toEqual(model.bundles.schemas.find((s) => s.file === schema.file)?.schema);
    }
  });

  it('keeps the references between schema files landing on a published $id and, after #, on something there', () => {
    const byId = new Map(model.schemas.map((s) => [s.id, JSON.parse(content(s.file)) as unknown]));
    for (const [id, schema] of byId) {
      for (const { pointer, ref } of refsOf(schema)) {
        const target = new URL(ref, id);
        const fragment = decodeURIComponent(target.hash.slice(1));
        target.hash = '';
        expect(byId.has(target.href), `${id}${pointer}: ${ref}`).toBe(true);
        expect(resolveFragment(byId.get(target.href), fragment), `${id}${pointer}: ${ref}`).toBeDefined();
      }
    }
  });
});
