import type { GeneratedFile } from '@iotv1/generator-kit';
import { BANNER, fixtureModels, itFollowsTheOutputRules, once, REGISTRY_CASES } from '@iotv1/generator-testing';
import { describe, expect, it } from 'vitest';
import { conformanceGenerator, conformanceVectors, type Vectors } from '../src/index.js';

/** What the conformance generator makes of each fixture: a vector for every code, unique ids, C tables of the same vectors. */
const modelOf = fixtureModels(REGISTRY_CASES);

describe.each(REGISTRY_CASES)('conformance vectors of %s', (name, { want }) => {
  const vectors = once((): Vectors => conformanceVectors(modelOf(name)));
  // The generator is synchronous.
  const files = once(() => conformanceGenerator.generate(modelOf(name)) as GeneratedFile[]);

  itFollowsTheOutputRules(
    conformanceGenerator,
    () => modelOf(name),
    files,
    (path) => (path.endsWith('.json') ? null : BANNER.c(conformanceGenerator.name)),
  );

  it('shows every registry code over HTTPS, and every error code as an MQTT rejection', () => {
    expect(vectors().https.flatMap((v) => (v.code === null ? [] : [v.code]))).toEqual(want.codes);
    const errorCodes = modelOf(name)
      .registry.filter((entry) => entry.errorType !== null)
      .map((entry) => entry.code);
    expect(vectors().mqtt.flatMap((v) => (v.id.startsWith('mqtt/code/') ? [v.code] : []))).toEqual(errorCodes);
  });

  it('gives every vector its own id', () => {
    const ids = [...vectors().https, ...vectors().mqtt, ...vectors().payloads].map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes the per-code answers into the C tables, each with its id', () => {
    const table = files().find((file) => file.path.endsWith('.h'))!.content;
    for (const code of want.codes) expect(table).toContain(`"https/code/${code}", ${code}u,`);
  });

  it('classifies a code the registry does not have by its class, and a number outside the code space by the HTTP status', () => {
    const byId = new Map(vectors().https.map((v) => [v.id, v.expect]));
    expect(byId.get('https/unknown-code/4999-on-400')).toMatchObject({ kind: 'unknown', receivedCode: 4999, category: 'Client Error', action: 'fix_request' });
    expect(byId.get('https/not-a-code/3001')).toMatchObject({ kind: 'error', code: 4000, action: 'fix_request' });
  });
});
