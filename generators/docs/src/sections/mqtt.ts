import type { MqttMessage, Server } from '@iotv1/generator-kit';
import { messageId } from '../anchors.js';
import { type Inline, paragraphs, prose } from '../inline.js';
import { MQTT_CODES_NOTE } from '../prose.js';
import { typeText } from '../schema-text.js';
import { type CodeRef, type Example, example, type ModelIndex } from './model-index.js';

export interface Message {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly summary: Inline;
  readonly address: string;
  readonly channel: string;
  readonly channelDescription: Inline;
  readonly direction: string;
  readonly parameters: readonly { readonly name: string; readonly description: Inline }[];
  readonly payload: Inline;
  readonly examples: readonly Example[];
  /** Codes whose error type the message may carry (acknowledgements only). */
  readonly codes: readonly CodeRef[];
}

/** The MQTT API: its brokers and every message, with the note on how an acknowledgement names a code. */
export interface MqttSection {
  readonly title: string;
  readonly description: readonly Inline[];
  readonly servers: readonly Server[];
  readonly messages: readonly Message[];
  readonly codesNote: Inline;
}

export function mqttSection(index: ModelIndex): MqttSection {
  const { mqtt } = index.model;
  return {
    title: mqtt.title,
    description: paragraphs(mqtt.description),
    servers: mqtt.servers,
    messages: index.model.messages.map((m) => message(m, index)),
    codesNote: MQTT_CODES_NOTE,
  };
}

function message(m: MqttMessage, index: ModelIndex): Message {
  return {
    id: messageId(m),
    name: m.name,
    title: m.title === '' ? m.name : m.title,
    summary: prose(m.summary),
    address: m.address,
    channel: m.channel,
    channelDescription: prose(m.channelDescription),
    direction: m.action === 'send' ? 'The device publishes it.' : 'The device subscribes and receives it.',
    parameters: m.parameters.map((p) => ({ name: p.name, description: prose(p.description) })),
    payload: typeText({ $ref: m.payloadSchemaId }, index.scope),
    examples: m.examples.map(example),
    codes: index.ackMessages.includes(m) ? index.ackCodes.map(index.codeRef) : [],
  };
}
