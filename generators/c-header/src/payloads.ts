import { ContractError, type ContractModel, cCommentText, cString, type SchemaDocument, type SchemaIndex, schemaIndex } from '@iotv1/generator-kit';

/** The layout of gen/iotv1_payload_tables.h that packages/c-header/src/iotv1_json.c reads (its layout check). */
const PAYLOAD_TABLES_LAYOUT = 2;
const INT32 = { min: -2147483648, max: 2147483647 };
/** What iotv1_json.c's `b` and `min` hold when a schema sets no bound. */
const UNBOUNDED = 0xffff;
/** Which way a payload travels, seen from the device: it decodes what it receives and encodes what it sends. */
type Direction = 'receive' | 'send';

type Kind = 'STRING' | 'INTEGER' | 'BOOLEAN' | 'OBJECT' | 'ARRAY' | 'ANY_OBJECT' | 'DECIMAL' | 'VALUE';

/** Where a problem of the whole spec is reported: its HTTPS spec, the first file a reader opens. */
const SPEC_WIDE = 'openapi.yaml';

/** A schema the C codecs cannot hold: the generator stops on it, naming the file and pointer, and writes nothing. */
function payloadProblem(file: string, pointer: string, message: string): never {
  throw new ContractError([{ file: `spec/${file}`, pointer, message: `The C payload codecs cannot hold this: ${message}.`, rule: 'c-header/payload' }]);
}

type Json = Readonly<Record<string, unknown>>;

/** A schema node and the file it is in (references resolve against that file). */
interface Located {
  readonly node: Json;
  readonly document: SchemaDocument;
  readonly pointer: string;
}

/** One member of a C struct and the iotv1_field_t that describes it. */
interface Member {
  readonly name: string;
  readonly kind: Kind;
  readonly required: boolean;
  readonly description: string;
  /** STRING (decoders): the buffer size, NUL included (as iotv1_json.c's iotv1_capacity computes it). */
  readonly capacity: number;
  /** STRING: its pattern keeps it ASCII. */
  readonly ascii: boolean;
  /** STRING and VALUE: most characters; ARRAY: most items. */
  readonly max: number;
  readonly min: number;
  readonly range: { readonly min: number; readonly max: number } | null;
  /** OBJECT and ARRAY of objects: the struct. */
  readonly struct: Struct | null;
  /** ARRAY: its element. */
  readonly element: Member | null;
}

interface Struct {
  readonly typeName: string;
  /** Which way its payload travels: a received struct holds buffers, a sent one pointers to the caller's strings. */
  readonly direction: Direction;
  readonly description: string;
  readonly members: readonly Member[];
}

interface Payload {
  readonly name: string;
  readonly direction: Direction;
  readonly struct: Struct;
}

const snake = (title: string): string => title.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const typeNameOf = (name: string): string => `iotv1_${name}_t`;

/** A pattern of ASCII bracket classes only (`^[a-z][a-z0-9_]*$`): its strings are ASCII, a byte per character. */
const isAsciiPattern = (pattern: unknown): boolean => typeof pattern === 'string' && /^\^(\[[\x20-\x5c\x5e-\x7e]+\][*+]?)+\$$/.test(pattern);

/** The payloads a device receives (responses, received messages) and sends (request bodies, sent messages). */
function payloadIds(model: ContractModel): { readonly id: string; readonly direction: Direction }[] {
  const ids = new Map<string, Direction>();
  const index = schemaIndex(model);
  const add = (id: string | null, direction: Direction): void => {
    if (id === null) return;
    if (ids.get(id) !== undefined && ids.get(id) !== direction) {
      payloadProblem(
        index.get(id).file,
        '',
        'a payload the device both sends and receives (one struct holds it one way: give the one it receives a schema of its own)',
      );
    }
    ids.set(id, direction);
  };
  for (const operation of model.operations) {
    add(operation.requestBody?.schemaId ?? null, 'send');
    for (const response of operation.responses) add(response.schemaId, 'receive');
  }
  for (const message of model.messages) add(message.payloadSchemaId, message.action);
  add(model.schemaIds.errorResponse, 'receive');
  return [...ids].map(([id, direction]) => ({ id, direction })).sort((a, b) => a.id.localeCompare(b.id));
}

