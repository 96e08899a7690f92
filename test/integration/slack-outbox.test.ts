// The Redis outbox end to end: real redis-server, real BullMQ workers, the Slack emulator with Slack's rate
// limits on, real time. Waits on emulator and delivery events, never on sleeps.
import { randomUUID } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../../src/slack/outbox/deliver-message.js';
import { outboxKeys } from '../../src/slack/outbox/outbox-keys.js';
import { parseOutboxRecord } from '../../src/slack/outbox/outbox-record.js';
import { RedisSlackOutbox } from '../../src/slack/outbox/redis-slack-outbox.js';
import { createFirstDeliveryWebClient, SlackMessages } from '../../src/slack/outbox/slack-messages.js';
import {
  jobsOf,
  messagesWithKey,
  type OutboxRig,
  SILENT_SLACK_LOGGER,
  startOutboxRig,
} from '../contract/slack-outbox-harness.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const OPS = 'C0OPS00001';
const NOTIFY = 'C0NOTIFY01';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

let rig: OutboxRig;
afterEach(() => rig?.close());

const newRun = () => `run:run-${randomUUID().slice(0, 8)}`;
const callsOf = (method: string) =>
  rig.emulator.calls()[method] ?? { ok: 0, rateLimited: 0, errors: 0, total: 0, errorCodes: {} };

describe('posting and editing', () => {
  it('when a message is upserted and then changed, then it is posted once and edited once', async () => {
    rig = await startOutboxRig(redis);
    const key = `${newRun()}:parent`;
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run started' } });
    const posted = await rig.shown(key, 'Run started');
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run succeeded' }, final: true });
    const edited = await rig.shown(key, 'Run succeeded');

    expect(edited.ts).toBe(posted.ts);
    expect(messagesWithKey(rig.emulator, key)).toHaveLength(1);
    expect(callsOf('chat.postMessage').ok).toBe(1);
    expect(callsOf('chat.update').ok).toBe(1);
  });

  it('when Slack shows a message at its latest version, then its content is released, the same content costs nothing and new content is sent', async () => {
    rig = await startOutboxRig(redis);
    const key = `${newRun()}:parent`;
    const hash = outboxKeys(rig.keyPrefix).message(key);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Run started* on 3,000 targets' } }];
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run started', blocks } });
    await rig.shown(key, 'Run started');
    await rig.settled();
    expect(await redis.client().hexists(hash, 'content')).toBe(0);
    expect(await redis.client().hget(hash, 'contentDigest')).toMatch(/^[0-9a-f]{40}$/);

    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run started', blocks } });
    await rig.settled();
    expect(callsOf('chat.update').total).toBe(0);

    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run succeeded' }, final: true });
    await rig.shown(key, 'Run succeeded');
    await rig.settled();
    expect(callsOf('chat.update').ok).toBe(1);
    expect(callsOf('chat.postMessage').ok).toBe(1);
    expect(await redis.client().hexists(hash, 'content')).toBe(0);
  });

  it('when an upsert asks for a slower pace of edits, then the record keeps it until an upsert without it', async () => {
    rig = await startOutboxRig(redis);
    const key = `${newRun()}:parent`;
    const hash = outboxKeys(rig.keyPrefix).message(key);
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run started' }, editEveryMs: 20_000 });
    expect(await redis.client().hget(hash, 'editEveryMs')).toBe('20000');
    const record = parseOutboxRecord(key, await redis.client().hgetall(hash));
    expect(record?.editEveryMs).toBe(20_000);
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run started' } });
    expect(await redis.client().hexists(hash, 'editEveryMs')).toBe(0);
  });

  it('when blocks and attachments are dropped by an edit, then Slack drops them too', async () => {
    rig = await startOutboxRig(redis);
    const key = `${newRun()}:parent`;
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Run failed*' } }];
    const attachments = [{ color: '#d40e0d', text: 'step 2 failed' }];
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run failed', blocks, attachments } });
    await rig.shown(key, 'Run failed');
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run retried' }, final: true });
    await rig.shown(key, 'Run retried');

    const [message] = messagesWithKey(rig.emulator, key);
    expect(message?.blocks).toBeUndefined();
    expect(message?.attachments).toBeUndefined();
  });

  it('when 20 upserts of one message come at once, then it is posted once, edited at most twice, and shows the last', async () => {
    rig = await startOutboxRig(redis, { editIntervalMs: 3_000 });
    const key = `${newRun()}:parent`;
    for (let n = 1; n <= 20; n++) {
      await rig.outbox.upsert({ key, channel: OPS, content: { text: `progress ${n}/20` } });
    }
    await rig.shown(key, 'progress 20/20');
    await rig.settled();

    expect(messagesWithKey(rig.emulator, key)).toHaveLength(1);
    expect(callsOf('chat.postMessage').ok).toBe(1);
    expect(callsOf('chat.update').total).toBeLessThanOrEqual(2);
  });

  it('when the final state arrives inside the coalescing window, then it is edited in without waiting', async () => {
    rig = await startOutboxRig(redis, { editIntervalMs: 60_000 });
    const key = `${newRun()}:parent`;
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run started' } });
    await rig.shown(key, 'Run started');
    await rig.outbox.upsert({ key, channel: OPS, content: { text: '3 of 5 done' } });
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run succeeded' }, final: true });

    // Well inside the 60 s window: shown() gives up after 10 s.
    await rig.shown(key, 'Run succeeded');
    expect(callsOf('chat.update').ok).toBe(1);
  });

  it('when an edited message was deleted in Slack, then it is posted again and its new ts recorded', async () => {
    rig = await startOutboxRig(redis);
    const key = `${newRun()}:parent`;
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run started' } });
    const first = await rig.shown(key, 'Run started');
    const client = new WebClient(rig.emulator.botToken, { slackApiUrl: rig.emulator.apiUrl });
    await client.chat.delete({ channel: OPS, ts: first.ts });
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run succeeded' }, final: true });
    const second = await rig.shown(key, 'Run succeeded');

    expect(second.ts).not.toBe(first.ts);
    expect(await rig.recordedTs(key)).toBe(second.ts);
    expect(callsOf('chat.update').errorCodes).toEqual({ message_not_found: 1 });
  });
});

