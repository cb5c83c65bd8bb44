import type { DeviceRequest } from './http.js';

/** The device that most scenarios act as, by its token. */
export const CALLER = 'token-dev-0001';

export const feedDataPath = (deviceId: string) => `/iot/v1/devices/${deviceId}/feed-data`;

export const submission = (messageId: string, readings: readonly unknown[] = [{ feed: 'temperature', value: 21.5 }]) => ({ message_id: messageId, readings });

const withToken = (token: string | undefined) => (token === undefined ? {} : { token });

/** POST feed data; as the device of the path unless a token is given. */
export const submit = (deviceId: string, json: unknown, token?: string): DeviceRequest => ({
  method: 'POST',
  path: feedDataPath(deviceId),
  json,
  ...withToken(token),
});

export const getConfig = (deviceId: string, token?: string): DeviceRequest => ({
  method: 'GET',
  path: `/iot/v1/devices/${deviceId}/config`,
  ...withToken(token),
});

export const reportStatus = (deviceId: string, json: unknown = { firmware_version: '2.4.1', uptime_s: 60 }, token?: string): DeviceRequest => ({
  method: 'PUT',
  path: `/iot/v1/devices/${deviceId}/status`,
  json,
  ...withToken(token),
});