class PayloadReader {
  readonly #index: SchemaIndex;
  readonly #structs = new Map<string, Struct>();

  constructor(model: ContractModel) {
    this.#index = schemaIndex(model);
  }

  payload(id: string, direction: Direction): Payload {
    const document = this.#index.get(id);
    const name = snake(String(document.schema.title));
    return { name, direction, struct: this.#struct({ node: document.schema, document, pointer: '' }, name, direction) };
  }

  /** Every struct read so far, each after the structs it holds. */
  get structs(): Struct[] {
    return [...this.#structs.values()];
  }

  /** The node a `$ref` lands on (another file, or a `#/$defs/...` of this one), or the node itself. */
  #resolved(at: Located): Located {
    const ref = at.node.$ref;
    if (typeof ref !== 'string') return at;
    if (ref.startsWith('#/')) {
      const path = ref.slice(2).split('/');
      const node = path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], at.document.schema) as Json;
      return this.#resolved({ node, document: at.document, pointer: ref.slice(1) });
    }
    const document = this.#index.get(this.#index.targetOf(ref, at.document));
    return this.#resolved({ node: document.schema, document, pointer: '' });
  }

  #fail(at: Located, problem: string): never {
    payloadProblem(at.document.file, at.pointer, problem);
  }

  #struct(at: Located, name: string, direction: Direction): Struct {
    const typeName = typeNameOf(name);
    const known = this.#structs.get(typeName);
    if (known !== undefined) return known;
    const properties = (at.node.properties ?? {}) as Record<string, Json>;
    const required = new Set((at.node.required ?? []) as string[]);
    const members = Object.entries(properties).map(([member, node]) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(member)) this.#fail(at, `member "${member}" is no C identifier`);
      const located = { node, document: at.document, pointer: `${at.pointer}/properties/${member}` };
      return this.#member(located, member, required.has(member), `${name}_${member}`, direction);
    });
    if (members.length > 32) this.#fail(at, 'more than 32 members (iotv1_json.c tracks them in 32 bits)');
    const struct = { typeName, direction, description: String(at.node.description ?? at.node.title ?? ''), members };
    this.#structs.set(typeName, struct);
    return struct;
  }

  #member(at: Located, name: string, required: boolean, nestedName: string, direction: Direction): Member {
    const here = this.#resolved(at);
    const { node } = here;
    const description = String(at.node.description ?? node.description ?? '');
    const base = { name, required, description, capacity: 0, ascii: false, max: UNBOUNDED, min: 0, range: null, struct: null, element: null };
    const type = node.type;
    const minLength = typeof node.minLength === 'number' ? node.minLength : 0;
    if (minLength > 1 || (typeof node.minItems === 'number' && node.minItems > 1)) this.#fail(here, 'minLength or minItems above 1 (the codecs know 0 and 1)');
    if (Array.isArray(type)) {
      if (direction === 'receive') this.#fail(here, 'a value of several types: the C decoders read one type per member');
      const maxLength = typeof node.maxLength === 'number' ? node.maxLength : UNBOUNDED;
      return { ...base, kind: 'VALUE', max: maxLength, min: minLength };
    }
    switch (type) {
      case 'string': {
        if (direction === 'send') return { ...base, kind: 'STRING', max: typeof node.maxLength === 'number' ? node.maxLength : UNBOUNDED, min: minLength };
        if (typeof node.maxLength !== 'number') this.#fail(here, 'a string a device receives needs maxLength (its buffer size)');
        // A character takes up to 4 bytes of UTF-8, unless the pattern keeps the string ASCII.
        const ascii = isAsciiPattern(node.pattern);
        return { ...base, kind: 'STRING', capacity: node.maxLength * (ascii ? 1 : 4) + 1, ascii, max: node.maxLength, min: minLength };
      }
      case 'integer':
        return { ...base, kind: 'INTEGER', range: this.#range(here, direction) };
      case 'number':
        if (direction === 'receive') this.#fail(here, 'a number with fractions: the C decoders read integers only');
        return { ...base, kind: 'DECIMAL', range: this.#range(here, direction) };
      case 'boolean':
        return { ...base, kind: 'BOOLEAN' };
      case 'object': {
        if (node.properties === undefined) {
          if (direction === 'send') this.#fail(here, 'an object without properties: the C encoders write described members only');
          return { ...base, kind: 'ANY_OBJECT' };
        }
        const structName = typeof node.title === 'string' ? snake(node.title) : nestedName;
        return { ...base, kind: 'OBJECT', struct: this.#struct(here, structName, direction) };
      }
      case 'array': {
        if (typeof node.maxItems !== 'number' && direction === 'receive') this.#fail(here, 'an array a device receives needs maxItems (its buffer size)');
        const items = { node: node.items as Json, document: here.document, pointer: `${here.pointer}/items` };
        const element = this.#member(items, name, true, `${nestedName}_item`, direction);
        if (direction === 'send' ? element.kind !== 'OBJECT' : element.kind !== 'STRING') {
          this.#fail(here, direction === 'send' ? 'an array a device sends holds objects only' : 'an array a device receives holds strings only');
        }
        const minItems = typeof node.minItems === 'number' ? node.minItems : 0;
        return { ...base, kind: 'ARRAY', max: typeof node.maxItems === 'number' ? node.maxItems : UNBOUNDED, min: minItems, element };
      }
      default:
        this.#fail(here, `no type the C codecs hold (${JSON.stringify(type ?? null)})`);
    }
  }

  /** An integer's or number's range: its schema's, within int32_t; a const is a range of one; an open set of consts has none. */
  #range(at: Located, direction: Direction): { min: number; max: number } {
    const { node } = at;
    if (typeof node.const === 'number') return { min: node.const, max: node.const };
    // The registry's codes: a set a later release adds to, so any integer (the rule judges it).
    if (Array.isArray(node.enum) || Array.isArray(node.oneOf)) return INT32;
    const min = typeof node.minimum === 'number' ? node.minimum : INT32.min;
    const max = typeof node.maximum === 'number' ? node.maximum : INT32.max;
    if (direction === 'receive' && (node.minimum === undefined || node.maximum === undefined)) {
      this.#fail(at, 'an integer a device receives needs minimum and maximum within int32_t');
    }
    if (min < INT32.min || max > INT32.max) this.#fail(at, 'a range beyond int32_t');
    return { min, max };
  }
}

