import type { ContractModel, SchemaDocument } from '@iotv1/generator-kit';
import { appendPointer, decodePointer, getAtPointer, isRecord } from '@iotv1/generator-kit';

/** Where a schema node is written: a file of the spec (relative to the spec directory) and a pointer into it. */
export interface Place {
  readonly file: string;
  readonly pointer: string;
}

/** A schema node with its place, the `$id` its relative references resolve against, and a readable name. */
export interface SchemaNode {
  readonly value: unknown;
  readonly place: Place;
  readonly docId: string | undefined;
  /** `FeedDataAck.error.message`, `AckStatus`, `parameter deviceId of POST /x`. */
  readonly label: string;
}

/**
 * The schema files of one spec by `$id`, for walking a schema across `$ref`s. Schemas in the Contract Model are
 * portable (file references are `$id`s), and references inside schema files are relative to their `$id`.
 */
export class SchemaGraph {
  private readonly documents: ReadonlyMap<string, SchemaDocument>;
  private readonly registryId: string;

  constructor(model: Pick<ContractModel, 'schemas' | 'schemaIds'>) {
    this.documents = new Map(model.schemas.map((document) => [document.id, document]));
    this.registryId = model.schemaIds.responseCode;
  }

  /** A schema written inline at `place` (a parameter's, or a portable body schema that is a `$ref`). */
  inline(value: unknown, place: Place, label: string): SchemaNode {
    return { value, place, docId: undefined, label };
  }

  byId(id: string): SchemaNode | undefined {
    return this.resolve(id);
  }

  /**
   * Follows `$ref`s to the node they name. `undefined` for the response-code registry (its rules are the
   * registry's, not a payload's: clients classify unknown codes by class) and for a reference that does not
   * resolve (core has already refused such a spec).
   */
  follow(node: SchemaNode): SchemaNode | undefined {
    let current = node;
    for (let hops = 0; isRecord(current.value) && typeof current.value.$ref === 'string'; hops++) {
      if (hops === 32) return undefined;
      const target = this.resolve(current.value.$ref, current.docId);
      if (target === undefined) return undefined;
      current = target;
    }
    return current;
  }

  child(node: SchemaNode, ...segments: (string | number)[]): SchemaNode {
    const value = segments.reduce<unknown>((v, s) => (isRecord(v) ? v[s] : Array.isArray(v) ? v[Number(s)] : undefined), node.value);
    const place = { file: node.place.file, pointer: appendPointer(node.place.pointer, ...segments) };
    return { value, place, docId: node.docId, label: extendLabel(node.label, segments.map(String), titleOf(value)) };
  }

  private resolve(ref: string, against?: string): SchemaNode | undefined {
    let url: URL;
    try {
      url = new URL(ref, against);
    } catch {
      return undefined;
    }
    const id = url.href.slice(0, url.href.length - url.hash.length);
    const document = this.documents.get(id);
    if (document === undefined || id === this.registryId) return undefined;
    const fragment = decodeURIComponent(url.hash.slice(1));
    // The loader refuses `$anchor` references, so a fragment is a JSON pointer.
    const pointer = fragment;
    const value = getAtPointer(document.schema, pointer);
    if (value === undefined) return undefined;
    return { value, place: { file: document.file, pointer }, docId: id, label: labelOf(document, pointer) };
  }
}

/** The readable name of a node of a schema file: `Doc.prop.sub`, `Doc.items[]`, or a `$defs` entry's own title. */
function labelOf(document: SchemaDocument, pointer: string): string {
  const segments = decodePointer(pointer);
  let label = typeof document.schema.title === 'string' ? document.schema.title : document.file;
  let value: unknown = document.schema;
  for (let i = 0; i < segments.length; ) {
    const step = segments[i] === 'properties' || segments[i] === '$defs' ? segments.slice(i, i + 2) : segments.slice(i, i + 1);
    value = step.reduce<unknown>((v, s) => (isRecord(v) ? v[s] : Array.isArray(v) ? v[Number(s)] : undefined), value);
    label = extendLabel(label, step, titleOf(value));
    i += step.length;
  }
  return label;
}

function extendLabel(label: string, segments: readonly string[], title: string | undefined): string {
  const [first, second] = segments;
  if (first === 'properties' && second !== undefined) return `${label}.${second}`;
  if (first === '$defs' && second !== undefined) return title ?? second;
  if (first === 'items') return `${label}[]`;
  return label;
}

function titleOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.title === 'string' ? value.title : undefined;
}
