// The outbox's shared pacing on a real Redis, with the clock passed in: bursts, spacing, reservations in order,
// channels apart, and Retry-After blocks.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxKeys } from '../../src/slack/outbox/outbox-keys.js';
import { SendPermits } from '../../src/slack/outbox/send-permits.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const T0 = 1_750_000_000_000;
const OPS = 'C0OPS00001';

let redis: TestRedis;
let client: Redis;
beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
});
afterAll(() => redis.stop());

let permits: SendPermits;
beforeEach(() => {
  permits = new SendPermits(client, outboxKeys(`test:${randomUUID()}:`));
});

describe('chat.postMessage pacing', () => {
  it('when a channel is idle, then 3 posts go at once and the next ones get one slot a second, in order', async () => {
    const verdicts = [];
    for (let n = 1; n <= 6; n++) verdicts.push(await permits.take(`m${n}`, 'chat.postMessage', OPS, T0));
    expect(verdicts).toEqual([
      { kind: 'go' },
      { kind: 'go' },
      { kind: 'go' },
      { kind: 'wait', untilMs: T0 + 1_000 },
      { kind: 'wait', untilMs: T0 + 2_000 },
      { kind: 'wait', untilMs: T0 + 3_000 },
    ]);
  });

  it('when a message comes back at its slot, then it goes without taking another', async () => {
    for (let n = 1; n <= 3; n++) await permits.take(`m${n}`, 'chat.postMessage', OPS, T0);
    expect(await permits.take('late', 'chat.postMessage', OPS, T0)).toEqual({
      kind: 'wait',
      untilMs: T0 + 1_000,
    });
    expect(await permits.take('late', 'chat.postMessage', OPS, T0 + 500)).toEqual({
      kind: 'wait',
      untilMs: T0 + 1_000,
    });
    expect(await permits.take('late', 'chat.postMessage', OPS, T0 + 1_000)).toEqual({ kind: 'go' });
    // The next newcomer queues behind the slot that was used, not beside it.
    expect(await permits.take('next', 'chat.postMessage', OPS, T0 + 1_000)).toEqual({
      kind: 'wait',
      untilMs: T0 + 2_000,
    });
  });

  it('when two channels are posted to, then each has its own pace', async () => {
    for (let n = 1; n <= 3; n++) await permits.take(`ops${n}`, 'chat.postMessage', OPS, T0);
    expect(await permits.take('notify', 'chat.postMessage', 'C0NOTIFY01', T0)).toEqual({ kind: 'go' });
  });

  it('when a channel was idle long enough, then its burst is back', async () => {
    for (let n = 1; n <= 3; n++) await permits.take(`m${n}`, 'chat.postMessage', OPS, T0);
    for (let n = 4; n <= 6; n++) {
      expect(await permits.take(`m${n}`, 'chat.postMessage', OPS, T0 + 3_000)).toEqual({ kind: 'go' });
    }
  });
});

describe('chat.update pacing', () => {
  it('when thread replies are edited faster than their share (35 of the 50 a minute), then after a burst of 6 they are spaced 1.72 s apart', async () => {
    const verdicts = [];
    for (let n = 1; n <= 8; n++) verdicts.push(await permits.take(`m${n}`, 'chat.update', OPS, T0, 'thread'));
    expect(verdicts.filter((verdict) => verdict.kind === 'go')).toHaveLength(6);
    expect(verdicts.slice(6)).toEqual([
      { kind: 'wait', untilMs: T0 + 1_715 },
      { kind: 'wait', untilMs: T0 + 3_430 },
    ]);
  });

  it('when thread replies use up their share, then a top-level message is still edited at once (15 a minute kept for it)', async () => {
    for (let n = 1; n <= 8; n++) await permits.take(`reply${n}`, 'chat.update', OPS, T0, 'thread');
    const top = [];
    for (let n = 1; n <= 5; n++) top.push(await permits.take(`parent${n}`, 'chat.update', OPS, T0, 'top'));
    expect(top.slice(0, 4)).toEqual(Array(4).fill({ kind: 'go' }));
    expect(top[4]).toEqual({ kind: 'wait', untilMs: T0 + 4_000 });
  });
});

describe('Retry-After', () => {
  it('when a method is blocked, then nobody calls it before the block ends, reservations included', async () => {
    for (let n = 1; n <= 3; n++) await permits.take(`m${n}`, 'chat.postMessage', OPS, T0);
    await permits.take('reserved', 'chat.postMessage', OPS, T0);
    await permits.block('chat.postMessage', T0 + 5_000, T0);

    expect(await permits.take('reserved', 'chat.postMessage', OPS, T0 + 1_000)).toEqual({
      kind: 'wait',
      untilMs: T0 + 5_000,
    });
    expect(await permits.take('other', 'chat.postMessage', 'C0NOTIFY01', T0 + 1_000)).toEqual({
      kind: 'wait',
      untilMs: T0 + 5_000,
    });
    expect(await permits.take('edit', 'chat.update', OPS, T0 + 1_000)).toEqual({ kind: 'go' });
    expect(await permits.take('other', 'chat.postMessage', 'C0NOTIFY01', T0 + 5_000)).toEqual({ kind: 'go' });
  });

  it('when a shorter block follows a longer one, then the longer one stays', async () => {
    await permits.block('chat.update', T0 + 30_000, T0);
    await permits.block('chat.update', T0 + 1_000, T0);
    expect(await permits.take('m', 'chat.update', OPS, T0 + 2_000)).toEqual({
      kind: 'wait',
      untilMs: T0 + 30_000,
    });
  });
});