describe('threads', () => {
  it('when a reply is upserted before its parent, then it waits and is posted in the parent thread', async () => {
    rig = await startOutboxRig(redis);
    const run = newRun();
    await rig.outbox.upsert({
      key: `${run}:child:1`,
      channel: OPS,
      threadOf: `${run}:parent`,
      content: { text: 'payments-prod: Success' },
      broadcast: true,
    });
    await rig.waitForEvent(
      (event) => event.kind === 'waiting' && event.reason === 'parent',
      'the reply waiting for its parent',
    );
    expect(messagesWithKey(rig.emulator, `${run}:child:1`)).toHaveLength(0);
    await rig.outbox.upsert({ key: `${run}:parent`, channel: OPS, content: { text: 'Run started' } });
    const parent = await rig.shown(`${run}:parent`, 'Run started');
    const reply = await rig.shown(`${run}:child:1`, 'payments-prod: Success');

    expect(reply.threadTs).toBe(parent.ts);
    // Broadcast: the channel shows it too.
    expect(rig.emulator.messages(OPS).map((message) => message.ts)).toContain(reply.ts);
  });

  it('when a parent is refused by Slack, then its replies give up too instead of waiting forever', async () => {
    rig = await startOutboxRig(redis);
    const run = newRun();
    await rig.outbox.upsert({
      key: `${run}:parent`,
      channel: 'C0NOPE0001',
      content: { text: 'Run started' },
    });
    await rig.outbox.upsert({
      key: `${run}:child:1`,
      channel: 'C0NOPE0001',
      threadOf: `${run}:parent`,
      content: { text: 'payments-prod: Success' },
    });
    const gaveUp = await rig.waitForEvent(
      (event) => event.key === `${run}:child:1` && event.kind === 'gave-up',
      'the reply giving up',
    );
    expect(gaveUp).toMatchObject({ reason: 'parent_not_posted' });
  });
});

describe('a first delivery that fails', () => {
  it('when Slack cannot be reached for a first delivery, then the fault is reported and a job posts it later', async () => {
    rig = await startOutboxRig(redis, { withoutWorker: true });
    const faults: DeliveryEvent[] = [];
    // Port 1 on the loopback: nothing listens, so the post fails in transport.
    const unreachable = new SlackMessages(
      createFirstDeliveryWebClient(rig.emulator.botToken, {
        slackApiUrl: 'http://127.0.0.1:1/api/',
        logger: SILENT_SLACK_LOGGER,
      }),
    );
    const outbox = new RedisSlackOutbox(redis.client(), rig.queue, unreachable, {
      keyPrefix: rig.keyPrefix,
      settings: { editIntervalMs: 300 },
      onDelivery: (event) => faults.push(event),
    });
    const key = `${newRun()}:parent`;

    const first = await outbox.deliverNow({ key, channel: OPS, content: { text: 'Run started' } });

    expect(first).toEqual({ kind: 'pending' });
    expect(faults).toEqual([
      {
        kind: 'faulted',
        key,
        error: expect.stringMatching(/chat.postMessage .* failed: slack_webapi_request_error/),
      },
    ]);
    await rig.startWorker();
    await rig.shown(key, 'Run started');
    expect(messagesWithKey(rig.emulator, key)).toHaveLength(1);
  });
});

