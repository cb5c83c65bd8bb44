import { createHash } from 'node:crypto';

/** One accepted feed-data message. */
export interface FeedRecord {
  readonly deviceId: string;
  readonly messageId: string;
  readonly readings: readonly unknown[];
  readonly receivedAt: string;
}

/** What storing a message did: the first copy is stored, the same copy again is not, other content is refused. */
export type PutOutcome = 'created' | 'idempotent' | 'conflict';

/** Where accepted feed data goes. Idempotent by (device, message id): a message is never stored twice. */
export interface FeedStore {
  put(record: FeedRecord, fingerprint: string): Promise<PutOutcome>;
  /** Every stored record of a device, oldest first. */
  records(deviceId: string): Promise<readonly FeedRecord[]>;
  /** Stores what is pending and releases the store; nothing is put after. */
  close(): Promise<void>;
}

/** For tests and `--store memory`: every record is lost when the process ends. */
export class InMemoryFeedStore implements FeedStore {
  readonly #records = new Map<string, { record: FeedRecord; fingerprint: string }>();

  async put(record: FeedRecord, fingerprint: string): Promise<PutOutcome> {
    const key = `${record.deviceId}\u0000${record.messageId}`;
    const existing = this.#records.get(key);
    if (existing !== undefined) return existing.fingerprint === fingerprint ? 'idempotent' : 'conflict';
    this.#records.set(key, { record, fingerprint });
    return 'created';
  }

  async records(deviceId: string): Promise<readonly FeedRecord[]> {
    return [...this.#records.values()].filter(({ record }) => record.deviceId === deviceId).map(({ record }) => record);
  }

  async close(): Promise<void> {}
}

/** The same message content gives the same fingerprint, whatever its key order. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
