import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020Module, { type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isObject, type JsonObject } from './openapi-document.js';
import { repoPath } from './workspace.js';

// ajv and ajv-formats are CommonJS with a default export.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
export type Ajv = InstanceType<typeof Ajv2020>;

/** Plain Ajv: JSON Schema 2020-12 and ajv-formats, none of this project's validators or keywords. */
export function plainAjv(options: { readonly strict: boolean }): Ajv {
  const ajv = new Ajv2020({ allErrors: true, strict: options.strict, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  // Deduplicated: a failed `oneOf` of consts reports the same message once per branch.
  return [...new Set((errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`))].join('; ');
}

/**
 * Compiles every `*.schema.json` of `dir` with plain Ajv in strict mode and checks each schema's own `examples`.
 * The `x-` keywords are declared as annotations (strict mode refuses unknown keywords); a file without `$id` gets
 * its file URL as base, as JSON Schema prescribes. Returns the problems found and how many files were read.
 */
export function schemaFileProblems(dir: string): { readonly files: number; readonly problems: readonly string[] } {
  const files = readdirSync(repoPath(dir))
    .filter((name) => name.endsWith('.schema.json'))
    .sort();
  const schemas = files.map((name) => {
    const schema: unknown = JSON.parse(readFileSync(repoPath(join(dir, name)), 'utf8'));
    if (!isObject(schema)) throw new Error(`${dir}/${name} is not a JSON object`);
    const base: JsonObject = { $id: pathToFileURL(repoPath(join(dir, name))).href };
    return { name, schema: { ...base, ...schema } };
  });
  const ajv = plainAjv({ strict: true });
  // Ajv resolves `$anchor` but its strict mode does not list it as a keyword.
  ajv.addVocabulary(['$anchor', ...new Set(schemas.flatMap(({ schema }) => extensionKeywords(schema)))]);
  const problems: string[] = [];
  for (const { name, schema } of schemas) {
    try {
      ajv.addSchema(schema);
    } catch (error) {
      problems.push(`${dir}/${name}: ${(error as Error).message}`);
    }
  }
  for (const { name, schema } of schemas) {
    try {
      const validate = ajv.getSchema(String(schema.$id));
      if (validate === undefined) throw new Error('Ajv did not register it');
      for (const [index, example] of (Array.isArray(schema.examples) ? schema.examples : []).entries()) {
        if (!validate(example)) problems.push(`${dir}/${name} examples/${index}: ${describeErrors(validate.errors)}`);
      }
    } catch (error) {
      problems.push(`${dir}/${name}: ${(error as Error).message}`);
    }
  }
  return { files: files.length, problems };
}

function extensionKeywords(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(extensionKeywords);
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) => [...(key.startsWith('x-') ? [key] : []), ...extensionKeywords(value)]);
}
