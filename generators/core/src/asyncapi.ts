import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, MqttMessage, NamedExample } from '@iotv1/generator-kit';
import { appendPointer, encodePointer, isRecord, stringAt, walk } from '@iotv1/generator-kit';
import { type ParserDiagnostic, takeAsyncApiParse } from './asyncapi-parse.js';
import { IDENTIFIER_RULE, isIdentifier } from './identifiers.js';
import type { SchemaSet } from './schemas.js';
import { type SourceFile, sourceText } from './source.js';
import { at, SPEC_LAYOUT, type SpecFiles } from './spec-files.js';

/**
 * Checks the AsyncAPI document with @asyncapi/parser (its Spectral ruleset: structure, references, channel
 * parameters, operations). Only errors fail generation; the parser's style hints are not the contract.
 * The parser runs in a worker thread (asyncapi-parse.ts), started before the spec files are read: loading and running
 * it costs most of a second, spent beside the other checks. Its findings are placed in the files once they are loaded.
 */
export function startAsyncApiCheck(path: string, cache?: AsyncApiCache): (files: SpecFiles) => Promise<Diagnostic[]> {
  const reused = cache?.unchanged(path);
  const parse = reused === undefined ? takeAsyncApiParse(path) : undefined;
  return async (files) => {
    let diagnostics = reused;
    if (parse !== undefined) {
      parse.awaited();
      // A missing or unreadable document fails the parser as well; the loader reports it with its file and line.
      diagnostics = await parse.diagnostics;
      if (diagnostics !== undefined) cache?.record(path, files, diagnostics);
    }
    if (diagnostics === undefined || files.isBroken(path)) return [];
    return locate(files, diagnostics);
  };
}

/**
 * The parser's findings on the last AsyncAPI document it checked, with the text of every file it read: while none of
 * them changes, the next load (`--watch`) takes the same findings instead of parsing again. The files are the document
 * and those its `$ref`s reach, anywhere in them (examples too), followed from file to file; a reference to a file that
 * does not exist counts as that file's absence. When that set cannot be known for sure (a remote or encoded reference,
 * a broken file, a file the loader did not read), nothing is kept.
 */
export class AsyncApiCache {
  #last: { readonly path: string; readonly inputs: ReadonlyMap<string, string | undefined>; readonly diagnostics: readonly ParserDiagnostic[] } | undefined;

  /** The findings for the document at `path`, when it and every file it reads are as they were; undefined otherwise. */
  unchanged(path: string): readonly ParserDiagnostic[] | undefined {
    const last = this.#last;
    if (last === undefined || last.path !== resolve(path)) return undefined;
    for (const [file, text] of last.inputs) if (readOrUndefined(file) !== text) return undefined;
    return last.diagnostics;
  }

  record(path: string, files: SpecFiles, diagnostics: readonly ParserDiagnostic[]): void {
    this.#last = undefined;
    const inputs = parserInputs(files);
    // The parser read the files itself, a moment after the loader: they must not have changed in between.
    if (inputs === undefined || files.asyncapi.absolutePath !== resolve(path)) return;
    for (const [file, text] of inputs) if (readOrUndefined(file) !== text) return;
    this.#last = { path: resolve(path), inputs, diagnostics };
  }
}

/** Every file the parser reads for the AsyncAPI document, with its text (undefined: it does not exist). */
function parserInputs(files: SpecFiles): Map<string, string | undefined> | undefined {
  const inputs = new Map<string, string | undefined>();
  const pending: SourceFile[] = [files.asyncapi];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (inputs.has(file.absolutePath)) continue;
    const text = sourceText(file);
    if (text === undefined) return undefined;
    inputs.set(file.absolutePath, text);
    const refs: string[] = [];
    walk(file.data, (node) => {
      if (isRecord(node) && typeof node.$ref === 'string') refs.push(node.$ref);
    });
    for (const ref of refs) {
      const filePart = ref.split('#')[0]!;
      if (filePart === '') continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(filePart) || filePart.includes('%')) return undefined;
      const target = resolve(dirname(file.absolutePath), filePart);
      const loaded = files.byPath(target);
      if (loaded !== undefined) pending.push(loaded);
      else if (files.isBroken(target) || existsSync(target)) return undefined;
      else if (!inputs.has(target)) inputs.set(target, undefined);
    }
  }
  return inputs;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function locate(files: SpecFiles, diagnostics: readonly ParserDiagnostic[]): Diagnostic[] {
  return diagnostics.flatMap((d) => {
    // References are checked for every file while loading; a broken file has reported its own problem.
    if (d.severity !== 0 || d.code === 'invalid-ref') return [];
    const path = d.source === undefined ? files.asyncapi.absolutePath : sourcePath(d.source);
    if (files.isBroken(path)) return [];
    const file = files.byPath(path) ?? files.asyncapi;
    const located = at(file, encodePointer(d.path), `Not valid AsyncAPI 3: ${d.message.replace(/\.$/, '')} [${d.code}].`, 'asyncapi/structure');
    return [located.line !== undefined || d.range === undefined ? located : { ...located, line: d.range.start.line + 1, column: d.range.start.character + 1 }];
  });
}

/** The parser names a referenced document by path or `file:` URL. */
function sourcePath(source: string): string {
  return source.startsWith('file:') ? fileURLToPath(source) : resolve(source);
}

