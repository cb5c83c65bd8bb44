import { type ContractModel, docCommentText, type HttpOperation, type MqttMessage, tsString } from '@iotv1/generator-kit';

export interface OperationView {
  readonly name: string;
  readonly doc: readonly string[];
  /** Parameters after `client`, before `options`, each `name: Type`. */
  readonly parameters: readonly string[];
  readonly method: string;
  readonly path: string;
  /** The arguments `request` gets for path parameters and body. */
  readonly params: string;
  readonly body: string;
  readonly success: string;
}

export interface OperationsView {
  readonly banner: string;
  readonly operations: readonly OperationView[];
}

export interface MqttView {
  readonly banner: string;
  readonly topics: readonly { readonly name: string; readonly address: string; readonly doc: string }[];
  readonly ackTopic: string;
  /** The payload types the publish functions take, for one import. */
  readonly payloadImports: string;
  readonly publishers: readonly { readonly name: string; readonly topic: string; readonly payload: string; readonly doc: readonly string[] }[];
}

/**
 * One typed function per operation, named by its `operationId`. The core has checked that operation ids and message
 * names are names TypeScript can declare (openapi/operation-id, asyncapi/message-name).
 */
export function operationsView(model: ContractModel, banner: string): OperationsView {
  return { banner, operations: model.operations.map((o) => operationView(o, model)) };
}

function operationView(operation: HttpOperation, model: ContractModel): OperationView {
  const id = operation.operationId;
  // The core refuses other parameters (openapi/parameter-location): no spec reaches the throw.
  const unsupported = operation.parameters.find((p) => p.in !== 'path');
  if (unsupported !== undefined) throw new Error(`${id}: ${unsupported.in} parameters are not supported by the client generator yet`);
  const types = `operations[${tsString(id)}]`;
  const body = operation.requestBody;
  const successes = operation.responses.filter((r) => r.status >= 200 && r.status < 300);
  const names = new Map(model.registry.map((entry) => [entry.code, entry.constantName]));
  return {
    name: id,
    doc: [
      operation.summary,
      ...operation.description.trim().split('\n'),
      `\`${operation.method.toUpperCase()} ${operation.path}\`; answers ${operation.responseCodes.map((code) => names.get(code)).join(', ')}.`,
    ].map(docCommentText),
    parameters: [
      ...(operation.parameters.length > 0 ? [`params: ${types}["parameters"]["path"]`] : []),
      ...(body === null
        ? []
        : body.required
          ? [`body: ${types}["requestBody"]["content"][${tsString(body.mediaType)}]`]
          : [`body?: NonNullable<${types}["requestBody"]>["content"][${tsString(body.mediaType)}]`]),
    ],
    method: tsString(operation.method.toUpperCase()),
    path: tsString(operation.path),
    params: operation.parameters.length > 0 ? 'params' : '{}',
    body: body === null ? 'undefined' : 'body',
    success: successes.length === 0 ? 'undefined' : successes.map((r) => `${types}["responses"][${r.status}]["content"][${tsString(r.mediaType)}]`).join(' | '),
  };
}

/**
 * The MQTT entry: a topic constant per message, and a publish function per message the device sends, each
 * answered on the acknowledgement channel (the message whose payload is the feed-data ack).
 */
export function mqttView(model: ContractModel, banner: string): MqttView {
  const title = (id: string): string => String(model.schemas.find((s) => s.id === id)!.schema.title);
  const ack = model.messages.find((m) => m.action === 'receive' && m.payloadSchemaId === model.schemaIds.feedDataAck);
  // The core refuses a spec without it (asyncapi/ack-message): no spec reaches the throw.
  if (ack === undefined) throw new Error('the client needs an MQTT message the device receives with the feed-data ack as its payload');
  const sent = model.messages.filter((m) => m.action === 'send');
  return {
    banner,
    topics: model.messages.map((m) => ({ name: m.name, address: tsString(m.address), doc: docCommentText(topicDoc(m)) })),
    ackTopic: ack.name,
    payloadImports: [...new Set(sent.map((m) => title(m.payloadSchemaId)))].sort().join(', '),
    publishers: sent.map((m) => ({
      name: `publish${m.name.charAt(0).toUpperCase()}${m.name.slice(1)}`,
      topic: m.name,
      payload: title(m.payloadSchemaId),
      doc: [m.summary, `Publishes on \`${m.address}\` (QoS 1) and waits for the acknowledgement on \`${ack.address}\`.`].map(docCommentText),
    })),
  };
}

/** "Title: what the channel carries", or either alone: a message need not have a title. */
function topicDoc(message: MqttMessage): string {
  return [message.title, message.channelDescription].filter((part) => part !== '').join(': ');
}
