import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes as `arm-none-eabi-size` counts them: text is code and read-only data, data is initialised RAM, bss zeroed RAM. */
export interface Size {
  readonly text: number;
  readonly data: number;
  readonly bss: number;
}

export type FootprintPart = 'codes' | 'rule' | 'decoders' | 'encoders' | 'shared' | 'unreached' | 'total' | 'libraries';

export interface FootprintRow {
  readonly part: FootprintPart;
  readonly build: string;
  /** One per FIRMWARE_CPUS entry, in that order. */
  readonly sizes: readonly Size[];
}

export interface SymbolSize {
  readonly symbol: string;
  readonly bytes: number;
}

export interface StackRow {
  readonly entry: string;
  /** The deepest chain's stack, the entry point's own frame included. */
  readonly bytes: number;
  /** The functions of that chain, from the entry point down. */
  readonly chain: readonly string[];
}

export interface FirmwareFootprint {
  readonly rows: readonly FootprintRow[];
  /** The symbols of iotv1_json.c on the first CPU (Cortex-M0+) by part, largest first; string literals by their section (`.rodata.<function>.str1.1`). */
  readonly symbols: Readonly<Record<'decoders' | 'encoders' | 'shared' | 'unreached', readonly SymbolSize[]>>;
  /** The library functions the objects call on each CPU (libgcc's switch helpers on Cortex-M0+). */
  readonly libraries: readonly (readonly SymbolSize[])[];
  /** Worst-case stack on the first CPU (Cortex-M0+) from each public function of iotv1_json.c, deepest first. */
  readonly stack: readonly StackRow[];
}

export const FIRMWARE_CPUS: readonly { readonly name: string; readonly flags: readonly string[] }[] = [
  { name: 'Cortex-M0+', flags: ['-mcpu=cortex-m0plus', '-mthumb'] },
  { name: 'Cortex-M4', flags: ['-mcpu=cortex-m4', '-mthumb'] },
];
export const FIRMWARE_FLAGS = ['-Os', '-ffunction-sections', '-fdata-sections'] as const;

/** The helpers' budget on Cortex-M0+ (bytes of text): the issue's 768 and 256, the latter raised by 48 for the status-first rule. */
export const FOOTPRINT_TARGETS = { withStrings: 768, withoutStrings: 304 } as const;
/** The payload issue's budget on Cortex-M0+: the rule, every decoder and every encoder with strings in this much text, no data or bss (coreJSON alone takes about 2.5 KB). */
export const CODEC_BUDGET_TEXT = 2_560;

/** Public functions of iotv1_json.c by what they serve: the rule's reading of a body and of an ack decodes. */
const DECODER_ROOT = /^iotv1_(decode_\w+|body_code|handle_feed_data_ack)$/;
const ENCODER_ROOT = /^iotv1_encode_\w+$/;
/**
 * The codecs' recursions, both as deep as the payload's schema nests. The reader's value function hands a value to one
 * of its readers (through a table of functions); the container reader reads the members and items the schema
 * describes with the value function again, and skips the others without recursion. The writer's emit function calls
 * itself for an object's members and an array's items.
 */
const READER = { value: 'iotv1_read_value', container: 'iotv1_container' } as const;
const WRITER = { emit: 'iotv1_emit' } as const;

interface Section {
  readonly name: string;
  readonly bytes: number;
  readonly kind: keyof Size;
}

interface ElfSymbol {
  readonly name: string;
  readonly section: string;
  readonly bytes: number;
  readonly function: boolean;
  readonly global: boolean;
}

/** What one object file holds: its allocated sections, symbols, and what each section refers to (its relocations). */
interface ObjectFile {
  readonly sections: readonly Section[];
  readonly symbols: readonly ElfSymbol[];
  readonly undefined: readonly string[];
  /** Section name to the symbol or section names its relocations name (calls, literal pools, tables), and a function's calls to itself. */
  readonly references: ReadonlyMap<string, readonly string[]>;
}

