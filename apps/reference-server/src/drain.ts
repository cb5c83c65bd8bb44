import type { Server, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** Every socket a listener has accepted and not yet closed: at shutdown, what is still open is cut. */
export function openSockets(listener: Server): ReadonlySet<Socket> {
  const sockets = new Set<Socket>();
  listener.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

/** Work under way (a request being answered, a publish being acknowledged) that a shutdown lets finish. */
export class InFlight {
  readonly #work = new Set<Promise<unknown>>();
  #draining = false;

  /** Set once a shutdown waits: an answer given now closes its connection. */
  get draining(): boolean {
    return this.#draining;
  }

  /** Counts `work` until it settles. */
  track(work: Promise<unknown>): void {
    const forget = (): void => {
      this.#work.delete(settled);
    };
    const settled: Promise<void> = work.then(forget, forget);
    this.#work.add(settled);
  }

  /** Resolves when nothing is under way (work that starts meanwhile included), or when `graceMs` has passed. */
  async settled(graceMs: number): Promise<void> {
    this.#draining = true;
    const deadline = Date.now() + graceMs;
    while (this.#work.size > 0 && Date.now() < deadline) {
      const abort = new AbortController();
      await Promise.race([Promise.all(this.#work), delay(deadline - Date.now(), undefined, { signal: abort.signal }).catch(() => {})]);
      abort.abort();
    }
  }
}
