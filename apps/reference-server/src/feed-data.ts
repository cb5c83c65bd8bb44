import { type FeedDataStatus, ResponseCodes } from '@iotv1/registry';
import type { FeedDataSubmission, FinalErrorCode, RetryableErrorCode } from '@iotv1/validators';
import type { Device } from './devices.js';
import type { RateLimiter } from './rate-limit.js';
import { type FeedStore, fingerprintOf } from './store.js';

/** Why a request is refused: a registry code, with what the reply says about it. */
export type Refusal =
  | { readonly code: RetryableErrorCode; readonly retryAfterSeconds: number; readonly message?: string; readonly details?: Record<string, unknown> }
  | { readonly code: FinalErrorCode; readonly message?: string; readonly details?: Record<string, unknown> };

export type FeedOutcome = { readonly ok: true; readonly status: FeedDataStatus } | { readonly ok: false; readonly refusal: Refusal };

/** The switch an operator flips to take the service down for maintenance (5003 with Retry-After). */
export interface ServiceState {
  maintenance: { readonly retryAfterSeconds: number } | null;
}

/**
 * The rules of the device API, the same for HTTPS and MQTT: the gates every request of a device passes
 * (maintenance, device policy, licence, rate), then idempotent storage of feed data.
 */
export class FeedDataService {
  constructor(
    private readonly store: FeedStore,
    private readonly rateLimiter: RateLimiter,
    private readonly service: ServiceState,
  ) {}

  /** The gates of every request; `undefined` when the device may go on. */
  admit(device: Device): Refusal | undefined {
    if (this.service.maintenance !== null) {
      return {
        code: ResponseCodes.SERVICE_UNAVAILABLE,
        retryAfterSeconds: this.service.maintenance.retryAfterSeconds,
        message: 'the service is in maintenance',
      };
    }
    if (device.policy.blocked) return { code: ResponseCodes.FORBIDDEN, message: 'the device policy blocks this device', details: { device_id: device.id } };
    if (!device.licensed) return { code: ResponseCodes.PAYMENT_REQUIRED, message: 'the device has no active licence', details: { device_id: device.id } };
    const rate = this.rateLimiter.take(device.id);
    if (!rate.allowed) return { code: ResponseCodes.RATE_LIMITED, retryAfterSeconds: rate.retryAfterSeconds, message: 'rate limit exceeded' };
    return undefined;
  }

  /** Stores a submission once per message id: `created`, the same message again `idempotent`, other content 4009. */
  async submit(device: Device, submission: FeedDataSubmission): Promise<FeedOutcome> {
    const forbidden = submission.readings.map((r) => r.feed).filter((feed) => device.policy.forbiddenFeeds.includes(feed));
    if (forbidden.length > 0)
      return refused({ code: ResponseCodes.FORBIDDEN, message: 'the device policy forbids a feed', details: { feeds: [...new Set(forbidden)] } });
    const record = { deviceId: device.id, messageId: submission.message_id, readings: submission.readings, receivedAt: new Date().toISOString() };
    const outcome = await this.store.put(record, fingerprintOf(submission));
    if (outcome === 'conflict') {
      return refused({
        code: ResponseCodes.CONFLICT,
        message: 'message_id already used with different content',
        details: { message_id: submission.message_id },
      });
    }
    if (outcome === 'idempotent') return { ok: true, status: 'idempotent' };
    return { ok: true, status: device.processing === 'deferred' ? 'processed' : 'created' };
  }
}

function refused(refusal: Refusal): FeedOutcome {
  return { ok: false, refusal };
}
