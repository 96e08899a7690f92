// The RunStarts contract, against memory and Redis: begun starts are listed once old enough, settled ones never.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunStarts } from '../../src/ports.js';
import { MemoryRunStarts } from '../../src/store/memory-run-starts.js';
import { RedisRunStarts } from '../../src/store/redis-run-starts.js';
import { aRun } from '../support/builders.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

describe.each([
  ['MemoryRunStarts', (now: () => Date): RunStarts => new MemoryRunStarts(now)],
  [
    'RedisRunStarts',
    (now: () => Date): RunStarts => new RedisRunStarts(redis.client(), `test:${randomUUID()}:`, now),
  ],
])('RunStarts contract: %s', (_, make) => {
  let ms: number;
  let starts: RunStarts;
  beforeEach(() => {
    ms = Date.parse('2026-06-02T02:00:00.000Z');
    starts = make(() => new Date(ms));
  });

  it('when starts are begun, then those begun before the cut-off come back oldest first, as begun', async () => {
    const [first, second, late] = ['run-aaaa0001', 'run-aaaa0002', 'run-aaaa0003'].map((id) => aRun({ id }));
    await starts.begin(second!);
    ms -= 1000;
    await starts.begin(first!);
    ms += 60_000;
    await starts.begin(late!);

    expect(await starts.unsettled(new Date(ms), 10)).toEqual([first, second]);
    expect(await starts.unsettled(new Date(ms), 1)).toEqual([first]);
    expect(await starts.unsettled(new Date(ms + 1), 10)).toEqual([first, second, late]);
  });

  it('when a start is settled, then it is never listed again; settling twice is fine', async () => {
    await starts.begin(aRun({ id: 'run-aaaa0001' }));
    await starts.settle('run-aaaa0001');
    await starts.settle('run-aaaa0001');
    expect(await starts.unsettled(new Date(ms + 1), 10)).toEqual([]);
  });
});

describe('RedisRunStarts keys', () => {
  it('when a start is begun, then its run and its time are in the {run-starts} slot; a time without its run is dropped', async () => {
    const prefix = `test:${randomUUID()}:`;
    const starts = new RedisRunStarts(redis.client(), prefix, () => new Date(1_000));
    await starts.begin(aRun({ id: 'run-aaaa0001' }));
    const client = redis.client();
    expect(await client.hexists(`${prefix}{run-starts}`, 'run-aaaa0001')).toBe(1);
    expect(await client.zscore(`${prefix}{run-starts}:at`, 'run-aaaa0001')).toBe('1000');

    await client.hdel(`${prefix}{run-starts}`, 'run-aaaa0001');
    expect(await starts.unsettled(new Date(2_000), 10)).toEqual([]);
    expect(await client.zcard(`${prefix}{run-starts}:at`)).toBe(0);
  });
});