const run = (tool: string, args: readonly string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

/**
 * Flash and RAM of the C library on each CPU (`arm-none-eabi-gcc -Os -ffunction-sections -fdata-sections`), with
 * iotv1_json.c split by what uses it: every function and table is its own section, and a section counts for the
 * decoders when only the decoders' public functions reach it through relocations, for the encoders likewise, and as
 * shared when both do. Worst-case stack from `-fstack-usage` over the call graph the same relocations give (with the
 * calls a function makes to itself, which name none), the codecs' recursions walked as READER and WRITER describe.
 */
export function firmwareFootprint(root: string): FirmwareFootprint {
  const src = join(root, 'packages/c-header/src');
  const out = mkdtempSync(join(tmpdir(), 'iotv1-size-'));
  try {
    const perCpu = FIRMWARE_CPUS.map(({ flags }, index) => {
      const compile = (source: string, name: string, defines: readonly string[] = []) => {
        const object = join(out, `${index}-${name}.o`);
        // -fstack-usage writes <object without .o>.su beside the object; it changes no code.
        run('arm-none-eabi-gcc', [...flags, ...FIRMWARE_FLAGS, '-fstack-usage', ...defines, '-I', src, '-c', join(src, source), '-o', object]);
        return object;
      };
      const codes = compile('iotv1.c', 'codes', ['-DIOTV1_NO_STRINGS']);
      const rule = compile('iotv1.c', 'rule');
      const json = compile('iotv1_json.c', 'json');
      return {
        flags,
        codes: readObject(codes),
        rule: readObject(rule),
        json: readObject(json),
        jsonObject: json,
        su: [rule, json].map((o) => o.replace(/\.o$/, '.su')),
      };
    });

    const split = perCpu.map(({ json, jsonObject }) => splitCodecs(jsonObject, json));
    const libraries = perCpu.map(({ flags, rule, json }) => libraryFunctions(flags, [rule, json]));
    const sizes = (pick: (cpu: number) => Size) => FIRMWARE_CPUS.map((_, cpu) => pick(cpu));
    const rows: FootprintRow[] = [
      { part: 'codes', build: 'codes only: `iotv1.c`, `IOTV1_NO_STRINGS`', sizes: sizes((c) => total(perCpu[c]!.codes.sections)) },
      { part: 'rule', build: 'the rule with strings: `iotv1.c`', sizes: sizes((c) => total(perCpu[c]!.rule.sections)) },
      { part: 'decoders', build: 'decoders: `iotv1_json.c`, reached only from a decoder', sizes: sizes((c) => split[c]!.sizes.decoders) },
      { part: 'encoders', build: 'encoders: `iotv1_json.c`, reached only from an encoder', sizes: sizes((c) => split[c]!.sizes.encoders) },
      { part: 'shared', build: 'shared by both: `iotv1_json.c`, reached from each', sizes: sizes((c) => split[c]!.sizes.shared) },
    ];
    if (split.some((s) => s.sizes.unreached.text + s.sizes.unreached.data + s.sizes.unreached.bss > 0)) {
      rows.push({ part: 'unreached', build: '`iotv1_json.c`, reached from neither', sizes: sizes((c) => split[c]!.sizes.unreached) });
    }
    rows.push({
      part: 'total',
      build: '**total with strings: `iotv1.c` + `iotv1_json.c`**',
      sizes: sizes((c) => add(total(perCpu[c]!.rule.sections), total(perCpu[c]!.json.sections))),
    });
    if (libraries.some((l) => l.length > 0)) {
      rows.push({
        part: 'libraries',
        build: 'library functions they call (not in the total)',
        sizes: sizes((c) => ({ text: libraries[c]!.reduce((sum, f) => sum + f.bytes, 0), data: 0, bss: 0 })),
      });
    }
    const first = perCpu[0]!;
    const { stack } = worstStack(
      first.rule,
      first.json,
      first.su.map((file) => readFileSync(file, 'utf8')).join('\n'),
      first.flags,
      ['gen/iotv1_payload_tables.h', 'iotv1_json.h', 'iotv1_json.c'].map((file) => readFileSync(join(src, file), 'utf8')).join('\n'),
    );
    return { rows, symbols: split[0]!.symbols, libraries, stack };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The row of one part, for the report. */
export function footprintRow(footprint: FirmwareFootprint, part: FootprintPart): FootprintRow | undefined {
  return footprint.rows.find((r) => r.part === part);
}

function add(a: Size, b: Size): Size {
  return { text: a.text + b.text, data: a.data + b.data, bss: a.bss + b.bss };
}

function total(sections: readonly Section[]): Size {
  return sections.reduce<Size>((sum, s) => add(sum, { text: 0, data: 0, bss: 0, [s.kind]: s.bytes }), { text: 0, data: 0, bss: 0 });
}

function readObject(object: string): ObjectFile {
  // readelf -S -W: [Nr] Name Type Addr Off Size ES Flg Lk Inf Al (Flg may be empty).
  const sections: Section[] = [];
  for (const line of run('arm-none-eabi-readelf', ['-S', '-W', object]).split('\n')) {
    const match = /^\s*\[\s*\d+\]\s+(.*)$/.exec(line);
    const fields = match?.[1]?.trim().split(/\s+/) ?? [];
    if (fields.length < 9) {
      continue;
    }
    const [name, type, , , size] = fields as [string, string, string, string, string];
    const flags = fields.length >= 10 ? fields[6]! : '';
    const bytes = Number.parseInt(size, 16);
    if (!flags.includes('A') || bytes === 0) {
      continue; // not in the image, or empty
    }
    sections.push({ name, bytes, kind: type === 'NOBITS' ? 'bss' : flags.includes('W') ? 'data' : 'text' });
  }
  // objdump -t: value, seven flag characters, section, tab, size, name.
  const symbols: ElfSymbol[] = [];
  const undefinedSymbols: string[] = [];
  for (const line of run('arm-none-eabi-objdump', ['-t', object]).split('\n')) {
    const match = /^[0-9a-f]+ (.{7}) (\S+)\t([0-9a-f]+) (.+)$/.exec(line);
    if (!match) {
      continue;
    }
    const [, flags, section, size, name] = match as unknown as [string, string, string, string, string];
    if (section === '*UND*') {
      undefinedSymbols.push(name);
    } else if (flags.includes('F') || flags.includes('O')) {
      symbols.push({ name, section, bytes: Number.parseInt(size, 16), function: flags.includes('F'), global: flags.startsWith('g') });
    }
  }
  const references = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of run('arm-none-eabi-objdump', ['-r', object]).split('\n')) {
    const header = /^RELOCATION RECORDS FOR \[(.+)\]:$/.exec(line);
    if (header) {
      current = [];
      references.set(header[1]!, current);
      continue;
    }
    const record = /^[0-9a-f]+\s+R_\w+\s+(\S+)$/.exec(line);
    if (record && current) {
      current.push(record[1]!.replace(/[+-]0x[0-9a-f]+$/, ''));
    }
  }
  // A call within its own section names no relocation: the assembler resolves it. With a section per function, a
  // `bl` to the function's own start (not to a label inside it, as a far branch on Cortex-M0+ may be) is a recursion.
  let section = '';
  let call: string | undefined;
  for (const line of run('arm-none-eabi-objdump', ['-d', '-r', object]).split('\n')) {
    const header = /^Disassembly of section (.+):$/.exec(line);
    const relocated = /^\s+[0-9a-f]+: R_\w+\s/.test(line);
    if (call !== undefined && !relocated) {
      const list = references.get(section) ?? [];
      references.set(section, [...list, call]);
    }
    call = undefined;
    if (header) {
      section = header[1]!;
      continue;
    }
    call = /^\s*[0-9a-f]+:\t[0-9a-f ]+\tblx?\t[0-9a-f]+ <([^>+]+)>$/.exec(line)?.[1];
  }
  // The sections add up to what arm-none-eabi-size counts, or this reading of them is wrong.
  const [text = 0, data = 0, bss = 0] = run('arm-none-eabi-size', [object]).split('\n')[1]!.trim().split(/\s+/).map(Number);
  const sum = total(sections);
  if (sum.text !== text || sum.data !== data || sum.bss !== bss) {
    throw new Error(`firmware footprint: the sections of ${object} add up to ${JSON.stringify(sum)}, arm-none-eabi-size says ${text}/${data}/${bss}`);
  }
  return { sections, symbols, undefined: undefinedSymbols, references };
}

/** The sections of `object` that `roots` reach through relocations (a reference names a symbol or a section). */
function reach(object: ObjectFile, roots: readonly string[]): Set<string> {
  const sectionOf = new Map(object.symbols.map((s) => [s.name, s.section]));
  const names = new Set(object.sections.map((s) => s.name));
  const seen = new Set<string>();
  const queue = roots.map((r) => sectionOf.get(r)!);
  while (queue.length > 0) {
    const section = queue.pop()!;
    if (seen.has(section)) {
      continue;
    }
    seen.add(section);
    for (const target of object.references.get(section) ?? []) {
      const next = sectionOf.get(target) ?? (names.has(target) ? target : undefined);
      if (next !== undefined) {
        queue.push(next); // else an undefined symbol: the rule in iotv1.c or a library function
      }
    }
  }
  return seen;
}

function splitCodecs(object: string, json: ObjectFile) {
  const publicFunctions = json.symbols.filter((s) => s.global && s.function).map((s) => s.name);
  const decoders = reach(
    json,
    publicFunctions.filter((name) => DECODER_ROOT.test(name)),
  );
  const encoders = reach(
    json,
    publicFunctions.filter((name) => ENCODER_ROOT.test(name)),
  );
  const partOf = (section: string) =>
    decoders.has(section) && encoders.has(section) ? 'shared' : decoders.has(section) ? 'decoders' : encoders.has(section) ? 'encoders' : 'unreached';
  const parts = ['decoders', 'encoders', 'shared', 'unreached'] as const;
  const sizes = Object.fromEntries(parts.map((p) => [p, total(json.sections.filter((s) => partOf(s.name) === p))])) as Record<(typeof parts)[number], Size>;
  // The symbols as nm lists them, each in its part by its section; a section without a symbol holds a function's string literals.
  const symbols = Object.fromEntries(parts.map((p) => [p, [] as SymbolSize[]])) as Record<(typeof parts)[number], SymbolSize[]>;
  const sectionOf = new Map(json.symbols.map((s) => [s.name, s.section]));
  for (const line of run('arm-none-eabi-nm', ['-S', '--size-sort', '--defined-only', object]).split('\n')) {
    const match = /^[0-9a-f]+ ([0-9a-f]+) \w (\S+)$/.exec(line);
    const section = match && sectionOf.get(match[2]!);
    if (section !== undefined && section !== null) {
      symbols[partOf(section)].push({ symbol: match![2]!, bytes: Number.parseInt(match![1]!, 16) });
    }
  }
  const named = new Set(sectionOf.values());
  for (const section of json.sections.filter((s) => !named.has(s.name))) {
    symbols[partOf(section.name)].push({ symbol: section.name, bytes: section.bytes });
  }
  for (const list of Object.values(symbols)) {
    list.sort((a, b) => b.bytes - a.bytes || a.symbol.localeCompare(b.symbol));
  }
  return { sizes, symbols };
}

/** Library functions the objects call and neither defines, sized as libgcc (or newlib's libc) of this CPU holds them. */
function libraryFunctions(flags: readonly string[], objects: readonly ObjectFile[]): SymbolSize[] {
  const defined = new Set(objects.flatMap((o) => o.symbols.map((s) => s.name)));
  const wanted = [...new Set(objects.flatMap((o) => o.undefined))].filter((name) => !defined.has(name)).sort();
  if (wanted.length === 0) {
    return [];
  }
  const sizes = librarySizes(flags);
  return wanted.map((name) => {
    const bytes = sizes.get(name);
    if (bytes === undefined) {
      throw new Error(`firmware footprint: ${name} is called but neither in the objects nor in libgcc or libc`);
    }
    return { symbol: name, bytes };
  });
}

function libraries(flags: readonly string[]): string[] {
  return [run('arm-none-eabi-gcc', [...flags, '-print-libgcc-file-name']).trim(), run('arm-none-eabi-gcc', [...flags, '-print-file-name=libc.a']).trim()];
}

function librarySizes(flags: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const library of libraries(flags)) {
    for (const line of run('arm-none-eabi-nm', ['-S', '--defined-only', library]).split('\n')) {
      const match = /^[0-9a-f]+ ([0-9a-f]+) [TtWw] (\S+)$/.exec(line);
      if (match && !sizes.has(match[2]!)) {
        sizes.set(match[2]!, Number.parseInt(match[1]!, 16));
      }
    }
  }
  return sizes;
}

/** The stack a leaf library function takes: what it pushes and subtracts from sp (libgcc's switch helpers push one register). */
function libraryStack(flags: readonly string[], name: string): number {
  for (const library of libraries(flags)) {
    const listing = run('arm-none-eabi-objdump', ['-d', `--disassemble=${name}`, library]);
    const body = listing.split(`<${name}>:`)[1];
    if (body === undefined) {
      continue;
    }
    let bytes = 0;
    for (const line of body.split('\n')) {
      if (/\t(bl|blx)\t/.test(line)) {
        throw new Error(`firmware stack: ${name} is not a leaf function; its stack is not measured`);
      }
      const push = /\tpush(?:\.w)?\t\{([^}]*)\}/.exec(line);
      for (const register of push?.[1]?.split(',') ?? []) {
        const range = /r(\d+)-r(\d+)/.exec(register);
        bytes += 4 * (range ? Number(range[2]) - Number(range[1]) + 1 : 1);
      }
      const sub = /\tsub(?:\.w)?\tsp, #(\d+)/.exec(line);
      if (sub) {
        bytes += Number(sub[1]);
      }
    }
    return bytes;
  }
  throw new Error(`firmware stack: ${name} is in neither libgcc nor libc`);
}

