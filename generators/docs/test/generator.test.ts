import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadContract } from '@iotv1/generator-core';
import type { ContractModel } from '@iotv1/generator-kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { docsContent } from '../src/content.js';
import { docsGenerator } from '../src/index.js';
import { fallbackRows, handlingRules } from '../src/prose.js';
import { snippets } from '../src/sections/snippets.js';

const SPEC_DIR = fileURLToPath(new URL('../../../spec/', import.meta.url));
const source = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const plain = (parts: readonly { text: string }[]): string => parts.map((part) => part.text).join('');

let model: ContractModel;
beforeAll(async () => {
  model = await loadContract(SPEC_DIR);
});

describe('docs generator', () => {
  it('writes the stamp, the page and both Markdown files under packages/docs/src/gen', async () => {
    const files = await docsGenerator.generate(model);
    expect(files.map((file) => file.path)).toEqual([
      'packages/docs/src/gen/contract.json',
      'packages/docs/src/gen/site/index.html',
      'packages/docs/src/gen/markdown/response-codes.md',
      'packages/docs/src/gen/markdown/reference.md',
    ]);
  });

  it('unescapes nothing from the spec in the HTML template: only the static style and script are raw', () => {
    const raw = [...source('templates/html/index.hbs').matchAll(/\{\{\{\s*([^}\s]+)\s*\}\}\}/g)].map((match) => match[1]);
    expect(raw).toEqual(['style', 'script']);
    for (const partial of readdirSync(new URL('../templates/html/partials/', import.meta.url))) {
      expect(source(`templates/html/partials/${partial}`), partial).not.toContain('{{{');
    }
  });

  it('takes every code the handling rules name from the model, never from the prose', () => {
    expect(source('src/prose.ts')).not.toMatch(/\b[245]\d{3}\b/);
    const rules = handlingRules(model).map(plain).join('\n');
    for (const entry of model.registry.filter((e) => e.retryable && e.retired === null)) expect(rules).toContain(`${entry.code} ${entry.message}`);
    for (const status of model.ackStatuses) expect(rules).toContain(status.value);
    expect(fallbackRows(model)).toEqual(model.registry.filter((e) => e.httpFallback).map((e) => ({ httpStatus: e.httpStatus, code: e.code })));
  });

  it('builds the snippets from the registry', () => {
    const { typescript, c } = snippets(model);
    for (const entry of model.registry.filter((e) => e.retryable && e.retired === null)) {
      expect(typescript).toContain(`ResponseCodes.${entry.constantName}`);
      expect(c).toContain(`IOTV1_CODE_${entry.constantName}`);
    }
  });

  it('lists, for every code, the operations that return it and the acknowledgement that can name it', () => {
    const content = docsContent(model);
    for (const entry of content.registry.codes) {
      const https = entry.producers.find((group) => group.transport === 'HTTPS')?.items.map((item) => item.label) ?? [];
      expect(https).toEqual(model.operations.filter((op) => op.responseCodes.includes(entry.code)).map((op) => op.operationId));
      const mqtt = entry.producers.find((group) => group.transport === 'MQTT');
      expect(mqtt !== undefined).toBe(entry.errorType !== null && entry.retiredReason === null);
    }
  });
});
