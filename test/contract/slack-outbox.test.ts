// Runs the SlackOutbox contract against every implementation: in memory, and Redis with BullMQ workers posting
// to the Slack emulator (Slack's rate limits on, real time).
import { afterAll, beforeAll } from 'vitest';
import { MemorySlackOutbox } from '../../src/slack/outbox/memory-slack-outbox.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { SECRET_OPS } from '../support/slack-emulator.js';
import { describeSlackOutboxContract } from './slack-outbox.contract.js';
import { redisOutboxUnderTest } from './slack-outbox-harness.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

describeSlackOutboxContract('MemorySlackOutbox', async () => {
  const outbox = new MemorySlackOutbox();
  outbox.refuseChannel(SECRET_OPS, 'channel_not_found');
  return {
    outbox,
    refusingChannel: { id: SECRET_OPS, error: 'channel_not_found' },
    shown: async (key, text) => {
      const message = outbox.message(key);
      if (!message?.ts || message.content.text !== text) {
        throw new Error(`${key} shows ${JSON.stringify(message)}, not ${JSON.stringify(text)}`);
      }
      return message.threadTs ? { ts: message.ts, threadTs: message.threadTs } : { ts: message.ts };
    },
    edits: async (key) => outbox.message(key)?.edits ?? 0,
    settled: async () => {},
    cleanup: async () => {},
  };
});

describeSlackOutboxContract('RedisSlackOutbox', () => redisOutboxUnderTest(redis));