const commentOf = (text: string): string => (text.trim() === '' ? '' : ` /* ${cCommentText(text.trim())} */`);

/** The has_ flag or count of a member (the struct's first lines, so that their offsets fit a byte), if it has one. */
function flagDeclaration(member: Member): string | null {
  if (member.kind === 'ARRAY') return `uint16_t ${member.name}_count;`;
  return !member.required && member.kind !== 'STRING' && member.kind !== 'ANY_OBJECT' ? `unsigned char has_${member.name};` : null;
}

/** The C declaration of one member. */
function declaration(member: Member, direction: Direction): string {
  const comment = commentOf(member.description);
  switch (member.kind) {
    case 'STRING':
      return direction === 'receive'
        ? `char ${member.name}[${member.capacity}];${comment}`
        : `const char *${member.name};${commentOf(member.required ? member.description : `NULL when absent. ${member.description}`)}`;
    case 'INTEGER':
      return `int32_t ${member.name};${comment}`;
    case 'BOOLEAN':
      return `int ${member.name};${comment}`;
    case 'DECIMAL':
      return `iotv1_decimal_t ${member.name};${comment}`;
    case 'VALUE':
      return `iotv1_value_t ${member.name};${comment}`;
    case 'OBJECT':
      return `${member.struct!.typeName} ${member.name};${comment}`;
    case 'ANY_OBJECT':
      return `/* ${member.name}: an object, checked and skipped */`;
    case 'ARRAY': {
      const element = member.element!;
      if (direction === 'send') {
        return `const ${element.struct!.typeName} *${member.name};${comment}`;
      }
      return `char ${member.name}[${member.max}][${element.capacity}];${comment}`;
    }
  }
}

