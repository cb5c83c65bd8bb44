import { appendPointer, canonicalJson, isRecord } from '@iotv1/generator-kit';
import { type Finding, finding, type Severity } from './finding.js';
import type { Place, SchemaGraph, SchemaNode } from './schema-graph.js';

/**
 * Which way a payload travels, seen from an old client. A request (HTTPS request, MQTT message the device
 * publishes) may widen but not narrow: old clients still send what the base allowed. A response (HTTPS
 * response, MQTT message the device receives) may narrow but not widen: old clients only handle what the base
 * allowed.
 */
export type Direction = 'request' | 'response';

/** Lower bounds: raising one narrows. */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
/** Upper bounds: lowering one narrows. */
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
/** Any change to one of these both narrows and widens (two regular expressions cannot be ordered). */
const EXACT = ['pattern', 'multipleOf', 'const', 'enum', 'format'];
/** Keywords that narrow when set: `uniqueItems: true`, `additionalProperties: false`. */
const FLAGS: Readonly<Record<string, (value: unknown) => boolean>> = {
  uniqueItems: (value) => value === true,
  additionalProperties: (value) => value === false,
};
/** Keywords the comparison does not reason about: any change to one is left to a reviewer. */
const UNANALYSED = [
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependentRequired',
  'patternProperties',
  'prefixItems',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
];

/** A value of an enumeration (`enum`, `const`, or a `oneOf`/`anyOf` of them) with where it is written. */
interface EnumValue {
  readonly json: string;
  readonly place: Place;
  readonly label: string;
}

/**
 * Walks a schema of the base and the matching schema of the current spec side by side, across `$ref`s, and
 * collects what an old client would notice. Each pair of nodes is compared once per direction.
 */