describe('giving up', () => {
  it('when the channel does not exist, then the message is tried once and given up, not retried', async () => {
    rig = await startOutboxRig(redis);
    const key = `${newRun()}:parent`;
    await rig.outbox.upsert({ key, channel: 'C0NOPE0001', content: { text: 'Run started' } });
    const gaveUp = await rig.waitForEvent((event) => event.kind === 'gave-up', 'giving up');
    await rig.settled();

    expect(gaveUp).toMatchObject({ key, version: 1, reason: 'channel_not_found' });
    expect(callsOf('chat.postMessage')).toMatchObject({ total: 1, errorCodes: { channel_not_found: 1 } });
    expect(await jobsOf(rig.queue, key)).toEqual([]);
    expect(await rig.recordedTs(key)).toBeUndefined();
  });

  it('when a refused message is upserted with the same content again, then Slack is not called again', async () => {
    rig = await startOutboxRig(redis);
    const key = `${newRun()}:parent`;
    await rig.outbox.upsert({ key, channel: 'C0NOPE0001', content: { text: 'Run started' } });
    await rig.waitForEvent((event) => event.kind === 'gave-up', 'giving up');
    await rig.outbox.upsert({ key, channel: 'C0NOPE0001', content: { text: 'Run started' } });
    await rig.settled();

    expect(callsOf('chat.postMessage').total).toBe(1);
  });
});

describe('rate limits', () => {
  it('when Slack answers a storm of 429s, then every message is delivered exactly once afterwards', async () => {
    rig = await startOutboxRig(redis);
    rig.emulator.forceRateLimit({ method: 'chat.postMessage', count: 5, retryAfterSeconds: 1 });
    const run = newRun();
    const keys = [OPS, NOTIFY].flatMap((channel) =>
      [1, 2, 3].map((n) => ({ key: `${run}:${channel}:${n}`, channel })),
    );
    for (const { key, channel } of keys) await rig.outbox.upsert({ key, channel, content: { text: key } });
    for (const { key } of keys) await rig.shown(key, key);
    await rig.settled();

    for (const { key } of keys) expect(messagesWithKey(rig.emulator, key)).toHaveLength(1);
    expect(callsOf('chat.postMessage')).toMatchObject({ ok: 6, rateLimited: 5 });
    expect(rig.events.filter((event) => event.kind === 'rate-limited')).toHaveLength(5);
    // A 429 means nothing was posted: no history was searched for a lost post.
    expect(callsOf('conversations.history').total).toBe(0);
  });
});

describe('several workers', () => {
  it('when two workers share one Redis, then each message is posted exactly once', async () => {
    rig = await startOutboxRig(redis);
    await rig.startWorker();
    const run = newRun();
    const parents = [1, 2, 3, 4].map((n) => `${run}:parent:${n}`);
    for (const parent of parents) {
      await rig.outbox.upsert({
        key: parent,
        channel: n(parent) % 2 ? OPS : NOTIFY,
        content: { text: parent },
      });
      for (const child of [1, 2, 3]) {
        await rig.outbox.upsert({
          key: `${parent}:child:${child}`,
          channel: n(parent) % 2 ? OPS : NOTIFY,
          threadOf: parent,
          content: { text: `${parent} child ${child}` },
        });
      }
    }
    for (const parent of parents) {
      await rig.shown(parent, parent);
      for (const child of [1, 2, 3]) await rig.shown(`${parent}:child:${child}`, `${parent} child ${child}`);
    }
    await rig.settled();

    for (const parent of parents) {
      expect(messagesWithKey(rig.emulator, parent)).toHaveLength(1);
      for (const child of [1, 2, 3])
        expect(messagesWithKey(rig.emulator, `${parent}:child:${child}`)).toHaveLength(1);
    }
    expect(callsOf('chat.postMessage').ok).toBe(16);
  });
});

const n = (key: string) => Number(key.split(':').pop());