/** The tables iotv1_json.c walks: member names, ranges, fields and objects. */
class Tables {
  readonly names: string[] = [];
  readonly ranges: { min: number; max: number }[] = [INT32];
  readonly fields: string[] = [];
  readonly objects: { first: number; count: number; typeName: string }[] = [];
  readonly #objectIndex = new Map<string, number>();

  nameOffset(name: string): number {
    let offset = 0;
    for (const known of this.names) {
      if (known === name) return offset;
      offset += known.length + 1;
    }
    this.names.push(name);
    return offset;
  }

  rangeIndex(range: { min: number; max: number } | null): number {
    if (range === null) return 0;
    const index = this.ranges.findIndex((r) => r.min === range.min && r.max === range.max);
    return index >= 0 ? index : this.ranges.push(range) - 1;
  }

  /** The index of a struct's object, its fields laid out first (nested structs before it). */
  object(struct: Struct, direction: Direction): number {
    const known = this.#objectIndex.get(struct.typeName);
    if (known !== undefined) return known;
    for (const member of struct.members) {
      const nested = member.struct ?? member.element?.struct ?? null;
      if (nested !== null) this.object(nested, direction);
    }
    const elements = struct.members.map((member) => (member.element === null ? null : this.#field(member.element, direction)));
    const first = this.fields.length;
    this.fields.push(...struct.members.map((member, i) => this.#fieldLine(member, struct, direction, elements[i] ?? null)));
    const index = this.objects.push({ first, count: struct.members.length, typeName: struct.typeName }) - 1;
    this.#objectIndex.set(struct.typeName, index);
    return index;
  }

  /** An array's element as a field of its own; its `offset` is the element's size. */
  #field(element: Member, direction: Direction): number {
    const size = element.kind === 'OBJECT' ? `sizeof(${element.struct!.typeName})` : String(direction === 'receive' ? element.capacity : 0);
    this.fields.push(this.#line(element, size, 'IOTV1_NO_FLAG', direction, null, `an item of ${element.name}`));
    return this.fields.length - 1;
  }

  #fieldLine(member: Member, struct: Struct, direction: Direction, element: number | null): string {
    const flag =
      flagDeclaration(member) === null
        ? 'IOTV1_NO_FLAG'
        : `offsetof(${struct.typeName}, ${member.kind === 'ARRAY' ? `${member.name}_count` : `has_${member.name}`})`;
    const offset = member.kind === 'ANY_OBJECT' ? '0' : `offsetof(${struct.typeName}, ${member.name})`;
    return this.#line(member, offset, flag, direction, element, `${struct.typeName}.${member.name}`);
  }

  #line(member: Member, offset: string, flag: string, direction: Direction, element: number | null, comment: string): string {
    const bits = [
      `IOTV1_KIND_${member.kind}`,
      member.required ? 'IOTV1_KIND_REQUIRED' : '',
      member.min === 1 ? 'IOTV1_KIND_NON_EMPTY' : '',
      member.ascii ? 'IOTV1_KIND_ASCII' : '',
    ];
    const max = member.kind === 'STRING' || member.kind === 'VALUE' || member.kind === 'ARRAY' ? member.max : 0;
    const arg =
      member.kind === 'INTEGER' || member.kind === 'DECIMAL' || member.kind === 'VALUE'
        ? this.rangeIndex(member.range)
        : member.kind === 'OBJECT'
          ? this.object(member.struct!, direction)
          : member.kind === 'ARRAY'
            ? (element ?? 0)
            : 0;
    return `/* ${comment} */ { ${this.nameOffset(member.name)}u, ${bits.filter((bit) => bit !== '').join(' | ')}, ${offset}, ${max}u, ${flag}, ${arg}u }`;
  }
}

/** gen/iotv1_payloads.h and gen/iotv1_payload_tables.h: the payload structs, their codecs, and the tables behind them. */
export function payloadsView(model: ContractModel, banner: string) {
  const reader = new PayloadReader(model);
  const payloads = payloadIds(model).map(({ id, direction }) => reader.payload(id, direction));
  const tables = new Tables();
  const functions = payloads.map((payload) => {
    const object = tables.object(payload.struct, payload.direction);
    const type = payload.struct.typeName;
    const decode = payload.direction === 'receive';
    return {
      comment: cCommentText(`${decode ? 'Decodes' : 'Encodes'} ${type}: ${payload.struct.description}`),
      signature: decode
        ? `int iotv1_decode_${payload.name}(const char *json, size_t length, ${type} *out)`
        : `long iotv1_encode_${payload.name}(const ${type} *in, char *out, size_t capacity)`,
      body: decode ? `return iotv1_decode(${object}u, json, length, out);` : `return iotv1_encode(${object}u, in, out, capacity);`,
    };
  });
  // The rule's reading of an HTTPS body: its top-level code, any integer.
  const bodyObject = tables.objects.length;
  const bodyFirst = tables.fields.length;
  tables.fields.push(
    `/* iotv1_body_t.code */ { ${tables.nameOffset('code')}u, IOTV1_KIND_INTEGER, offsetof(iotv1_body_t, code), 0u, offsetof(iotv1_body_t, has_code), 0u }`,
  );
  tables.objects.push({ first: bodyFirst, count: 1, typeName: 'iotv1_body_t' });
  const namesSize = tables.names.reduce((size, name) => size + name.length + 1, 0);
  if (namesSize > 256) payloadProblem(SPEC_WIDE, '', `the member names take ${namesSize} bytes, and a field indexes them in one byte (256)`);
  if (tables.fields.length > 256) payloadProblem(SPEC_WIDE, '', `${tables.fields.length} members, and an object indexes them in one byte (256)`);
  return {
    banner,
    layout: PAYLOAD_TABLES_LAYOUT,
    structs: reader.structs.map((struct) => ({
      typeName: struct.typeName,
      tag: struct.typeName.replace(/_t$/, ''),
      comment: cCommentText(struct.description),
      members: [...struct.members.flatMap((member) => flagDeclaration(member) ?? []), ...struct.members.map((member) => declaration(member, struct.direction))],
    })),
    functions,
    names: tables.names.map((name) => `${cString(name).slice(0, -1)}\\000"`),
    longestName: Math.max(...tables.names.map((name) => name.length)),
    ranges: tables.ranges.map((r, i) => ({
      min: r.min === INT32.min ? 'IOTV1_INT32_MIN' : `${r.min}L`,
      max: r.max === INT32.max ? 'IOTV1_INT32_MAX' : `${r.max}L`,
      separator: i === tables.ranges.length - 1 ? '' : ',',
    })),
    fields: tables.fields.map((line, i) => ({ line, separator: i === tables.fields.length - 1 ? '' : ',' })),
    objects: tables.objects.map((o, i) => ({
      size: `sizeof(${o.typeName})`,
      first: o.first,
      count: o.count,
      comment: o.typeName,
      separator: i === tables.objects.length - 1 ? '' : ',',
    })),
    bodyObject,
  };
}
