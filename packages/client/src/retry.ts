import { type Result, transportFailure } from './result.js';

/**
 * When to send the same request again. Only what may succeed later is retried: codes the registry marks
 * retryable (4029, 5003; over MQTT, acks marked retryable), network failures and timeouts. Every attempt sends the
 * same bytes (the same `message_id`), so a retry can only answer `idempotent`, never store a second record.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 turns retries off. @default 4 */
  readonly maxAttempts: number;
  /** No retry starts (its wait included) later than this after the first attempt. @default 30000 */
  readonly maxElapsedMs: number;
  /** Backoff before the first retry; doubles with each retry. @default 250 */
  readonly baseDelayMs: number;
  /** Upper bound of one backoff (not of `Retry-After`, which bounds only `maxElapsedMs`). @default 5000 */
  readonly maxDelayMs: number;
  /** Full jitter: each backoff is random between 0 and its bound, so devices do not retry in step. @default true */
  readonly jitter: boolean;
  /** Never send again sooner than the server's `Retry-After`. @default true */
  readonly respectRetryAfter: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  maxElapsedMs: 30_000,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  jitter: true,
  respectRetryAfter: true,
};

/** Runs `attempt` until its result is final, the policy is spent, or `signal` aborts. Never throws. */
export async function withRetries<Body>(policy: RetryPolicy, signal: AbortSignal | undefined, attempt: () => Promise<Result<Body>>): Promise<Result<Body>> {
  const started = Date.now();
  for (let attempts = 1; ; attempts++) {
    const result: Result<Body> = { ...(signal?.aborted ? transportFailure('abort', signal.reason) : await attempt()), attempts };
    if (!result.retryable || attempts >= policy.maxAttempts) return result;
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1)) * (policy.jitter ? Math.random() : 1);
    const asked = result.kind === 'error' && policy.respectRetryAfter ? (result.retryAfterMs ?? 0) : 0;
    const delay = Math.max(asked, backoff);
    if (Date.now() - started + delay > policy.maxElapsedMs) return result;
    if (!(await sleep(delay, signal))) return { ...transportFailure('abort', signal?.reason), attempts };
  }
}

/** Resolves `true` after `ms`, or `false` as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (slept: boolean): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(slept);
    };
    const onAbort = (): void => done(false);
    const timer = setTimeout(done, ms, true);
    if (signal?.aborted) done(false);
    else signal?.addEventListener('abort', onAbort);
  });
}