interface Field {
  readonly kind: string;
  readonly arg: number;
}

/**
 * The payload tables as iotv1_json.c reads them (layout 2): each field's kind and `arg` (for OBJECT the object's
 * index, for ARRAY its element's field index), each object's fields, which object each function hands to
 * iotv1_decode or iotv1_encode (the wrappers of gen/, and iotv1_body_code), and the reader's depth limit.
 */
function readTables(source: string) {
  const layout = /#define IOTV1_PAYLOAD_TABLES_LAYOUT (\d+)/.exec(source)?.[1];
  if (layout !== '2') {
    throw new Error(`firmware stack: gen/iotv1_payload_tables.h has layout ${layout ?? 'none'}; bench/src/firmware-size.ts reads layout 2`);
  }
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '');
  const block = (name: string) => {
    const match = new RegExp(`${name}\\[\\]\\s*=\\s*\\{([\\s\\S]*?)\\};`).exec(code);
    if (!match) {
      throw new Error(`firmware stack: no ${name} table`);
    }
    return [...match[1]!.matchAll(/\{([^{}]*)\}/g)].map((m) => splitArguments(m[1]!));
  };
  const number = (text: string) => Number.parseInt(text.replace(/u$/i, ''), 10);
  // A field is { name, kind, offset, max, flag, arg }, an object { size, first, count }.
  const fields: Field[] = block('iotv1_fields').map((f) => ({
    kind: /IOTV1_KIND_(STRING|INTEGER|BOOLEAN|OBJECT|ARRAY|ANY_OBJECT|DECIMAL|VALUE)\b/.exec(f[1] ?? '')?.[1] ?? '?',
    arg: number(f[5] ?? ''),
  }));
  const objects = block('iotv1_objects').map(([, first = '', count = '']) => ({ first: number(first), count: number(count) }));
  const macros = new Map([...code.matchAll(/#define (\w+) (\d+)u?\b/g)].map((m) => [m[1]!, Number(m[2])]));
  const objectOf = new Map<string, number>();
  for (const match of code.matchAll(/^[\w ]*?\b(iotv1_\w+)\([^;{]*\)\s*\{([\s\S]*?)^\}/gm)) {
    const index = /\biotv1_(?:decode|encode)\(\s*(\w+)\s*,/.exec(match[2]!)?.[1];
    if (index !== undefined) {
      objectOf.set(match[1]!, /^\d+u?$/i.test(index) ? number(index) : macros.get(index)!);
    }
  }
  return { fields, objects, objectOf };
}

/** C initialiser arguments split at top-level commas (offsetof(a, b) holds one). */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (c === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current.trim());
  return parts;
}

/** A chain as the report prints it: a run of the same two functions as `n × (a → b)`. */
export function describeChain(chain: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < chain.length; ) {
    const [a, b] = [chain[i]!, chain[i + 1]];
    let times = 1;
    while (b !== undefined && a !== b && chain[i + 2 * times] === a && chain[i + 2 * times + 1] === b) {
      times++;
    }
    parts.push(times > 1 ? `${times} × (${a} → ${b})` : a);
    i += times > 1 ? 2 * times : 1;
  }
  return parts.join(' → ');
}

/**
 * Worst-case stack from each public function of iotv1_json.c: the frames `-fstack-usage` gives (all static on these
 * builds) along every call the relocations show; a function that refers to a table of functions (the reader's
 * `readers`) calls each of them. The only cycles are the codecs' recursions (READER, WRITER), both walked over the
 * tables: for the reader, the value function's frame and below it the worst of its other readers or, for an OBJECT or
 * ARRAY, the container's frame with the worst of its other calls (the skip among them) or of its members' or item's
 * values; for the writer, an object's frame, each member's frame below it, an OBJECT member's members below that,
 * an ARRAY's element. Calls to a library function add what it pushes.
 */
function worstStack(rule: ObjectFile, json: ObjectFile, suText: string, flags: readonly string[], tables: string): Pick<FirmwareFootprint, 'stack'> {
  const { fields, objects: descriptors, objectOf } = readTables(tables);
  const objects = [rule, json];
  const symbols = objects.flatMap((o) => o.symbols.filter((s) => s.function));
  const frames = new Map<string, number>();
  for (const line of suText.split('\n')) {
    const match = /:(\d+):(\d+):([^\t]+)\t(\d+)\t(\S+)/.exec(line);
    if (!match) {
      continue;
    }
    const [, , , name, bytes, qualifier] = match as unknown as [string, string, string, string, string, string];
    if (qualifier !== 'static') {
      throw new Error(`firmware stack: ${name} has a ${qualifier} frame; its worst case is not known`);
    }
    // GCC names a clone `f.isra` in the .su file and `f.isra.0` in the symbol table.
    const symbol = symbols.find((s) => s.name === name) ?? symbols.find((s) => s.name.startsWith(`${name}.`));
    if (symbol) {
      frames.set(symbol.name, Number(bytes));
    }
  }
  const functionIn = new Map(symbols.map((s) => [s.section, s.name]));
  const isFunction = new Set(symbols.map((s) => s.name));
  const callees = new Map<string, string[]>();
  for (const object of objects) {
    const sectionOf = new Map(object.symbols.map((s) => [s.name, s.section]));
    const callable = (target: string) => isFunction.has(target) || object.undefined.includes(target);
    for (const symbol of object.symbols.filter((s) => s.function)) {
      const targets = (object.references.get(symbol.section) ?? []).map((t) => functionIn.get(t) ?? t);
      const direct = new Set(targets.filter(callable));
      const tabled = new Set(
        targets
          .filter((t) => !callable(t))
          .flatMap((t) => object.references.get(sectionOf.get(t) ?? t) ?? [])
          .map((t) => functionIn.get(t) ?? t)
          .filter((t) => callable(t) && !direct.has(t)),
      );
      callees.set(symbol.name, [...direct, ...tabled]);
    }
  }
  const base = (name: string) => name.replace(/\..*$/, '');
  const named = (wanted: string) => {
    const found = [...isFunction].filter((name) => base(name) === wanted);
    if (found.length !== 1) {
      throw new Error(`firmware stack: ${found.length} functions named ${wanted} in iotv1_json.c; bench/src/firmware-size.ts expects one`);
    }
    return found[0]!;
  };
  const [value, container, emit] = [named(READER.value), named(READER.container), named(WRITER.emit)];
  if (!callees.get(value)!.includes(container) || !callees.get(container)!.includes(value) || !callees.get(emit)!.includes(emit)) {
    throw new Error(`firmware stack: ${value} and ${container}, or ${emit}, no longer recurse as bench/src/firmware-size.ts walks them`);
  }
  const frame = (name: string): number => {
    const bytes = frames.get(name);
    if (bytes !== undefined) {
      return bytes;
    }
    if (isFunction.has(name)) {
      throw new Error(`firmware stack: no .su entry for ${name}`);
    }
    return libraryStack(flags, name);
  };

  type Chain = { bytes: number; chain: string[] };
  const deeper = (a: Chain, b: Chain) => (b.bytes > a.bytes ? b : a);
  const none: Chain = { bytes: 0, chain: [] };
  const on = (name: string, below: Chain): Chain => ({ bytes: frame(name) + below.bytes, chain: [name, ...below.chain] });
  // Stack of a call to `name`, where the chain will hand `object` (an index in iotv1_objects, or any when unknown) to a codec.
  const memo = new Map<string, Chain>();
  const call = (name: string, object: number | undefined, path: readonly string[]): Chain => {
    const key = `${name}@${object}`;
    const cached = memo.get(key);
    if (cached) {
      return cached;
    }
    if (path.includes(name)) {
      throw new Error(`firmware stack: ${[...path, name].join(' -> ')} is a cycle bench/src/firmware-size.ts does not bound`);
    }
    if (name === container || (name === value && path.some((p) => p === value || p === container))) {
      throw new Error(`firmware stack: ${[...path, name].join(' -> ')} enters the reader's recursion other than at its top-level value`);
    }
    let result: Chain;
    if (name === value) {
      const roots = object === undefined ? descriptors.map((_, i) => i) : [object];
      result = roots.reduce((worst, index) => deeper(worst, read({ kind: 'OBJECT', arg: index }, [])), none);
    } else if (name === emit) {
      const roots = object === undefined ? descriptors.map((_, i) => i) : [object];
      result = roots.reduce((worst, index) => deeper(worst, write({ kind: 'OBJECT', arg: index }, [])), none);
    } else {
      result = on(
        name,
        (callees.get(name) ?? []).reduce((worst, callee) => deeper(worst, call(callee, object, [...path, name])), none),
      );
    }
    memo.set(key, result);
    return result;
  };
  // The worst of what `name` calls besides the functions of its recursion.
  const besides = (name: string, recursion: readonly string[], also: (callee: string) => boolean = () => true) =>
    (callees.get(name) ?? []).filter((c) => !recursion.includes(c) && also(c)).reduce((worst, c) => deeper(worst, call(c, undefined, [name])), none);
  const read = (field: Field, objectsAbove: readonly number[]): Chain => {
    const leaves = besides(value, [value, container]);
    if (field.kind !== 'OBJECT' && field.kind !== 'ARRAY') {
      return on(value, leaves);
    }
    let members = besides(container, [value, container]);
    if (field.kind === 'OBJECT') {
      if (objectsAbove.includes(field.arg)) {
        throw new Error(`firmware stack: object ${field.arg} of the payload tables holds itself; its decoder's stack is not bounded`);
      }
      const { first, count } = descriptors[field.arg]!;
      for (let f = first; f < first + count; f++) {
        members = deeper(members, read(fields[f]!, [...objectsAbove, field.arg]));
      }
    } else {
      members = deeper(members, read(fields[field.arg]!, objectsAbove));
    }
    return on(value, deeper(leaves, on(container, members)));
  };
  const write = (field: Field, objectsAbove: readonly number[]): Chain => {
    let below = besides(emit, [emit]);
    if (field.kind === 'OBJECT') {
      if (objectsAbove.includes(field.arg)) {
        throw new Error(`firmware stack: object ${field.arg} of the payload tables holds itself; its encoder's stack is not bounded`);
      }
      const { first, count } = descriptors[field.arg]!;
      for (let f = first; f < first + count; f++) {
        below = deeper(below, write(fields[f]!, [...objectsAbove, field.arg]));
      }
    } else if (field.kind === 'ARRAY') {
      below = deeper(below, write(fields[field.arg]!, objectsAbove));
    }
    const label = field.kind === 'OBJECT' ? `object ${field.arg}` : field.kind.toLowerCase();
    return { bytes: frame(emit) + below.bytes, chain: [`${emit} (${label})`, ...below.chain] };
  };

  const entries = json.symbols.filter((s) => s.function && s.global).map((s) => s.name);
  const stack = entries
    .map((entry) => ({ entry, ...call(entry, objectOf.get(entry), []) }))
    .sort((a, b) => b.bytes - a.bytes || a.entry.localeCompare(b.entry));
  return { stack };
}
