import { appendPointer, type ContractModel, getAtPointer, type HttpOperation, type HttpParameter, isRecord, SPEC_LAYOUT } from '@iotv1/generator-kit';
import { type Finding, finding } from './finding.js';
import type { SchemaComparison } from './schema-rules.js';

const FILE = SPEC_LAYOUT.openapi;

/** A side of the comparison as the HTTPS rules need it: the model and openapi.yaml as written. */
export interface HttpSide {
  readonly model: ContractModel;
  readonly openapi: unknown;
}

/**
 * HTTPS operations (OpenAPI Paths Object), matched by method and path: removed or renamed operations, a renamed
 * operationId, and the schemas of parameters, request bodies and responses.
 */
export function compareOperations(base: HttpSide, current: HttpSide, schemas: SchemaComparison): Finding[] {
  const findings: Finding[] = [];
  const currentByKey = new Map(current.model.operations.map((op) => [labelOf(op), op]));
  const baseKeys = new Set(base.model.operations.map(labelOf));
  const currentPaths = new Set(current.model.operations.map((op) => op.path));
  for (const before of base.model.operations) {
    const after = currentByKey.get(labelOf(before));
    if (after === undefined) {
      const pathGone = currentPaths.has(before.path) ? '' : ` Its path ${before.path} is gone too (removed or renamed).`;
      const message = `${labelOf(before)} (${before.operationId}) was removed, but clients built against the base still call it.${pathGone} Keep it (mark it deprecated) instead.`;
      findings.push(finding('openapi/operation-removed', 'breaking', FILE, pointerOf(before), message));
      continue;
    }
    if (before.operationId !== after.operationId) {
      const message = `The operationId of ${labelOf(after)} changed from "${before.operationId}" to "${after.operationId}": generated clients name their function after it, so code that calls the old name breaks.`;
      findings.push(finding('openapi/operation-id-changed', 'breaking', FILE, appendPointer(pointerOf(after), 'operationId'), message));
    }
    compareParameters(base, current, before, after, schemas);
    compareBodies(before, after, schemas);
  }
  for (const added of current.model.operations.filter((op) => !baseKeys.has(labelOf(op)))) {
    findings.push(finding('openapi/operation-added', 'info', FILE, pointerOf(added), `${labelOf(added)} (${added.operationId}) is new.`));
  }
  return findings;
}

/**
 * The schema of each parameter both sides have. Operations are matched by method and path, and the spec checker
 * admits path parameters only (openapi/parameter-location), so a matched operation has the same parameters, all
 * required: what can change is their schemas. (A rule for a newly required query or header parameter comes back
 * with support for those parameters.)
 */
function compareParameters(base: HttpSide, current: HttpSide, before: HttpOperation, after: HttpOperation, schemas: SchemaComparison): void {
  for (const parameter of after.parameters) {
    const previous = before.parameters.find((p) => p.in === parameter.in && p.name === parameter.name);
    if (previous === undefined) continue;
    const label = `parameter ${parameter.name} of ${labelOf(after)}`;
    const beforePlace = { file: FILE, pointer: appendPointer(parameterPointer(base.openapi, before, previous), 'schema') };
    const afterPlace = { file: FILE, pointer: appendPointer(parameterPointer(current.openapi, after, parameter), 'schema') };
    schemas.compare(schemas.base.inline(previous.schema, beforePlace, label), schemas.current.inline(parameter.schema, afterPlace, label), 'request');
  }
}

function compareBodies(before: HttpOperation, after: HttpOperation, schemas: SchemaComparison): void {
  const at = (op: HttpOperation, ...segments: string[]) => ({
    file: FILE,
    pointer: appendPointer(pointerOf(op), ...segments, 'content', 'application/json', 'schema'),
  });
  if (before.requestBody !== null && after.requestBody !== null) {
    const label = `the request body of ${labelOf(after)}`;
    schemas.compare(
      schemas.base.inline(before.requestBody.schema, at(before, 'requestBody'), label),
      schemas.current.inline(after.requestBody.schema, at(after, 'requestBody'), label),
      'request',
    );
  }
  for (const response of after.responses) {
    const previous = before.responses.find((r) => r.status === response.status);
    if (previous === undefined) continue;
    const label = `the ${response.status} response of ${labelOf(after)}`;
    const status = String(response.status);
    schemas.compare(
      schemas.base.inline(previous.schema, at(before, 'responses', status), label),
      schemas.current.inline(response.schema, at(after, 'responses', status), label),
      'response',
    );
  }
}

function labelOf(operation: HttpOperation): string {
  return `${operation.method} ${operation.path}`;
}

function pointerOf(operation: HttpOperation): string {
  return appendPointer('/paths', operation.path, operation.method.toLowerCase());
}

/**
 * Where a parameter is listed: the operation's own list first (it overrides the path item's), then the path
 * item's; entries may be `$ref`s into `#/components/parameters`. The operation itself when it cannot be found.
 */
function parameterPointer(openapi: unknown, operation: HttpOperation, parameter: HttpParameter): string {
  const lists = [pointerOf(operation), appendPointer('/paths', operation.path)].map((owner) => appendPointer(owner, 'parameters'));
  for (const list of lists) {
    const entries = getAtPointer(openapi, list);
    if (!Array.isArray(entries)) continue;
    const index = entries.findIndex((entry: unknown) => {
      const target = isRecord(entry) && typeof entry.$ref === 'string' && entry.$ref.startsWith('#') ? getAtPointer(openapi, entry.$ref.slice(1)) : entry;
      return isRecord(target) && target.name === parameter.name && target.in === parameter.in;
    });
    if (index !== -1) return appendPointer(list, index);
  }
  return pointerOf(operation);
}
