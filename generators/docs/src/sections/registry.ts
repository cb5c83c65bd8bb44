import type { Category, DeviceAction, ResponseCode } from '@iotv1/generator-kit';
import { codeId, href, messageId, operationId } from '../anchors.js';
import type { Inline } from '../inline.js';
import { anchorHint, registryIntro } from '../prose.js';
import type { ModelIndex } from './model-index.js';

/** Where a code can come from: HTTPS operations, or MQTT messages that name it by error type. */
export interface Producers {
  readonly transport: 'HTTPS' | 'MQTT';
  readonly items: readonly { readonly label: string; readonly href: string }[];
}

export interface CodeEntry {
  readonly id: string;
  readonly code: number;
  readonly message: string;
  readonly meaning: string;
  readonly category: Category;
  readonly errorType: string | null;
  readonly httpStatus: number;
  readonly retryable: boolean;
  /** What a device does on the code (the device handling rule), in words. */
  readonly action: string;
  readonly since: string;
  readonly retiredReason: string | null;
  /** Non-empty groups only. */
  readonly producers: readonly Producers[];
}

/** The response-code registry: why codes exist, one row per code, and how to link to one. */
export interface RegistrySection {
  readonly intro: readonly Inline[];
  readonly codes: readonly CodeEntry[];
  readonly anchorHint: Inline;
}

const ACTION_WORDS: Readonly<Record<DeviceAction, string>> = {
  success: 'success',
  retry_later: 'retry later',
  fix_request: 'fix the request',
  reauthenticate: 're-authenticate',
  give_up: 'give up',
};

export function registrySection(index: ModelIndex): RegistrySection {
  return { intro: registryIntro(), codes: index.model.registry.map((entry) => codeEntry(entry, index)), anchorHint: anchorHint(index.model) };
}

function codeEntry(entry: ResponseCode, index: ModelIndex): CodeEntry {
  return {
    id: codeId(entry.code),
    code: entry.code,
    message: entry.message,
    meaning: entry.meaning,
    category: entry.category,
    errorType: entry.errorType,
    httpStatus: entry.httpStatus,
    retryable: entry.retryable,
    action: ACTION_WORDS[entry.action],
    since: entry.since,
    retiredReason: entry.retired?.reason ?? null,
    producers: producersOf(entry, index),
  };
}

function producersOf(entry: ResponseCode, index: ModelIndex): Producers[] {
  const groups: Producers[] = [
    {
      transport: 'HTTPS',
      items: index.model.operations.filter((op) => op.responseCodes.includes(entry.code)).map((op) => ({ label: op.operationId, href: href(operationId(op)) })),
    },
    {
      transport: 'MQTT',
      items: (index.ackCodes.includes(entry.code) ? index.ackMessages : []).map((message) => ({ label: message.name, href: href(messageId(message)) })),
    },
  ];
  return groups.filter((group) => group.items.length > 0);
}
