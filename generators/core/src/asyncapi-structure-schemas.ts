import { createRequire } from 'node:module';

/**
 * The schemas @asyncapi/parser checks a document's structure against: one per AsyncAPI 3 version it knows, each in
 * two variants (`resolved`: after `$ref`s are followed; `unresolved`: where a `$ref` may stand), taken from the
 * parser itself so they are exactly the ones its `asyncapi-document-(un)resolved` rules use.
 */
const require = createRequire(import.meta.url);
const { AsyncAPIFormats } = require('@asyncapi/parser/cjs/ruleset/formats.js') as { AsyncAPIFormats: Map<string, unknown> };
const { getSchema } = require('@asyncapi/parser/cjs/ruleset/functions/documentStructure.js') as {
  getSchema(formats: ReadonlySet<unknown>, resolved: boolean): Record<string, unknown> | undefined;
};

export interface StructureSchema {
  readonly version: string;
  readonly resolved: boolean;
  readonly schema: Record<string, unknown>;
}

/** Every AsyncAPI 3 structure schema the parser has. */
export function asyncApi3StructureSchemas(): StructureSchema[] {
  return [...AsyncAPIFormats.entries()]
    .filter(([version]) => version.startsWith('3.'))
    .flatMap(([version, format]) => [true, false].map((resolved) => ({ version, resolved, schema: getSchema(new Set([format]), resolved)! })));
}

/** The structure schema the parser would use for a document of these formats, with its version. */
export function structureSchemaFor(formats: ReadonlySet<unknown>, resolved: boolean): { version: string; schema: Record<string, unknown> } | undefined {
  for (const [version, format] of AsyncAPIFormats) {
    if (formats.has(format)) {
      const schema = getSchema(formats, resolved);
      return schema === undefined ? undefined : { version, schema };
    }
  }
  return undefined;
}

/**
 * JSON Schema draft 4 when the AsyncAPI schema bundles it: the parser removes it from the schema because Spectral's
 * Ajv already has it, so a compiler of the schema must add it.
 */
export function draft04MetaSchema(version: string): object | undefined {
  // @asyncapi/specs is the parser's dependency: resolved from the parser, in the version the parser uses.
  const specs = createRequire(require.resolve('@asyncapi/parser'))('@asyncapi/specs') as { schemas: Record<string, { definitions: Record<string, object> }> };
  return specs.schemas[version]!.definitions['http://json-schema.org/draft-04/schema'];
}

/** File name of a precompiled structure validator, beside this module in dist/. */
export function structureValidatorFile(version: string, resolved: boolean): string {
  return `asyncapi-structure/${version}-${resolved ? 'resolved' : 'unresolved'}.validator.cjs`;
}
