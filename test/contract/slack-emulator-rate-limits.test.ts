// Slack's rate limits in the emulator: tiers per method and token, postMessage per channel, and forced 429 storms.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackEmulatorEvent } from '../../src/slack-emulator/index.js';
import {
  APPROVALS,
  EVERY_SCOPE,
  OPS,
  startTestSlackEmulator,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

let env: TestSlackEmulator;
beforeEach(async () => {
  env = await startTestSlackEmulator({ scopes: EVERY_SCOPE });
});
afterEach(() => env.close());

const rejecting = () => env.client({ rejectRateLimitedCalls: true });
const times = async (count: number, call: () => Promise<unknown>) => {
  for (let i = 0; i < count; i++) await call();
};

describe('tiers', () => {
  it('when a Tier 2 method is called 21 times in a minute, then the 21st gets 429 with Retry-After', async () => {
    await times(20, () => rejecting().users.list({}));
    await expect(rejecting().users.list({})).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 3,
    });
    expect(env.emulator.calls()['users.list']).toMatchObject({ ok: 20, rateLimited: 1 });
  });

  it('when the clock moves past Retry-After, then the bucket has refilled and the call succeeds', async () => {
    await times(20, () => rejecting().usergroups.list({}));
    await expect(rejecting().usergroups.list({})).rejects.toMatchObject({ retryAfter: 3 });
    env.clock.advance(3000);
    await expect(rejecting().usergroups.list({})).resolves.toMatchObject({ ok: true });
  });

  it('when rate limited, then the HTTP answer is 429 with Retry-After and ok:false ratelimited', async () => {
    await times(20, () => rejecting().usergroups.users.list({ usergroup: 'S0SRELEADS' }));
    const response = await fetch(`${env.emulator.apiUrl}usergroups.users.list`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${env.emulator.botToken}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'usergroup=S0SRELEADS',
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('when a Tier 3 method bursts past 50 calls, then it is limited while a Tier 4 method is not', async () => {
    const { ts } = await rejecting().chat.postMessage({ channel: OPS, text: 'v0' });
    await times(50, () => rejecting().chat.update({ channel: OPS, ts: ts!, text: 'v' }));
    await expect(rejecting().chat.update({ channel: OPS, ts: ts!, text: 'v51' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    await times(60, () => rejecting().users.info({ user: 'U0REQUEST1' }));
  });

  it('when rate limits are off, then no call is limited', async () => {
    env.emulator.setRateLimits('off');
    await times(30, () => rejecting().users.list({}));
    expect(env.emulator.calls()['users.list']?.rateLimited).toBe(0);
  });
});

describe('chat.postMessage per channel', () => {
  it('when a channel gets more than a short burst, then it is limited, other channels are not, and a second later it is fine', async () => {
    await times(5, () => rejecting().chat.postMessage({ channel: OPS, text: 'burst' }));
    await expect(rejecting().chat.postMessage({ channel: OPS, text: 'one too many' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 1,
    });
    await expect(
      rejecting().chat.postMessage({ channel: APPROVALS, text: 'elsewhere' }),
    ).resolves.toMatchObject({ ok: true });
    env.clock.advance(1000);
    await expect(rejecting().chat.postMessage({ channel: OPS, text: 'later' })).resolves.toMatchObject({
      ok: true,
    });
    expect(env.emulator.messages(OPS).map((message) => message.text)).not.toContain('one too many');
  });
});

describe('forced 429s', () => {
  it('when the next two postMessage calls are forced to 429, then WebClient honours Retry-After and succeeds', async () => {
    const limited: SlackEmulatorEvent[] = [];
    env.emulator.on('rate_limited', (event) => limited.push(event));
    env.emulator.forceRateLimit({ method: 'chat.postMessage', count: 2, retryAfterSeconds: 1 });
    const client = env.client({ retryConfig: { retries: 3, minTimeout: 10, maxTimeout: 10 } });
    const started = performance.now();
    const answer = await client.chat.postMessage({ channel: OPS, text: 'eventually' });
    expect(answer.ok).toBe(true);
    // WebClient waited Retry-After (1 s) after each 429.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1900);
    expect(env.emulator.calls()['chat.postMessage']).toMatchObject({ total: 3, ok: 1, rateLimited: 2 });
    expect(limited.map((event) => event.type === 'rate_limited' && event.forced)).toEqual([true, true]);
  });

  it('when retries are off, then the forced 429 reaches the caller with its Retry-After', async () => {
    env.emulator.forceRateLimit({ method: 'views.publish', count: 1, retryAfterSeconds: 30 });
    await expect(
      rejecting().views.publish({ user_id: 'U0REQUEST1', view: { type: 'home', blocks: [] } }),
    ).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 });
    await expect(
      rejecting().views.publish({ user_id: 'U0REQUEST1', view: { type: 'home', blocks: [] } }),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  it('when a timed storm refuses nine in ten calls of a method, then exactly that share is refused until it ends', async () => {
    env.emulator.setRateLimits('off');
    env.emulator.forceRateLimit({ method: 'auth.test', forMs: 120_000, share: 0.9, retryAfterSeconds: 1 });
    const refusedOf = async (calls: number) => {
      let refused = 0;
      for (let call = 0; call < calls; call++) {
        await rejecting()
          .auth.test()
          .catch(() => {
            refused += 1;
          });
      }
      return refused;
    };
    expect(await refusedOf(20)).toBe(18);
    // Other methods are not in this storm.
    await expect(rejecting().users.info({ user: 'U0REQUEST1' })).resolves.toMatchObject({ ok: true });
    env.clock.advance(119_000);
    expect(await refusedOf(10)).toBe(9);
    env.clock.advance(1_000);
    expect(await refusedOf(10)).toBe(0);
  });

  it('when a storm is asked for with a share outside (0, 1], then it is refused as a mistake', () => {
    expect(() => env.emulator.forceRateLimit({ forMs: 1_000, share: 1.5 })).toThrow(/share/);
  });

  it('when a storm is forced on every method, then each next call is limited until the count runs out', async () => {
    env.emulator.setRateLimits('off');
    env.emulator.forceRateLimit({ count: 3, retryAfterSeconds: 2 });
    const outcomes = await Promise.allSettled([
      rejecting().auth.test(),
      rejecting().users.info({ user: 'U0REQUEST1' }),
      rejecting().conversations.info({ channel: OPS }),
      rejecting().auth.test(),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  });
});
