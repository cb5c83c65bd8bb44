import { createRequire } from 'node:module';
import type { ContractModel, SchemaDocument } from '@iotv1/generator-core/kit';
import { schemaDeclarations } from '@iotv1/generator-core/schema-declarations';
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
  const byId = new Map(model.schemas.map((s) => [s.id, s]));
  const https = httpsSchemaIds(model);
  const payloads = [...new Set(model.messages.map((m) => m.payloadSchemaId))].sort();
  const declarations: string[] = [];
  for (const id of payloads.filter((id) => https.has(id))) {
    const title = titleOf(byId, id);
    declarations.push(`export type ${title} = components['schemas']['${title}'];\n`);
  }
  const compiled = [
    ...mqttOnlyClosure(
      payloads.filter((id) => !https.has(id)),
      byId,
      https,
    ),
  ].sort();
  const typeOf = (target: string): string => (https.has(target) ? `components['schemas']['${titleOf(byId, target)}']` : titleOf(byId, target));
  if (compiled.length > 0) {
    declarations.push(
      await schemaDeclarations(compiled.map((id) => ({ name: titleOf(byId, id), schema: forTypes(byId.get(id)!.schema, byId.get(id)!, byId, typeOf) }))),
    );
  }
  const source = declarations.join('\n');
  const imports = source.includes("components['schemas']") ? "import type { components } from './paths.js';\n\n" : '';
  return `${imports}${source}`;
}

function titleOf(byId: ReadonlyMap<string, SchemaDocument>, id: string): string {
  return String(byId.get(id)!.schema.title);
}

/** The MQTT-only schema files, and the MQTT-only files they refer to. */
function mqttOnlyClosure(roots: readonly string[], byId: ReadonlyMap<string, SchemaDocument>, https: ReadonlySet<string>): Set<string> {
  const reached = new Set<string>();
  const visit = (id: string): void => {
    if (reached.has(id) || https.has(id)) return;
    reached.add(id);
    const document = byId.get(id)!;
    forTypes(document.schema, document, byId, (target) => {
      visit(target);
      return '';
    });
  };
  roots.forEach(visit);
  return reached;
}

/**
 * Prepares a schema for json-schema-to-typescript: a reference to another file becomes the type `typeOf` names,
 * and the titles of `const` branches (registry messages) are dropped.
 */
function forTypes(node: unknown, document: SchemaDocument, byId: ReadonlyMap<string, SchemaDocument>, typeOf: (id: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => forTypes(item, document, byId, typeOf));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === 'string' && !record.$ref.startsWith('#')) return { tsType: externalType(record.$ref, document, byId, typeOf) };
  const copy = Object.fromEntries(Object.entries(record).map(([key, value]) => [key, key === 'examples' ? value : forTypes(value, document, byId, typeOf)]));
  if ('const' in copy && record !== document.schema) delete copy.title;
  return copy;
}

function externalType(ref: string, document: SchemaDocument, byId: ReadonlyMap<string, SchemaDocument>, typeOf: (id: string) => string): string {
  // The core refuses a reference between schema files that does not land on a file's id (schema/ref-id): no spec reaches the throw.
  const id = new URL(ref, document.id).href;
  if (!byId.has(id)) throw new Error(`${document.file}: cannot resolve ${ref}`);
  return typeOf(id);
}
