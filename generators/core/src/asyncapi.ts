import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from './diagnostic.js';
import type { MqttMessage } from './model.js';
import { appendPointer, encodePointer, isRecord } from './pointer.js';
import type { SchemaSet } from './schemas.js';
import { at, type SpecFiles } from './spec-files.js';

/**
 * Checks the AsyncAPI document with @asyncapi/parser (its Spectral ruleset: structure, references, channel
 * parameters, operations). Only errors fail generation; the parser's style hints are not the contract.
 * Imported lazily: loading the parser costs about a second.
 */
export async function checkAsyncApiStructure(files: SpecFiles): Promise<Diagnostic[]> {
  const { Parser, fromFile } = await import('@asyncapi/parser');
  const { diagnostics } = await fromFile(new Parser(), files.asyncapi.absolutePath).parse();
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

/** Reads the MQTT messages of each channel (AsyncAPI 3 Channel Object, section 3.3.4) and checks their examples. */
export function readMessages(files: SpecFiles, schemas: SchemaSet): { messages: MqttMessage[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const messages: MqttMessage[] = [];
  const doc = files.asyncapi;
  const channels = isRecord(doc.data) && isRecord(doc.data.channels) ? doc.data.channels : {};
  for (const [channelName, channel] of Object.entries(channels)) {
    if (!isRecord(channel) || !isRecord(channel.messages)) continue;
    const address = typeof channel.address === 'string' ? channel.address : channelName;
    for (const [name, messageRef] of Object.entries(channel.messages)) {
      const message = files.follow(messageRef, doc, appendPointer('/channels', channelName, 'messages', name));
      if (!isRecord(message.value)) continue;
      const payload = message.value.payload;
      const payloadPointer = appendPointer(message.pointer, 'payload');
      if (isRecord(payload) && typeof payload.$ref === 'string' && 'error' in files.resolveRef(payload.$ref, message.file)) continue; // reported while loading
      const payloadTarget = files.follow(payload, message.file, payloadPointer);
      const payloadSchemaId = schemas.idOf(payloadTarget.file);
      if (payloadSchemaId === undefined || payloadTarget.pointer !== '') {
        diagnostics.push(
          at(
            message.file,
            payloadPointer,
            `The payload of message "${name}" must be a $ref to a schema file in schemas/, so HTTPS and MQTT share one definition.`,
            'asyncapi/payload',
          ),
        );
        continue;
      }
      const examples = Array.isArray(message.value.examples) ? message.value.examples : [];
      examples.forEach((example: unknown, i) => {
        if (isRecord(example) && 'payload' in example) {
          diagnostics.push(
            ...schemas.checkExample(
              payloadTarget.file,
              '',
              payloadTarget.value,
              example.payload,
              message.file,
              appendPointer(message.pointer, 'examples', i, 'payload'),
            ),
          );
        }
      });
      messages.push({ name, channel: channelName, address, payloadSchemaId });
    }
  }
  return { messages: messages.sort((a, b) => a.channel.localeCompare(b.channel) || a.name.localeCompare(b.name)), diagnostics };
}