export class SchemaComparison {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly base: SchemaGraph,
    readonly current: SchemaGraph,
  ) {}

  compare(before: SchemaNode, after: SchemaNode, direction: Direction): void {
    const b = this.base.follow(before);
    const c = this.current.follow(after);
    if (b === undefined || c === undefined || !isRecord(b.value) || !isRecord(c.value)) return;
    const key = `${direction}\u0000${b.place.file}#${b.place.pointer}\u0000${c.place.file}#${c.place.pointer}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);

    const values = [enumValues(this.base, b), enumValues(this.current, c)] as const;
    if (values[0] !== undefined && values[1] !== undefined) {
      this.compareTypes(c, b.value, c.value, direction);
      this.compareValues(values[0], values[1], direction);
      return;
    }
    const unions = [alternativesOf(this.base, b), alternativesOf(this.current, c)] as const;
    if (unions[0] !== undefined || unions[1] !== undefined) {
      this.compareAlternatives(c, unions[0] ?? [b], unions[1] ?? [c], direction);
      // A plain schema on one side was compared with its matching alternative; nothing of its own is left.
      if (unions[0] === undefined || unions[1] === undefined) return;
    }
    this.compareTypes(c, b.value, c.value, direction);
    this.compareKeywords(b, c, b.value, c.value, direction);
    this.compareStructure(b, c, b.value, c.value, direction);
    this.compareProperties(b, c, b.value, c.value, direction);
    if (isRecord(b.value.items) && isRecord(c.value.items)) this.compare(this.base.child(b, 'items'), this.current.child(c, 'items'), direction);
    if (isRecord(b.value.additionalProperties) && isRecord(c.value.additionalProperties)) {
      this.compare(this.base.child(b, 'additionalProperties'), this.current.child(c, 'additionalProperties'), direction);
    }
  }

  private report(id: string, severity: Severity, place: Place, message: string): void {
    this.findings.push(finding(id, severity, place.file, place.pointer, message));
  }

  private compareTypes(c: SchemaNode, was: Record<string, unknown>, now: Record<string, unknown>, direction: Direction): void {
    const [before, after] = [typesOf(was), typesOf(now)];
    const lost = direction === 'request' ? uncovered(before, after) : uncovered(after, before);
    if (lost.length === 0) return;
    const consequence =
      direction === 'request'
        ? `old clients may still send ${lost.join(' or ')}, which is now refused`
        : `old clients may now receive ${lost.join(' or ')}, which they were not built for`;
    const place = now.type === undefined ? c.place : appendTo(c.place, 'type');
    this.report('schema/type-changed', 'breaking', place, `The type of ${c.label} changed from ${shownTypes(before)} to ${shownTypes(after)}: ${consequence}.`);
  }

  private compareValues(before: readonly EnumValue[], after: readonly EnumValue[], direction: Direction): void {
    const [was, now] = [new Set(before.map((v) => v.json)), new Set(after.map((v) => v.json))];
    for (const value of before.filter((v) => !now.has(v.json))) {
      // A response may narrow: an old client simply never receives the value again. A request may not: old clients still send it.
      if (direction === 'response') {
        const message = `${value.label} no longer has the value ${value.json}: clients built against the base will not receive it any more (a response may narrow).`;
        this.report('schema/enum-value-removed', 'info', value.place, message);
        continue;
      }
      const message = `${value.label} no longer has the value ${value.json}, which clients built against the base send. Keep the value (say in its description that it is no longer used) instead of removing it.`;
      this.report('schema/enum-value-removed', 'breaking', value.place, message);
    }
    if (direction === 'request') return; // the server accepting one more value changes nothing for old clients
    for (const value of after.filter((v) => !was.has(v.json))) {
      const message = `${value.label} has a new value ${value.json}. Old clients that switch over its values exhaustively meet one they do not know: make sure they have a default branch before it is sent.`;
      this.report('schema/enum-value-added', 'warning', value.place, message);
    }
  }

  private compareKeywords(b: SchemaNode, c: SchemaNode, was: Record<string, unknown>, now: Record<string, unknown>, direction: Direction): void {
    for (const keyword of [...LOWER_BOUNDS, ...UPPER_BOUNDS, ...EXACT, ...Object.keys(FLAGS)]) {
      const change = tightening(keyword, was[keyword], now[keyword]);
      const breaks = direction === 'request' ? change.narrower : change.wider;
      if (!breaks) continue;
      const place = now[keyword] === undefined ? appendTo(b.place, keyword) : appendTo(c.place, keyword);
      const what = `${c.label}: ${described(keyword, was[keyword], now[keyword])}`;
      if (keyword === 'format') {
        const consequence =
          direction === 'request' ? 'old clients may still send values the server now refuses' : 'old clients may now receive values they cannot parse';
        this.report('schema/format-changed', 'breaking', place, `${what}; ${consequence}.`);
      } else if (direction === 'request') {
        this.report('schema/constraint-narrowed', 'breaking', place, `${what}. The server now refuses some requests that old clients still send.`);
      } else {
        const message = `${what}. Old clients may now receive values they were not built for (a device buffer sized for the old limit, for example).`;
        this.report('schema/constraint-widened', 'breaking', place, message);
      }
    }
  }

  /** Keywords not analysed, and `allOf`, whose parts are compared pairwise while their number is unchanged. */
  private compareStructure(b: SchemaNode, c: SchemaNode, was: Record<string, unknown>, now: Record<string, unknown>, direction: Direction): void {
    const changed = (keyword: string): void => {
      const place = now[keyword] === undefined ? appendTo(b.place, keyword) : appendTo(c.place, keyword);
      const message = `${c.label}: "${keyword}" changed in a way this check does not analyse; review by hand what old clients send and receive.`;
      this.report('schema/structure-changed', 'warning', place, message);
    };
    for (const keyword of UNANALYSED) if (canonicalJson(was[keyword] ?? null) !== canonicalJson(now[keyword] ?? null)) changed(keyword);
    if ((was.items === undefined) !== (now.items === undefined)) changed('items');
    const [before, after] = [was.allOf, now.allOf];
    if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
      for (let i = 0; i < before.length; i++) this.compare(this.base.child(b, 'allOf', i), this.current.child(c, 'allOf', i), direction);
    } else if (before !== undefined || after !== undefined) {
      changed('allOf');
    }
  }

  /**
   * `anyOf`/`oneOf` alternatives (a plain schema is a union of one), matched by the schema they resolve to: a
   * `$ref` to the same file, or an inline alternative at the same place. A new alternative widens, a lost one
   * narrows. When none matches and their number changed, the schema was rewritten: left to a reviewer.
   */
  private compareAlternatives(c: SchemaNode, before: readonly SchemaNode[], after: readonly SchemaNode[], direction: Direction): void {
    const [was, now] = [before.map((n) => placeKey(this.base, n)), after.map((n) => placeKey(this.current, n))];
    const pairs = before.flatMap((node, i) => (now.includes(was[i]!) ? [[node, after[now.indexOf(was[i]!)]!] as const] : []));
    if (pairs.length === 0 && before.length === after.length) pairs.push(...before.map((node, i) => [node, after[i]!] as const));
    if (pairs.length === 0) {
      const message = `${c.label} was rewritten: none of its alternatives (anyOf/oneOf) matches the base's, so this check cannot tell what old clients notice; review it by hand.`;
      this.report('schema/structure-changed', 'warning', c.place, message);
      return;
    }
    for (const [b, c] of pairs) this.compare(b, c, direction);
    if (direction === 'request') {
      for (const lost of before.filter((node) => !pairs.some(([b]) => b === node))) {
        const message = `${lost.label}: the alternative ${shownSchema(lost.value)} is gone, so the server now refuses some requests that old clients still send.`;
        this.report('schema/constraint-narrowed', 'breaking', lost.place, message);
      }
    } else {
      for (const added of after.filter((node) => !pairs.some(([, c]) => c === node))) {
        const message = `${added.label} accepts a new alternative, ${shownSchema(added.value)}: old clients may now receive values they were not built for.`;
        this.report('schema/constraint-widened', 'breaking', added.place, message);
      }
    }
  }

  private compareProperties(b: SchemaNode, c: SchemaNode, was: Record<string, unknown>, now: Record<string, unknown>, direction: Direction): void {
    const [before, after] = [propertyNames(was), propertyNames(now)];
    const [requiredBefore, requiredAfter] = [requiredOf(was), requiredOf(now)];
    for (const name of before.filter((n) => !after.includes(n))) {
      const field = this.base.child(b, 'properties', name);
      const uses = direction === 'request' ? 'send' : 'read';
      this.report(
        'schema/property-removed',
        'breaking',
        field.place,
        `${field.label} was removed or renamed, but clients built against the base still ${uses} it. Keep the field (mark it deprecated) instead.`,
      );
    }
    for (const name of after.filter((n) => !before.includes(n))) {
      const field = this.current.child(c, 'properties', name);
      if (direction === 'request' && requiredAfter.has(name)) {
        this.report(
          'schema/required-field-added',
          'breaking',
          field.place,
          `${field.label} is a new required field: requests from old clients, which do not send it, are refused. Make it optional.`,
        );
      } else if (direction === 'response' && now.additionalProperties === false) {
        const message = `${field.label} is a new field of a closed object (additionalProperties: false): old clients that validate what they receive with their own schema refuse it. Make sure they ignore unknown fields.`;
        this.report('schema/response-field-added', 'warning', field.place, message);
      }
    }
    for (const name of before.filter((n) => after.includes(n))) {
      const [fieldBefore, fieldAfter] = [this.base.child(b, 'properties', name), this.current.child(c, 'properties', name)];
      if (direction === 'request' && !requiredBefore.has(name) && requiredAfter.has(name)) {
        const message = `${fieldAfter.label} is now required: requests from old clients that leave it out are refused.`;
        this.report('schema/field-made-required', 'breaking', fieldAfter.place, message);
      } else if (direction === 'response' && requiredBefore.has(name) && !requiredAfter.has(name)) {
        const message = `${fieldAfter.label} is no longer always present: old clients that rely on it fail when it is missing.`;
        this.report('schema/field-made-optional', 'breaking', fieldAfter.place, message);
      }
      this.compare(fieldBefore, fieldAfter, direction);
    }
  }
}

