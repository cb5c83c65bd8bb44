import type { Server } from '@iotv1/generator-kit';
import type { CodeRef } from '../sections/model-index.js';
import type { Message, MqttSection } from '../sections/mqtt.js';
import { type HtmlExample, htmlExamples } from './blocks.js';
import { type HtmlInline, htmlInline, htmlParagraphs } from './inline.js';

export interface HtmlMessage {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly summary: HtmlInline;
  readonly address: string;
  readonly channel: string;
  readonly channelDescription: HtmlInline;
  readonly direction: string;
  readonly hasParameters: boolean;
  readonly parameters: readonly { readonly name: string; readonly description: HtmlInline }[];
  readonly payload: HtmlInline;
  readonly examples: readonly HtmlExample[];
  readonly hasCodes: boolean;
  readonly codesNote: HtmlInline;
  readonly codes: readonly CodeRef[];
}

export interface HtmlMqtt {
  readonly description: readonly HtmlInline[];
  readonly servers: readonly Server[];
  readonly messages: readonly HtmlMessage[];
}

export function htmlMqtt(section: MqttSection): HtmlMqtt {
  const codesNote = htmlInline(section.codesNote);
  return {
    description: htmlParagraphs(section.description),
    servers: section.servers,
    messages: section.messages.map((m) => htmlMessage(m, codesNote)),
  };
}

function htmlMessage(m: Message, codesNote: HtmlInline): HtmlMessage {
  return {
    id: m.id,
    name: m.name,
    title: m.title,
    summary: htmlInline(m.summary),
    address: m.address,
    channel: m.channel,
    channelDescription: htmlInline(m.channelDescription),
    direction: m.direction,
    hasParameters: m.parameters.length > 0,
    parameters: m.parameters.map((p) => ({ name: p.name, description: htmlInline(p.description) })),
    payload: htmlInline(m.payload),
    examples: htmlExamples(m.examples),
    hasCodes: m.codes.length > 0,
    codesNote,
    codes: m.codes,
  };
}
