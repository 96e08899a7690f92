// The store gate's question, "does Redis answer?", asked on every Slack request: a recent answer counts, so a
// request does not pay a PING round trip before its ack, while a client that is down or hung is still refused.
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { noteRedisAnswered, redisAnsweredLately, redisAnswers } from '../../src/http/redis-health.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let client: Redis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis?.stop());
afterEach(() => {
  client?.disconnect();
  vi.restoreAllMocks();
});

async function connectedClient(): Promise<Redis> {
  client = new Redis(redis.url, { maxRetriesPerRequest: null });
  await client.ping();
  return client;
}

describe('redisAnsweredLately', () => {
  it('when Redis answered within the window, then it is true without a PING', async () => {
    const connected = await connectedClient();
    noteRedisAnswered(connected, 1_000);
    const ping = vi.spyOn(connected, 'ping');
    expect(await redisAnsweredLately(connected, { freshForMs: 250, now: 1_200 })).toBe(true);
    expect(ping).not.toHaveBeenCalled();
  });

  it('when the last answer is older than the window, then it PINGs, and the answer vouches for the next call', async () => {
    const connected = await connectedClient();
    noteRedisAnswered(connected, 1_000);
    const ping = vi.spyOn(connected, 'ping');
    expect(await redisAnsweredLately(connected, { freshForMs: 250, now: 1_300 })).toBe(true);
    expect(ping).toHaveBeenCalledTimes(1);
    expect(await redisAnsweredLately(connected, { freshForMs: 250 })).toBe(true);
    expect(ping).toHaveBeenCalledTimes(1);
  });

  it('when many ask at once with no recent answer, then they share one PING', async () => {
    const connected = await connectedClient();
    const ping = vi.spyOn(connected, 'ping');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => redisAnsweredLately(connected, { freshForMs: 0 })),
    );
    expect(answers).toEqual(Array(10).fill(true));
    expect(ping).toHaveBeenCalledTimes(1);
  });

  it('when the client is not connected, then it is false at once, however recent the last answer', async () => {
    const connected = await connectedClient();
    const closed = once(connected, 'end');
    connected.disconnect();
    await closed;
    noteRedisAnswered(connected);
    expect(await redisAnsweredLately(connected)).toBe(false);
  });

  it('when Redis hangs past the window, then it is false within the PING bound, then at once while it hangs', async () => {
    const connected = await connectedClient();
    redis.freeze();
    try {
      const startedAt = performance.now();
      expect(await redisAnsweredLately(connected, { freshForMs: 0, timeoutMs: 300 })).toBe(false);
      expect(performance.now() - startedAt).toBeLessThan(1_000);
      // Its PING is still unanswered: even an answer noted since does not make a hung client count.
      noteRedisAnswered(connected);
      const again = performance.now();
      expect(await redisAnsweredLately(connected)).toBe(false);
      expect(performance.now() - again).toBeLessThan(50);
    } finally {
      redis.thaw();
    }
    await vi.waitFor(async () => expect(await redisAnswers(connected)).toBe(true), { timeout: 5_000 });
  });
});