/** The values of an enumeration node, or `undefined` when the node is not one. */
function enumValues(graph: SchemaGraph, node: SchemaNode, depth = 0): EnumValue[] | undefined {
  const value = node.value;
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value.enum)) {
    return value.enum.map((item, i) => ({ json: canonicalJson(item), place: graph.child(node, 'enum', i).place, label: node.label }));
  }
  if ('const' in value) return [{ json: canonicalJson(value.const), place: node.place, label: node.label }];
  const keyword = Array.isArray(value.oneOf) ? 'oneOf' : Array.isArray(value.anyOf) ? 'anyOf' : undefined;
  if (keyword === undefined || depth > 8) return undefined;
  const values: EnumValue[] = [];
  for (let i = 0; i < (value[keyword] as unknown[]).length; i++) {
    const branch = graph.follow(graph.child(node, keyword, i));
    const branchValues = branch === undefined ? undefined : enumValues(graph, branch, depth + 1);
    if (branchValues === undefined) return undefined;
    values.push(...branchValues);
  }
  return values;
}

/** The alternatives of an `anyOf`/`oneOf` node that is not an enumeration, or `undefined` when it has none. */
function alternativesOf(graph: SchemaGraph, node: SchemaNode): SchemaNode[] | undefined {
  const value = node.value as Record<string, unknown>;
  const keyword = Array.isArray(value.anyOf) ? 'anyOf' : Array.isArray(value.oneOf) ? 'oneOf' : undefined;
  return keyword === undefined ? undefined : (value[keyword] as unknown[]).map((_, i) => graph.child(node, keyword, i));
}

