import { type Ajv, ANNOTATION_KEYWORDS, type ContractModel, createAjv, type PortableSchema } from '@iotv1/generator-kit';
import { _ } from 'ajv/dist/2020.js';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { withFastPaths } from './rewrites.js';

const standaloneCode = standaloneCodeModule.default;

/** A validator to emit: its export name and either a schema file (`$id`) or a schema of its own. */
export type ValidatorSource = { readonly name: string; readonly schemaId: string } | { readonly name: string; readonly schema: PortableSchema };

/**
 * Ajv's standalone output needs a few runtime helpers, which it loads with `require`. The package is ESM, where
 * `require` does not exist: each known helper becomes an import (of the package's own helpers, or of ajv-formats'
 * format table, which is self-contained), and any other `require` stops generation. No spec reaches that: the one
 * other helper Ajv requires is for `$async`, which the core refuses (schema/unsupported-keyword); a new Ajv might.
 */
const RUNTIME_HELPERS: readonly { readonly require: string; readonly local: string; readonly importLine: string }[] = [
  {
    require: 'require("ajv/dist/runtime/ucs2length").default',
    local: 'ucs2length',
    importLine: 'import { ucs2length } from "../helpers.js";',
  },
  {
    require: 'require("ajv/dist/runtime/equal").default',
    local: 'equal',
    importLine: 'import { equal } from "../helpers.js";',
  },
  {
    require: 'require("./formats.js").formats',
    local: 'formats',
    importLine: 'import { formats } from "../formats.js";',
  },
];

/**
 * Formats the runtime's `formats` table (packages/validators/src/formats.ts) implements itself, as plain functions. Here they are
 * registered with ajv-formats' own check, only for its shape: Ajv needs the definition's kind (a function is called
 * as `formats0(data)`) to emit the call, and the runtime's stricter check (exact RFC 3339) is what runs.
 */
const RUNTIME_FORMATS = ['date-time'] as const;

/**
 * Compiles every validator at generation time into one ESM module (Ajv standalone code): no schema compilation,
 * no `eval` or `new Function` at run time. Options favour untrusted input: stop at the first error.
 */
export function standaloneValidators(model: Pick<ContractModel, 'schemas'>, sources: readonly ValidatorSource[]): string {
  const ajv = createAjv({
    allErrors: false,
    // Every non-regex format is looked up in the package's own table; addFormats keeps an option already set.
    code: { source: true, esm: true, lines: true, formats: _`require("./formats.js").formats` },
  });
  withoutDynamicScope(ajv);
  for (const name of RUNTIME_FORMATS) ajv.addFormat(name, formatCheck(name));
  ajv.addVocabulary([...ANNOTATION_KEYWORDS, ...extensionKeywords(model, sources)]);
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
  const fast = withFastPaths(standaloneCode(ajv, exports));
  let code = fast.code;
  const imports: string[] = [];
  for (const helper of RUNTIME_HELPERS) {
    if (!code.includes(helper.require)) continue;
    code = code.split(helper.require).join(helper.local);
    imports.push(helper.importLine);
  }
  const unknown = /require\("[^"]+"\)/.exec(code);
  if (unknown !== null) throw new Error(`Ajv's standalone code needs ${unknown[0]}, which the validators package does not provide`);
  return `${[...imports, ...fast.imports].join('\n')}\n${code.replace(/^"use strict";/, '')}\n`;
}

/** A format of RUNTIME_FORMATS as ajv-formats checks it; that list is this file's own, so no spec reaches the throw. */
function formatCheck(name: string): (text: string) => boolean {
  const definition = fullFormats[name as keyof typeof fullFormats];
  if (typeof definition === 'object' && 'validate' in definition && typeof definition.validate === 'function') {
    return definition.validate as (text: string) => boolean;
  }
  throw new Error(`ajv-formats has no check function for the format ${name}`);
}

/**
 * Ajv2020 always compiles for `unevaluated*` and `$dynamicRef`, so every validator resets an `evaluated` record and
 * allocates a dynamic-anchor object on each call, which costs a small payload about a tenth of its time. The core
 * refuses a spec that uses those keywords, in schema files and inline alike (schema/unsupported-keyword): switch the
 * support off before compiling.
 */
function withoutDynamicScope(ajv: Ajv): void {
  const options = ajv.opts as { dynamicRef: boolean; unevaluated: boolean };
  options.dynamicRef = false;
  options.unevaluated = false;
}

/** The spec's `x-` annotations, in schema files and inline schemas, which Ajv's strict mode must be told about. */
function extensionKeywords(model: Pick<ContractModel, 'schemas'>, sources: readonly ValidatorSource[]): string[] {
  const inline = sources.flatMap((source) => ('schema' in source ? [source.schema] : []));
  return [...schemaKeys([...model.schemas.map((d) => d.schema), ...inline])].filter((key) => key.startsWith('x-')).sort();
}

/** Every object key anywhere in the schemas (keywords, and property names too: an extra keyword is harmless). */
function schemaKeys(schemas: readonly unknown[]): Set<string> {
  const keys = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        keys.add(key);
        visit(value);
      }
    }
  };
  schemas.forEach(visit);
  return keys;
}
