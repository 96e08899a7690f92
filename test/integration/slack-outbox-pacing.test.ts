// The outbox paces itself under Slack's limits: 30 replies in one thread, Slack's tiers on in the emulator, and
// not one 429. Takes about 30 s of real time, as Slack's one-post-a-second-per-channel rule does.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { messagesWithKey, type OutboxRig, startOutboxRig } from '../contract/slack-outbox-harness.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const OPS = 'C0OPS00001';
const REPLIES = 30;

let redis: TestRedis;
let rig: OutboxRig;
beforeAll(async () => {
  redis = await startTestRedis();
  rig = await startOutboxRig(redis, { rateLimits: 'slack' });
});
afterAll(async () => {
  await rig.close();
  await redis.stop();
});

it(`when ${REPLIES} replies are posted in one thread, then Slack never answers 429 and each is posted once`, async () => {
  const run = `run:run-${randomUUID().slice(0, 8)}`;
  await rig.outbox.upsert({ key: `${run}:parent`, channel: OPS, content: { text: 'Run started' } });
  const children = Array.from({ length: REPLIES }, (_, index) => `${run}:child:${index + 1}`);
  for (const key of children) {
    await rig.outbox.upsert({ key, channel: OPS, threadOf: `${run}:parent`, content: { text: key } });
  }
  const parent = await rig.shown(`${run}:parent`, 'Run started');
  const last = await rig.emulator.waitFor(() => rig.emulator.thread(OPS, parent.ts).length === REPLIES + 1, {
    timeoutMs: 60_000,
    description: `${REPLIES} replies`,
  });
  expect(last).toBe(true);
  await rig.settled();

  for (const key of children) expect(messagesWithKey(rig.emulator, key, OPS)).toHaveLength(1);
  expect(rig.emulator.calls()['chat.postMessage']).toMatchObject({ ok: REPLIES + 1, rateLimited: 0 });
  // The ts of a message is when Slack took it: after a burst of 3, about one a second.
  const postedAt = rig.emulator.thread(OPS, parent.ts).map((message) => Number(message.ts) * 1000);
  const spanMs = (postedAt.at(-1) ?? 0) - (postedAt[0] ?? 0);
  expect(spanMs).toBeGreaterThanOrEqual((REPLIES + 1 - 3) * 1_000 - 50);
}, 90_000);
