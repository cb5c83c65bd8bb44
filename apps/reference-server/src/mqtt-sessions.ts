import type { Aedes } from 'aedes';

/** A session as aedes' persistence names it. */
interface SessionRef {
  readonly id: string;
}

/** The parts of aedes' persistence that hold offline sessions (aedes types its persistence `any`). */
interface SessionPersistence {
  outgoingEnqueueCombi(subs: readonly { readonly clientId: string }[], packet: unknown): Promise<void>;
  outgoingStream(session: SessionRef): AsyncIterable<unknown>;
  outgoingClearMessageId(session: SessionRef, packet: unknown): Promise<unknown>;
  cleanSubscriptions(session: SessionRef): Promise<void>;
}

export interface SessionLimits {
  /** How long a persistent session outlives its connection before it is removed. */
  readonly sessionExpiryMs: number;
  /** Acks queued for the offline sessions of one device, all sessions together; later ones are not queued. */
  readonly maxQueuedAcksPerDevice: number;
}

interface OfflineSession {
  readonly deviceId: string;
  queued: number;
  readonly expiry: NodeJS.Timeout;
}

/**
 * Bounds what persistent sessions cost while their devices are away: each expires after `sessionExpiryMs`, and a
 * device's offline sessions hold at most `maxQueuedAcksPerDevice` acks between them, however many sessions it opens.
 */
export class OfflineSessions {
  readonly #sessions = new Map<string, OfflineSession>();
  readonly #queuedByDevice = new Map<string, number>();
  readonly #persistence: SessionPersistence;

  constructor(
    broker: Aedes,
    private readonly limits: SessionLimits,
    private readonly onError: (error: unknown) => void,
  ) {
    this.#persistence = (broker as unknown as { readonly persistence: SessionPersistence }).persistence; // untyped in aedes
    const enqueue = this.#persistence.outgoingEnqueueCombi.bind(this.#persistence);
    // aedes queues a publish for offline sessions here, and only here.
    this.#persistence.outgoingEnqueueCombi = (subs, packet) =>
      enqueue(
        subs.filter((sub) => this.#admit(sub.clientId)),
        packet,
      );
    broker.once('closed', () => {
      for (const session of this.#sessions.values()) clearTimeout(session.expiry);
    });
  }

  /** A persistent session lost its connection (a takeover included, which comes back at once): its expiry starts. */
  wentOffline(sessionId: string, deviceId: string): void {
    const expiry = setTimeout(() => this.#expire(sessionId).catch(this.onError), this.limits.sessionExpiryMs).unref();
    this.#sessions.set(sessionId, { deviceId, queued: 0, expiry });
  }

  /** A session is back: it is delivered its queue, and no longer counts against its device's cap. */
  cameOnline(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return;
    clearTimeout(session.expiry);
    this.#forget(sessionId, session);
  }

  #admit(sessionId: string): boolean {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return true; // not offline (or not a device's): nothing to bound here
    const queued = this.#queuedByDevice.get(session.deviceId) ?? 0;
    if (queued >= this.limits.maxQueuedAcksPerDevice) return false;
    this.#queuedByDevice.set(session.deviceId, queued + 1);
    session.queued++;
    return true;
  }

  async #expire(sessionId: string): Promise<void> {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return;
    this.#forget(sessionId, session);
    const ref = { id: sessionId };
    await this.#persistence.cleanSubscriptions(ref);
    // The queue holds at most the device's cap, so this loop is bounded by it.
    for await (const packet of this.#persistence.outgoingStream(ref)) await this.#persistence.outgoingClearMessageId(ref, packet);
  }

  #forget(sessionId: string, session: OfflineSession): void {
    this.#sessions.delete(sessionId);
    this.#queuedByDevice.set(session.deviceId, (this.#queuedByDevice.get(session.deviceId) ?? 0) - session.queued);
  }
}
