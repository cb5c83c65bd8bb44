import { appendPointer, type ContractModel, type MqttMessage, SPEC_LAYOUT } from '@iotv1/generator-kit';
import { type Finding, finding } from './finding.js';
import type { SchemaComparison } from './schema-rules.js';

const FILE = SPEC_LAYOUT.asyncapi;

/**
 * MQTT channels matched by address (the topic is what devices use; the channel's key in the document is not),
 * their messages by name, and each message's payload: a message the device publishes is a request, one it
 * receives (an acknowledgement) a response.
 */
export function compareChannels(base: ContractModel, current: ContractModel, schemas: SchemaComparison): Finding[] {
  const findings: Finding[] = [];
  const [before, after] = [byAddress(base.messages), byAddress(current.messages)];
  for (const [address, messages] of before) {
    const now = after.get(address);
    if (now === undefined) {
      const message = `Channel ${address} was removed or its address renamed, but devices built against the base still publish or subscribe there.`;
      findings.push(finding('asyncapi/channel-removed', 'breaking', FILE, channelPointer(messages[0]!), message));
      continue;
    }
    for (const old of messages) {
      const same = now.find((m) => m.name === old.name);
      if (same === undefined) {
        const message = `Message ${old.name} of channel ${address} was removed or renamed, but devices built against the base still use it.`;
        findings.push(finding('asyncapi/message-removed', 'breaking', FILE, messagePointer(old), message));
        continue;
      }
      const [payloadBefore, payloadAfter] = [schemas.base.byId(old.payloadSchemaId), schemas.current.byId(same.payloadSchemaId)];
      if (payloadBefore !== undefined && payloadAfter !== undefined)
        schemas.compare(payloadBefore, payloadAfter, same.action === 'send' ? 'request' : 'response');
    }
    for (const added of now.filter((m) => !messages.some((old) => old.name === m.name))) {
      findings.push(finding('asyncapi/message-added', 'info', FILE, messagePointer(added), `Message ${added.name} of channel ${address} is new.`));
    }
  }
  for (const [address, messages] of after) {
    if (!before.has(address)) findings.push(finding('asyncapi/channel-added', 'info', FILE, channelPointer(messages[0]!), `Channel ${address} is new.`));
  }
  return findings;
}

function byAddress(messages: readonly MqttMessage[]): Map<string, MqttMessage[]> {
  const grouped = new Map<string, MqttMessage[]>();
  for (const message of messages) grouped.set(message.address, [...(grouped.get(message.address) ?? []), message]);
  return grouped;
}

function channelPointer(message: MqttMessage): string {
  return appendPointer('/channels', message.channel);
}

function messagePointer(message: MqttMessage): string {
  return appendPointer('/channels', message.channel, 'messages', message.name);
}
