import type { Diagnostic } from '@iotv1/generator-kit';
import { appendPointer, isRecord } from '@iotv1/generator-kit';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { SourceFile } from './source.js';
import { at, DATA_KEYS } from './spec-files.js';

const EVALUATED =
  'the generated validators do not track which properties and items other keywords evaluated (it would cost every call); close the schema with additionalProperties or items instead';
const DYNAMIC = 'the generated validators do not resolve dynamic references (it would cost every call); use $ref instead';

/**
 * Keywords Ajv knows that the generators do not honour, and why: a schema using them would compile, and then
 * validate something else than it says.
 */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  unevaluatedProperties: EVALUATED,
  unevaluatedItems: EVALUATED,
  $dynamicRef: DYNAMIC,
  $dynamicAnchor: DYNAMIC,
  $recursiveRef: DYNAMIC,
  $recursiveAnchor: DYNAMIC,
  $async: "it is Ajv's own keyword, which makes a validator answer with a promise; remove it",
};

/**
 * Objects whose keys are names, not keywords: JSON Schema's (property and definition names) and those of the
 * OpenAPI and AsyncAPI documents around inline schemas (a response named `default` is not a default value).
 */
const NAME_MAPS = new Set([
  ...['properties', 'patternProperties', 'dependentSchemas', 'dependentRequired', '$defs', 'definitions'],
  ...['paths', 'webhooks', 'responses', 'headers', 'content', 'encoding', 'callbacks', 'links', 'mapping'],
  ...['channels', 'operations', 'messages', 'parameters', 'servers', 'variables'],
]);
const COMPONENTS_SECTION = /^\/components\/[^/]+$/;

/**
 * Checks every schema of the spec, in the schema files and inline in the OpenAPI and AsyncAPI documents, for what
 * the generators cannot honour: the keywords above, and formats ajv-formats does not check (the validators' strict
 * compiler refuses those). Examples and `x-` annotations are data, not schemas.
 */
export function checkSchemaSupport(files: readonly SourceFile[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const visit = (node: unknown, pointer: string, keysAreNames: boolean): void => {
      if (Array.isArray(node)) for (const [i, item] of node.entries()) visit(item, appendPointer(pointer, i), false);
      if (!isRecord(node)) return;
      for (const [key, value] of Object.entries(node)) {
        const keyPointer = appendPointer(pointer, key);
        if (!keysAreNames) {
          if (DATA_KEYS.has(key) || key.startsWith('x-')) continue;
          if (Object.hasOwn(UNSUPPORTED, key)) {
            diagnostics.push(at(file, keyPointer, `"${key}" is not supported: ${UNSUPPORTED[key]}.`, 'schema/unsupported-keyword'));
          }
          if (key === 'format' && typeof value === 'string' && !Object.hasOwn(fullFormats, value)) {
            const message = `The format "${value}" is not one the generated validators can check; use one ajv-formats knows (such as date-time, uuid or email), or a pattern.`;
            diagnostics.push(at(file, keyPointer, message, 'schema/unknown-format'));
          }
        }
        visit(value, keyPointer, !keysAreNames && (NAME_MAPS.has(key) || COMPONENTS_SECTION.test(keyPointer)));
      }
    };
    visit(file.data, '', false);
  }
  return diagnostics;
}
