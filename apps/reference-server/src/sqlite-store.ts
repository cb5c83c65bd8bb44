import Database from 'better-sqlite3';
import type { FeedRecord, FeedStore, PutOutcome } from './store.js';

/**
 * The durable store: SQLite through better-sqlite3, one file.
 *
 * Durability: WAL journal with `synchronous = FULL`, so a transaction is on disk (the WAL fsynced) when its commit
 * returns, and an answer (`created`, `idempotent`, 4009) is sent only after the commit that decided it. A record
 * acknowledged to a device therefore survives `kill -9` and a power cut; a crash between commit and answer leaves a
 * stored record whose device resends it and gets `idempotent`.
 *
 * Group commit: puts that arrive in the same turn of the event loop share one transaction and one fsync, so
 * throughput is not one fsync per message. better-sqlite3 is synchronous; a commit blocks the loop for the fsync.
 */
export class SqliteFeedStore implements FeedStore {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<[string, string, string, string, string]>;
  readonly #fingerprint: Database.Statement<[string, string], { fingerprint: string }>;
  readonly #records: Database.Statement<[string], { message_id: string; readings: string; received_at: string }>;
  readonly #commitBatch: (batch: readonly PendingPut[]) => PutOutcome[];
  #pending: PendingPut[] = [];

  /** Opens (creating when needed) the store in `file`. */
  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    // Another process (a second server on the same file, a test reading it) waits for the lock instead of failing.
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS feed_records (
      device_id   TEXT NOT NULL,
      message_id  TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      readings    TEXT NOT NULL,
      received_at TEXT NOT NULL,
      PRIMARY KEY (device_id, message_id)
    )`);
    this.#insert = this.#db.prepare(
      'INSERT INTO feed_records (device_id, message_id, fingerprint, readings, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.#fingerprint = this.#db.prepare('SELECT fingerprint FROM feed_records WHERE device_id = ? AND message_id = ?');
    // rowid keeps the order of arrival (the primary key is not the rowid: the table is not WITHOUT ROWID).
    this.#records = this.#db.prepare('SELECT message_id, readings, received_at FROM feed_records WHERE device_id = ? ORDER BY rowid');
    this.#commitBatch = this.#db.transaction((batch: readonly PendingPut[]) => batch.map((put) => this.#putOne(put)));
  }

  put(record: FeedRecord, fingerprint: string): Promise<PutOutcome> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ record, fingerprint, resolve, reject });
      if (this.#pending.length === 1) setImmediate(() => this.#flush());
    });
  }

  async records(deviceId: string): Promise<readonly FeedRecord[]> {
    return this.#records.all(deviceId).map((row) => ({
      deviceId,
      messageId: row.message_id,
      readings: JSON.parse(row.readings) as unknown[],
      receivedAt: row.received_at,
    }));
  }

  /** Commits what is pending, then closes the file (the WAL is checkpointed into it). */
  async close(): Promise<void> {
    this.#flush();
    this.#db.close();
  }

  #flush(): void {
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    let outcomes: PutOutcome[];
    try {
      outcomes = this.#commitBatch(batch);
    } catch (error) {
      for (const put of batch) put.reject(error);
      return;
    }
    for (const [index, put] of batch.entries()) put.resolve(outcomes[index]!);
  }

  #putOne({ record, fingerprint }: PendingPut): PutOutcome {
    const { changes } = this.#insert.run(record.deviceId, record.messageId, fingerprint, JSON.stringify(record.readings), record.receivedAt);
    if (changes === 1) return 'created';
    return this.#fingerprint.get(record.deviceId, record.messageId)?.fingerprint === fingerprint ? 'idempotent' : 'conflict';
  }
}

interface PendingPut {
  readonly record: FeedRecord;
  readonly fingerprint: string;
  resolve(outcome: PutOutcome): void;
  reject(error: unknown): void;
}
