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

/** Whether a version's structure schemas are compiled at build time: AsyncAPI 3, which the contract is written in. */
export function isPrecompiled(version: string): boolean {
  return version.startsWith('3.');
}

/** Every structure schema the parser has for the versions compiled at build time. */
export function precompiledStructureSchemas(): StructureSchema[] {
  return [...AsyncAPIFormats.entries()]
    .filter(([version]) => isPrecompiled(version))
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

/** File name of a precompiled structure validator, beside this module in dist/. */
export function structureValidatorFile(version: string, resolved: boolean): string {
  return `asyncapi-structure/${version}-${resolved ? 'resolved' : 'unresolved'}.validator.cjs`;
}
