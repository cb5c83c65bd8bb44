/** What the platform knows about one device: who it is, what it may do, and its configuration. */
export interface Device {
  readonly id: string;
  readonly token: string;
  /** The device policy: a blocked device, or feeds it may not submit, are refused with 4003. */
  readonly policy: { readonly blocked: boolean; readonly forbiddenFeeds: readonly string[] };
  /** Without an active licence the device is refused with 4002. */
  readonly licensed: boolean;
  /** `deferred`: submissions are accepted now and stored by later processing (status `processed`). */
  readonly processing: 'immediate' | 'deferred';
  readonly config: { readonly revision: number; readonly reportIntervalSeconds: number; readonly feeds: readonly string[] };
}

/** Devices by id and by token. */
export class DeviceDirectory {
  readonly #byId: ReadonlyMap<string, Device>;
  readonly #byToken: ReadonlyMap<string, Device>;
  readonly #statuses = new Map<string, unknown>();

  constructor(devices: readonly Device[]) {
    this.#byId = new Map(devices.map((d) => [d.id, d]));
    this.#byToken = new Map(devices.map((d) => [d.token, d]));
  }

  byId(id: string): Device | undefined {
    return this.#byId.get(id);
  }

  byToken(token: string): Device | undefined {
    return this.#byToken.get(token);
  }

  recordStatus(deviceId: string, status: unknown): void {
    this.#statuses.set(deviceId, status);
  }

  statusOf(deviceId: string): unknown {
    return this.#statuses.get(deviceId);
  }
}

const device = (id: string, overrides: Partial<Device> = {}): Device => ({
  id,
  token: `token-${id}`,
  policy: { blocked: false, forbiddenFeeds: ['camera.raw'] },
  licensed: true,
  processing: 'immediate',
  config: { revision: 1, reportIntervalSeconds: 60, feeds: ['temperature', 'door.open'] },
  ...overrides,
});

/** The devices a fresh server knows, one for each situation a device client meets. */
export const DEMO_DEVICES: readonly Device[] = [
  device('dev-0001'),
  device('dev-0002'),
  device('dev-deferred', { processing: 'deferred' }),
  device('dev-blocked', { policy: { blocked: true, forbiddenFeeds: [] } }),
  device('dev-unlicensed', { licensed: false }),
];
