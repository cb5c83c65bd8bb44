import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { SqliteFeedStore } from '../src/sqlite-store.js';
import { exitOf, startServerProcess, type Workdir, workdir } from './server-process.js';
import { call, connectDevice, feedData, publishAndAwaitAck, startServer } from './support.js';

/** Probe row 8, and the restart promise: records and idempotency survive a restart, and `kill -9` loses no acknowledged record. */
let dir: Workdir;
let storeFile: string;

beforeEach(async () => {
  dir = await workdir();
  storeFile = join(dir.path, 'store.sqlite');
});
afterEach(() => dir.dispose());

const submit = (server: Parameters<typeof call>[0], messageId: string, value = 21.5) =>
  call(server, 'POST', '/iot/v1/devices/dev-0001/feed-data', { json: feedData(messageId, [{ feed: 'temperature', value }]) });

describe('after a restart on the same store file', () => {
  it('answers a stored message idempotent (HTTPS and MQTT), other content under its id 4009, and keeps every record', async () => {
    const first = await startServer({ storeFile });
    for (const id of ['m-1', 'm-2', 'm-3']) expect((await submit(first, id)).body).toMatchObject({ status: 'created' });
    await first.close();

    const second = await startServer({ storeFile });
    try {
      expect((await submit(second, 'm-1')).body).toMatchObject({ code: 2000, status: 'idempotent' });
      expect(await submit(second, 'm-2', 99)).toMatchObject({ status: 409, body: { code: 4009 } });
      const device = await connectDevice(second, 'dev-0001');
      await device.subscribeAsync('iot/v1/devices/dev-0001/ack', { qos: 1 });
      const ack = await publishAndAwaitAck(device, 'dev-0001', JSON.stringify(feedData('m-3')), 'm-3');
      await device.endAsync();
      expect(ack).toMatchObject({ message_id: 'm-3', status: 'idempotent' });
      expect((await second.store.records('dev-0001')).map((record) => record.messageId)).toEqual(['m-1', 'm-2', 'm-3']);
    } finally {
      await second.close();
    }
  });
});

describe('kill -9 in the middle of a load of submissions', () => {
  it('loses no message that got created or idempotent, and stores each exactly once', async () => {
    const unlimited = ['--store', storeFile, '--rate-capacity', '1000000000', '--rate-per-second', '1000000000'];
    const victim = await startServerProcess(dir, unlimited);
    onTestFinished(() => {
      victim.child.kill('SIGKILL');
    });
    const acknowledged = new Set<string>();
    let cutOff = 0;
    let killed = false;
    // 16 devices' worth of concurrent senders, each resending every fifth message (the idempotent path under load).
    const sender = async (lane: number) => {
      for (let n = 0; !killed && n < 10_000; n++) {
        const id = `load-${lane}-${n}`;
        for (let attempt = n % 5 === 0 ? 2 : 1; attempt > 0; attempt--) {
          const reply = await submit(victim, id).catch(() => undefined);
          if (reply === undefined) cutOff++;
          const status = (reply?.body as { status?: string } | undefined)?.status;
          if (reply?.status === 200 && (status === 'created' || status === 'idempotent')) acknowledged.add(id);
        }
      }
    };
    const senders = Array.from({ length: 16 }, (_, lane) => sender(lane));
    // Killed once a few hundred are acknowledged, while requests are still in flight; bounded at 20 s whatever the pace.
    const started = Date.now();
    while (acknowledged.size < 400 && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 20));
    victim.child.kill('SIGKILL');
    killed = true;
    expect(await exitOf(victim.child, 10_000)).toMatchObject({ signal: 'SIGKILL' });
    await Promise.all(senders);
    expect(acknowledged.size).toBeGreaterThanOrEqual(400);
    expect(cutOff).toBeGreaterThan(0); // requests were in flight when it died

    const store = new SqliteFeedStore(storeFile);
    const stored = (await store.records('dev-0001')).map((record) => record.messageId);
    await store.close();
    expect(stored.filter((id) => acknowledged.has(id)).sort()).toEqual([...acknowledged].sort());
    expect(new Set(stored).size).toBe(stored.length);

    // The restarted server agrees: every acknowledged message is idempotent, none is created again.
    const restarted = await startServerProcess(dir, unlimited);
    onTestFinished(() => {
      restarted.child.kill('SIGKILL');
    });
    try {
      const answers = new Map<string, number>();
      for (const id of acknowledged) {
        const status = ((await submit(restarted, id)).body as { status: string }).status;
        answers.set(status, (answers.get(status) ?? 0) + 1);
      }
      expect(Object.fromEntries(answers)).toEqual({ idempotent: acknowledged.size });
    } finally {
      restarted.child.kill('SIGTERM');
      expect(await exitOf(restarted.child, 15_000)).toMatchObject({ code: 0 });
    }
  }, 90_000);
});
