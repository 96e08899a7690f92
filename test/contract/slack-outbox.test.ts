// Runs the SlackOutbox contract against every implementation: in memory, and Redis with BullMQ workers posting
// to the Slack emulator (Slack's rate limits on, real time).
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll } from 'vitest';
import { MemorySlackOutbox } from '../../src/slack/outbox/memory-slack-outbox.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { CONTRACT_CHANNEL, describeSlackOutboxContract } from './slack-outbox.contract.js';
import { startOutboxRig } from './slack-outbox-harness.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

describeSlackOutboxContract('MemorySlackOutbox', async () => {
  const outbox = new MemorySlackOutbox();
  let elsewhere = 1_600_000_000;
  return {
    outbox,
    postElsewhere: async () => `${elsewhere++}.000200`,
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

describeSlackOutboxContract('RedisSlackOutbox', async () => {
  const rig = await startOutboxRig(redis);
  const slack = new WebClient(rig.emulator.botToken, { slackApiUrl: rig.emulator.apiUrl });
  return {
    outbox: rig.outbox,
    postElsewhere: async (text) => (await slack.chat.postMessage({ channel: CONTRACT_CHANNEL, text })).ts!,
    shown: rig.shown,
    edits: async (key) => rig.events.filter((event) => event.key === key && event.kind === 'edited').length,
    settled: rig.settled,
    cleanup: rig.close,
  };
});
