// /healthz while Redis is down or hung: 503 at once or within its ping timeout, not after the outage (it used to
// ping on a client that waits out reconnects, and hung for as long as Redis did); 200 again once Redis is back.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';

let harness: BotHarness;
beforeAll(async () => {
  harness = await startBotHarness({ worker: false, redisAppendOnly: true });
});
afterAll(() => harness?.close());

/** GET /healthz, failing the test (AbortError) if it takes longer than a probe would wait. */
const health = () =>
  fetch(`http://127.0.0.1:${harness.bot.port}/healthz`, { signal: AbortSignal.timeout(3_000) });

describe('/healthz', () => {
  it('when Redis crashes, then it answers 503 at once; when Redis is back, then 200', async () => {
    expect((await health()).status).toBe(200);

    const reconnecting = once(harness.services.redis, 'reconnecting');
    await harness.redis.crash();
    // The outage as a probe meets it: the bot's client has noticed and is trying to reconnect.
    await reconnecting;
    const down = await health();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, checks: { redis: false } });

    await harness.redis.resume();
    await vi.waitFor(async () => expect((await health()).status).toBe(200), {
      timeout: 15_000,
      interval: 100,
    });
  });

  it('when Redis hangs (connected, answering nothing), then it answers 503 within its ping timeout, then at once', async () => {
    expect((await health()).status).toBe(200);

    harness.redis.freeze();
    try {
      expect((await health()).status).toBe(503);
      // Its PING is still unanswered: a second probe knows Redis hangs and does not wait out another second.
      const startedAt = performance.now();
      expect((await health()).status).toBe(503);
      expect(performance.now() - startedAt).toBeLessThan(500);
    } finally {
      harness.redis.thaw();
    }
    await vi.waitFor(async () => expect((await health()).status).toBe(200), {
      timeout: 15_000,
      interval: 100,
    });
  });
});