/** Where a node finally resolves to, to match alternatives across the two specs. */
function placeKey(graph: SchemaGraph, node: SchemaNode): string {
  const { place } = graph.follow(node) ?? node;
  return `${place.file}#${place.pointer}`;
}

/** The `type` of a schema node as a set; `undefined` means any type. */
function typesOf(schema: Record<string, unknown>): ReadonlySet<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.filter((t): t is string => typeof t === 'string'));
  return undefined;
}

/** Types of `types` that `by` does not accept (every integer is a number). */
function uncovered(types: ReadonlySet<string> | undefined, by: ReadonlySet<string> | undefined): string[] {
  if (by === undefined) return [];
  if (types === undefined) return ['values of other types'];
  return [...types].filter((t) => !by.has(t) && !(t === 'integer' && by.has('number'))).map((t) => `a${/^[aeiou]/.test(t) ? 'n' : ''} ${t}`);
}

function shownTypes(types: ReadonlySet<string> | undefined): string {
  return types === undefined ? 'any type' : [...types].join(' | ');
}

/** Whether a keyword's change narrows what a schema accepts, widens it, or both. */
function tightening(keyword: string, was: unknown, now: unknown): { narrower: boolean; wider: boolean } {
  if (canonicalJson(was ?? null) === canonicalJson(now ?? null)) return { narrower: false, wider: false };
  const flag = FLAGS[keyword];
  if (flag !== undefined) return { narrower: !flag(was) && flag(now), wider: flag(was) && !flag(now) };
  if (was === undefined) return { narrower: true, wider: false };
  if (now === undefined) return { narrower: false, wider: true };
  if (typeof was === 'number' && typeof now === 'number') {
    if (LOWER_BOUNDS.includes(keyword)) return { narrower: now > was, wider: now < was };
    if (UPPER_BOUNDS.includes(keyword)) return { narrower: now < was, wider: now > was };
  }
  return { narrower: true, wider: true };
}

function described(keyword: string, was: unknown, now: unknown): string {
  if (was === undefined) return `${keyword} ${JSON.stringify(now)} was added`;
  if (now === undefined) return `${keyword} ${JSON.stringify(was)} was removed`;
  return `${keyword} changed from ${JSON.stringify(was)} to ${JSON.stringify(now)}`;
}

function propertyNames(schema: Record<string, unknown>): string[] {
  return isRecord(schema.properties) ? Object.keys(schema.properties) : [];
}

function requiredOf(schema: Record<string, unknown>): ReadonlySet<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((n): n is string => typeof n === 'string') : []);
}

/** A schema as a reviewer reads it in one line: `{"const":""}`, shortened when long. */
function shownSchema(schema: unknown): string {
  const json = canonicalJson(schema);
  return json.length <= 80 ? json : `${json.slice(0, 77)}...`;
}

function appendTo(place: Place, keyword: string): Place {
  return { file: place.file, pointer: appendPointer(place.pointer, keyword) };
}
