import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/** The classes codes can have; each holds a thousand codes, so the code space holds 3,000. */
const CLASSES = [
  { digit: 2, category: 'Success' },
  { digit: 4, category: 'Client Error' },
  { digit: 5, category: 'Server Error' },
] as const;
export const CODE_SPACE = 3000;

/**
 * A copy of the real spec grown to `codes` registry codes, with operations (one per ten codes) and MQTT channels
 * (one per twenty) in proportion: each a copy of the spec's own feed-data operation or channel. Added codes are
 * spread over the three classes; codes sharing an HTTP status name the first of them as the fallback.
 */
export function syntheticSpec(source: string, target: string, codes: number): void {
  cpSync(source, target, { recursive: true });
  const registryPath = join(target, 'schemas/response-code.schema.json');
  const registry = JSON.parse(readFileSync(registryPath, 'utf8')) as { oneOf: Record<string, unknown>[] };
  const taken = new Set(registry.oneOf.map((e) => e.const as number));
  // The real codes each have an HTTP status of their own: they stay its fallback when synthetic codes share it.
  for (const entry of registry.oneOf) entry['x-http-fallback'] = true;
  const statusTaken = new Set(registry.oneOf.map((e) => e['x-http-status'] as number));
  for (let i = 0; registry.oneOf.length < codes; i++) {
    const cls = CLASSES[i % CLASSES.length]!;
    const code = cls.digit * 1000 + Math.floor(i / CLASSES.length);
    if (taken.has(code)) continue;
    const status = cls.digit * 100 + (code % 100);
    registry.oneOf.push({
      const: code,
      title: `Synthetic ${code}`,
      description: `Synthetic condition number ${code}`,
      'x-category': cls.category,
      ...(cls.category === 'Success' ? {} : { 'x-error-type': `synthetic_${code}` }),
      'x-http-status': status,
      'x-retryable': false,
      'x-since': '1.0.0',
      ...(statusTaken.has(status) ? {} : { 'x-http-fallback': true }),
    });
    taken.add(code);
    statusTaken.add(status);
  }
  writeFileSync(registryPath, JSON.stringify(registry, null, 2));

  const openapiPath = join(target, 'openapi.yaml');
  const openapi = parse(readFileSync(openapiPath, 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> };
  const feedPath = '/iot/v1/devices/{deviceId}/feed-data';
  for (let i = 1; i < Math.max(1, Math.floor(codes / 10)); i++) {
    const copy = structuredClone(openapi.paths[feedPath]!);
    copy.post!.operationId = `submitFeedData${i}`;
    openapi.paths[`${feedPath}-${i}`] = copy;
  }
  writeFileSync(openapiPath, stringify(openapi, { aliasDuplicateObjects: false }));

  const asyncapiPath = join(target, 'asyncapi.yaml');
  const asyncapi = parse(readFileSync(asyncapiPath, 'utf8')) as {
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    components: { messages: Record<string, Record<string, unknown>> };
    operations: Record<string, Record<string, unknown>>;
  };
  for (let i = 1; i < Math.max(1, Math.floor(codes / 20)); i++) {
    const name = `feedData${i}`;
    asyncapi.components.messages[name] = { ...asyncapi.components.messages.feedData!, name: `FeedData${i}` };
    asyncapi.channels[name] = {
      ...asyncapi.channels.feedData!,
      address: `iot/v1/devices/{deviceId}/feed-data-${i}`,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    // The device publishes it, as it does the channel it copies (a channel without an operation is one it receives).
    asyncapi.operations[`publishFeedData${i}`] = {
      ...asyncapi.operations.publishFeedData,
      channel: { $ref: `#/channels/${name}` },
      messages: [{ $ref: `#/channels/${name}/messages/${name}` }],
    };
  }
  writeFileSync(asyncapiPath, stringify(asyncapi, { aliasDuplicateObjects: false }));
}
