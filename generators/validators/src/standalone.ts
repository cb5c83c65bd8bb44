import type { ContractModel, PortableSchema } from '@iotv1/generator-core';
import Ajv2020Module from 'ajv/dist/2020.js';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';

const Ajv2020 = Ajv2020Module.default;
const standaloneCode = standaloneCodeModule.default;
const addFormats = addFormatsModule.default;

/** A validator to emit: its export name and either a schema file (`$id`) or a schema of its own. */
export type ValidatorSource = { readonly name: string; readonly schemaId: string } | { readonly name: string; readonly schema: PortableSchema };

/**
 * Ajv's standalone output needs a few runtime helpers, which it loads with `require`. The package is ESM, where
 * `require` does not exist: each known helper becomes an import (of the package's own helpers, or of ajv-formats'
 * format table, which is self-contained), and any other `require` stops generation.
 */
const RUNTIME_HELPERS: readonly { readonly require: string; readonly local: string; readonly importLine: string }[] = [
  {
    require: 'require("ajv/dist/runtime/ucs2length").default',
    local: 'ucs2length',
    importLine: 'import { ucs2length } from "./helpers.js";',
  },
  {
    require: 'require("ajv/dist/runtime/equal").default',
    local: 'equal',
    importLine: 'import { equal } from "./helpers.js";',
  },
  {
    require: 'require("ajv-formats/dist/formats").fullFormats',
    local: 'fullFormats',
    importLine: 'import { fullFormats } from "ajv-formats/dist/formats.js";',
  },
];

/**
 * Compiles every validator at generation time into one ESM module (Ajv standalone code): no schema compilation,
 * no `eval` or `new Function` at run time. Options favour untrusted input: stop at the first error.
 */
export function standaloneValidators(model: ContractModel, sources: readonly ValidatorSource[]): string {
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    allErrors: false,
    code: { source: true, esm: true, lines: true },
  });
  addFormats(ajv);
  ajv.addVocabulary(['$anchor', ...annotationKeywords(model)]);
  for (const document of model.schemas) ajv.addSchema(document.schema as object);
  const exports: Record<string, string> = {};
  for (const source of sources) {
    if ('schemaId' in source) exports[source.name] = source.schemaId;
    else {
      const id = `urn:iotv1:validators:${source.name}`;
      ajv.addSchema(typeof source.schema === 'boolean' ? source.schema : { ...source.schema, $id: id }, id);
      exports[source.name] = id;
    }
  }
  let code = standaloneCode(ajv, exports);
  const imports: string[] = [];
  for (const helper of RUNTIME_HELPERS) {
    if (!code.includes(helper.require)) continue;
    code = code.split(helper.require).join(helper.local);
    imports.push(helper.importLine);
  }
  const unknown = /require\("[^"]+"\)/.exec(code);
  if (unknown !== null) throw new Error(`Ajv's standalone code needs ${unknown[0]}, which the validators package does not provide`);
  return `${imports.join('\n')}\n${code.replace(/^"use strict";/, '')}\n`;
}

/** The spec's `x-` annotations, which Ajv's strict mode must be told about. */
function annotationKeywords(model: ContractModel): string[] {
  const keywords = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-')) keywords.add(key);
        visit(value);
      }
    }
  };
  for (const document of model.schemas) visit(document.schema);
  return [...keywords].sort();
}