/**
 * Reads the MQTT messages of each channel (AsyncAPI 3 Channel Object, section 3.3.4) and checks their names and
 * examples, and that one of them is the acknowledgement.
 */
export function readMessages(files: SpecFiles, schemas: SchemaSet): { messages: MqttMessage[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const messages: MqttMessage[] = [];
  let unread = false;
  const doc = files.asyncapi;
  const channels = isRecord(doc.data) && isRecord(doc.data.channels) ? doc.data.channels : {};
  for (const [channelName, channel] of Object.entries(channels)) {
    if (!isRecord(channel) || !isRecord(channel.messages)) continue;
    const address = typeof channel.address === 'string' ? channel.address : channelName;
    for (const [name, messageRef] of Object.entries(channel.messages)) {
      const messagePointer = appendPointer('/channels', channelName, 'messages', name);
      if (!isIdentifier(name)) {
        const text = `The message name "${name}" must be an identifier (${IDENTIFIER_RULE}): generators name its topic constant and publish function after it.`;
        diagnostics.push(at(doc, messagePointer, text, 'asyncapi/message-name'));
      }
      const message = files.follow(messageRef, doc, messagePointer);
      if (!isRecord(message.value)) {
        unread = true;
        continue;
      }
      const payload = message.value.payload;
      const payloadPointer = appendPointer(message.pointer, 'payload');
      const payloadTarget = files.follow(payload, message.file, payloadPointer);
      const payloadSchemaId = schemas.idOf(payloadTarget.file);
      if (payloadSchemaId === undefined || payloadTarget.pointer !== '') {
        unread = true;
        // A reference that does not resolve is reported while loading.
        if (isRecord(payload) && typeof payload.$ref === 'string' && 'error' in files.resolveRef(payload.$ref, message.file)) continue;
        const text = `The payload of message "${name}" must be a $ref to a schema file in schemas/, so HTTPS and MQTT share one definition.`;
        diagnostics.push(at(message.file, payloadPointer, text, 'asyncapi/payload'));
        continue;
      }
      const examples: NamedExample[] = [];
      for (const [i, example] of (Array.isArray(message.value.examples) ? message.value.examples : []).entries()) {
        if (!isRecord(example) || !('payload' in example)) continue;
        const examplePointer = appendPointer(message.pointer, 'examples', i, 'payload');
        diagnostics.push(...schemas.checkExample(payloadTarget.file, '', payloadTarget.value, example.payload, message.file, examplePointer));
        examples.push({ name: stringAt(example, 'name') || `example ${i + 1}`, summary: stringAt(example, 'summary'), value: example.payload });
      }
      messages.push({
        name,
        title: stringAt(message.value, 'title'),
        summary: stringAt(message.value, 'summary'),
        channel: channelName,
        address,
        channelDescription: stringAt(channel, 'description'),
        parameters: addressParameters(files, channel, address),
        action: actionOf(files, channelName),
        payloadSchemaId,
        examples,
      });
    }
  }
  // A message that could not be read may be the acknowledgement; its own problem is reported.
  if (!unread) diagnostics.push(...checkAckMessage(files, schemas, messages));
  return { messages: messages.sort((a, b) => a.channel.localeCompare(b.channel) || a.name.localeCompare(b.name)), diagnostics };
}

/** Some message the device receives must carry the feed-data ack: the client waits for it after each publish. */
function checkAckMessage(files: SpecFiles, schemas: SchemaSet, messages: readonly MqttMessage[]): Diagnostic[] {
  const ackFile = files.byPath(join(files.specDir, SPEC_LAYOUT.feedDataAck));
  const ackId = ackFile === undefined ? undefined : schemas.idOf(ackFile);
  if (ackId === undefined) return []; // a missing or broken file reports itself
  if (messages.some((m) => m.action === 'receive' && m.payloadSchemaId === ackId)) return [];
  const pointer = isRecord(files.asyncapi.data) && isRecord(files.asyncapi.data.channels) ? '/channels' : '';
  const text = `No channel has a message the device receives with the feed-data ack (${SPEC_LAYOUT.feedDataAck}) as its payload: the client waits for it after each publish.`;
  return [at(files.asyncapi, pointer, text, 'asyncapi/ack-message')];
}

/** The `{name}` parameters of a channel address, in address order, with their descriptions. */
function addressParameters(files: SpecFiles, channel: Record<string, unknown>, address: string): MqttMessage['parameters'] {
  const declared = isRecord(channel.parameters) ? channel.parameters : {};
  return [...address.matchAll(/\{([^}]+)\}/g)].map(([, name = '']) => {
    const parameter = files.follow(declared[name], files.asyncapi, '');
    return { name, description: stringAt(parameter.value, 'description') };
  });
}

/**
 * What the device does with a channel's messages: the action of the operation on that channel, or `receive` for a
 * channel that is only an operation's reply channel.
 */
function actionOf(files: SpecFiles, channelName: string): MqttMessage['action'] {
  const operations = isRecord(files.asyncapi.data) && isRecord(files.asyncapi.data.operations) ? Object.values(files.asyncapi.data.operations) : [];
  const channelRef = `#/channels/${channelName.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const own = operations.find((op) => isRecord(op) && isRecord(op.channel) && op.channel.$ref === channelRef);
  return isRecord(own) && own.action === 'send' ? 'send' : 'receive';
}
