import { type Listed, listed } from '../listed.js';
import type { Message, MqttSection } from '../sections/mqtt.js';
import { type MdCodeRef, type MdExample, mdCodeRef, mdExamples } from './blocks.js';
import { mdCode, mdText } from './escape.js';
import type { MarkdownScope } from './scope.js';

export interface MdMessage {
  readonly id: string;
  readonly title: string;
  readonly address: string;
  readonly summary: string;
  readonly name: string;
  readonly channel: string;
  readonly direction: string;
  readonly channelDescription: string;
  readonly payload: string;
  readonly hasParameters: boolean;
  /** Rows of the topic-parameters table, escaped for a cell. */
  readonly parameters: readonly { readonly name: string; readonly description: string }[];
  readonly hasCodes: boolean;
  readonly codesNote: string;
  readonly codes: readonly Listed<MdCodeRef>[];
  readonly examples: readonly MdExample[];
}

export interface MdMqtt {
  readonly description: readonly string[];
  readonly servers: readonly { readonly url: string; readonly protocol: string; readonly description: string }[];
  readonly messages: readonly MdMessage[];
}

export function mdMqtt(section: MqttSection, scope: MarkdownScope): MdMqtt {
  const codesNote = scope.block(section.codesNote);
  return {
    description: scope.paragraphs(section.description),
    servers: section.servers.map((s) => ({ url: mdCode(s.url), protocol: mdText(s.protocol), description: mdText(s.description) })),
    messages: section.messages.map((m) => mdMessage(m, codesNote, scope)),
  };
}

function mdMessage(m: Message, codesNote: string, scope: MarkdownScope): MdMessage {
  return {
    id: m.id,
    title: mdText(m.title),
    address: mdCode(m.address),
    summary: scope.block(m.summary),
    name: mdCode(m.name),
    channel: mdCode(m.channel),
    direction: mdText(m.direction),
    channelDescription: scope.block(m.channelDescription),
    payload: scope.block(m.payload),
    hasParameters: m.parameters.length > 0,
    parameters: m.parameters.map((p) => ({ name: mdCode(p.name, 'cell'), description: scope.cell(p.description) })),
    hasCodes: m.codes.length > 0,
    codesNote,
    codes: listed(m.codes.map((ref) => mdCodeRef(ref, scope))),
    examples: mdExamples(m.examples),
  };
}
