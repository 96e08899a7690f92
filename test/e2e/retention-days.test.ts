// RETENTION_DAYS, set as an operator sets it, reaches the Slack outbox of the bot and of its worker: every outbox
// record a run leaves in Redis expires within that many days, not the outbox's own default of 30.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { newestRunId, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
const TWO_DAYS_SECONDS = 2 * 24 * 3600;
let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ env: { RETENTION_DAYS: '2' } });
});
afterAll(() => harness?.close());

/** Every outbox message hash under the bot's key prefix, with its TTL in seconds. */
async function outboxRecordTtls(): Promise<Array<{ key: string; ttl: number }>> {
  const redis = harness.services.redis;
  const keys = await redis.keys(`${harness.services.keyPrefix}outbox:message:*`);
  return Promise.all(keys.map(async (key) => ({ key, ttl: await redis.ttl(key) })));
}

describe('RETENTION_DAYS and the Slack outbox', () => {
  it('when RETENTION_DAYS=2 and a run posts and edits its messages, then every outbox record expires within 2 days', async () => {
    const sent = await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --accounts payments-staging,payments-prod',
    });
    expect(sent.status).toBe(200);
    const runId = await newestRunId(harness, OPS);
    await untilRunEnds(harness, runId);
    // The finished run's thread is complete in Slack: the worker has delivered its last edits and replies.
    await harness.slack.waitFor(
      (slack) => slack.messages(OPS).some((message) => /succeeded/i.test(message.text ?? '')),
      {
        description: 'the run shown as succeeded',
      },
    );
    const records = await outboxRecordTtls();
    expect(records.length).toBeGreaterThan(0);
    // An hour of slack for a slow machine; the default (30 days) or no TTL at all (-1) is far outside it.
    for (const { key, ttl } of records) {
      expect(ttl, key).toBeGreaterThan(TWO_DAYS_SECONDS - 3600);
      expect(ttl, key).toBeLessThanOrEqual(TWO_DAYS_SECONDS);
    }
  }, 60_000);
});
