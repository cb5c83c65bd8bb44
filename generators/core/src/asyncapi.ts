import type { Diagnostic } from './diagnostic.js';
import type { MqttMessage } from './model.js';
import { appendPointer, encodePointer, isRecord } from './pointer.js';
import type { SchemaSet } from './schemas.js';
import type { SourceFile } from './source.js';
import { at, type SpecFiles } from './spec-files.js';

/**
 * Checks the AsyncAPI document with @asyncapi/parser (its Spectral ruleset: structure, references, channel
 * parameters, operations). Only errors fail generation; the parser's style hints are not the contract.
 * Imported lazily: loading the parser costs about a second.
 */
export async function checkAsyncApiStructure(file: SourceFile): Promise<Diagnostic[]> {
  const { Parser, fromFile } = await import('@asyncapi/parser');
  const { diagnostics } = await fromFile(new Parser(), file.absolutePath).parse();
  return diagnostics
    .filter((d) => d.severity === 0)
    .map((d) => {
      const pointer = encodePointer(d.path);
      const located = at(file, pointer, `Not valid AsyncAPI 3: ${d.message.replace(/\.$/, '')} [${d.code}].`, 'asyncapi/structure');
      return d.range === undefined || located.line !== undefined ? located : { ...located, line: d.range.start.line + 1, column: d.range.start.character + 1 };
    });
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
