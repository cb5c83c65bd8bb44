import { createRequire } from 'node:module';
import { type ContractModel, type SchemaIndex, schemaIndex } from '@iotv1/generator-kit';
import { schemaDeclarations, typeableSchema } from '@iotv1/generator-kit/schema-declarations';
import type { OpenAPI3 } from 'openapi-typescript';
import { httpsSchemaIds } from './https-schemas.js';

/**
 * openapi-typescript through its CommonJS build: imported as ESM, Node must scan the TypeScript compiler (9 MB of
 * CommonJS) for its module format and export names first, which doubled the cost of loading it (bench/RESULTS.md).
 */
const { default: openapiTS, astToString } = createRequire(import.meta.url)('openapi-typescript') as typeof import('openapi-typescript');

/** `src/gen/paths.ts`: openapi-typescript's `paths`, `components` and `operations` for the HTTPS operations. */
export async function pathTypes(model: ContractModel): Promise<string> {
  // The core's bundled document (every reference internal) of a spec it has validated; openapi-typescript's types are stricter than JSON.
  const ast = await openapiTS(model.bundles.openapi as unknown as OpenAPI3, {
    silent: true,
    // `{ "type": "object" }` (error details) is an open record, not an empty one.
    emptyObjectsUnknown: true,
  });
  return astToString(ast);
}

/**
 * `src/gen/mqtt-types.ts`: the MQTT payloads and acks, each type declared once. A payload that is also an HTTPS body
 * is an alias of its component in `paths.ts`; the others are compiled by json-schema-to-typescript, with references
 * to HTTPS schemas pointing at their components and nothing fetched.
 */
export async function mqttTypes(model: ContractModel): Promise<string> {
  const index = schemaIndex(model);
  const titleOf = (id: string): string => String(index.get(id).schema.title);
  const https = httpsSchemaIds(model);
  const payloads = [...new Set(model.messages.map((m) => m.payloadSchemaId))].sort();
  const declarations = payloads.filter((id) => https.has(id)).map((id) => `export type ${titleOf(id)} = components['schemas']['${titleOf(id)}'];\n`);
  const compiled = [
    ...mqttOnlyClosure(
      payloads.filter((id) => !https.has(id)),
      index,
      https,
    ),
  ].sort();
  const typeOf = (target: string): string => (https.has(target) ? `components['schemas']['${titleOf(target)}']` : titleOf(target));
  if (compiled.length > 0) declarations.push(await schemaDeclarations(compiled.map((id) => typeableSchema(index.get(id), index, typeOf))));
  const source = declarations.join('\n');
  const imports = source.includes("components['schemas']") ? "import type { components } from './paths.js';\n\n" : '';
  return `${imports}${source}`;
}

/** The MQTT-only schema files, and the MQTT-only files they refer to. */
function mqttOnlyClosure(roots: readonly string[], index: SchemaIndex, https: ReadonlySet<string>): Set<string> {
  const reached = new Set<string>();
  const visit = (id: string): void => {
    if (reached.has(id) || https.has(id)) return;
    reached.add(id);
    index.referencedIds(index.get(id)).forEach(visit);
  };
  roots.forEach(visit);
  return reached;
}
