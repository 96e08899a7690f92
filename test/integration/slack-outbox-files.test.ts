// File shares through the Redis outbox, its BullMQ workers and the Slack emulator: posted once in their thread after
// the parent, with their bytes, whatever Slack answers on the way (a 429, an upload that fails, a refusal).
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/ports.js';
import type { SlackMessage } from '../../src/slack-emulator/index.js';
import { type OutboxRig, startOutboxRig } from '../contract/slack-outbox-harness.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { BOT_USER_ID } from '../support/slack-emulator.js';

const OPS = 'C0OPS00001';
const GENERAL = 'C0GENERAL1';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

let rig: OutboxRig;
afterEach(() => rig?.close());

function keys() {
  const run = `run:run-${randomUUID().slice(0, 8)}`;
  return { run, parent: `${run}:parent`, results: `${run}:results` };
}

function share(key: string, threadOf: string, name: string, channel = OPS): OutboxMessage {
  return {
    key,
    channel,
    threadOf,
    postOnly: true,
    content: {
      text: `Results of ${name}`,
      files: [
        {
          name: `${name}-results.csv`,
          title: 'CSV',
          content: 'account_id,status\r\n111111111111,Success\r\n',
        },
        { name: `${name}-results.json`, title: 'JSON', content: '{"targets":[]}\n' },
      ],
    },
  };
}

/** Every message of the channel that shares files, thread replies included. */
function fileShares(channel = OPS): SlackMessage[] {
  return rig.emulator
    .messages(channel)
    .flatMap((top) => (top.reply_count ? rig.emulator.thread(channel, top.ts) : [top]))
    .filter((message) => message.files?.length);
}

async function sharedOnce(name: string): Promise<SlackMessage> {
  const share = await rig.emulator.waitFor(
    () => fileShares().find((message) => message.files?.[0]?.name === `${name}-results.csv`),
    { description: `the files of ${name} shared`, timeoutMs: 10_000 },
  );
  await rig.settled();
  expect(fileShares().filter((message) => message.files?.[0]?.name === `${name}-results.csv`)).toHaveLength(
    1,
  );
  return share;
}

describe('a file share through the outbox', () => {
  it('when it is upserted before its parent is posted, then it is shared once in the thread, with its bytes', async () => {
    rig = await startOutboxRig(redis);
    const { parent, results } = keys();
    await rig.outbox.upsert(share(results, parent, 'run-a'));
    await rig.outbox.upsert({ key: parent, channel: OPS, content: { text: 'Run a ended' } });
    const { ts: parentTs } = await rig.shown(parent, 'Run a ended');

    const message = await sharedOnce('run-a');
    expect(message).toMatchObject({ thread_ts: parentTs, text: 'Results of run-a', upload: true });
    const [csv, json] = message.files!;
    expect(rig.emulator.file(csv!.id)?.content.toString()).toBe(
      'account_id,status\r\n111111111111,Success\r\n',
    );
    expect(rig.emulator.file(json!.id)?.content.toString()).toBe('{"targets":[]}\n');
    // The record says it was shared (by its first file's id): an upsert of the same key shares nothing again.
    expect(await rig.recordedTs(results)).toBe(csv!.id);
    await rig.outbox.upsert(share(results, parent, 'run-a'));
    await rig.settled();
    expect(rig.emulator.calls()['files.completeUploadExternal']).toMatchObject({ ok: 1 });
  });

  it('when Slack answers 429 to the share, then the outbox waits Retry-After and shares once', async () => {
    rig = await startOutboxRig(redis);
    const { parent, results } = keys();
    await rig.outbox.upsert({ key: parent, channel: OPS, content: { text: 'Run b ended' } });
    await rig.shown(parent, 'Run b ended');
    rig.emulator.forceRateLimit({ method: 'files.completeUploadExternal', count: 1, retryAfterSeconds: 1 });

    await rig.outbox.upsert(share(results, parent, 'run-b'));

    await sharedOnce('run-b');
    expect(rig.events).toContainEqual(
      expect.objectContaining({ kind: 'rate-limited', key: results, method: 'files.completeUploadExternal' }),
    );
    expect(rig.emulator.calls()['files.completeUploadExternal']).toMatchObject({ ok: 1, rateLimited: 1 });
  });

  it('when an upload to Slack’s upload URL fails, then the job retries with new tickets and shares once', async () => {
    rig = await startOutboxRig(redis);
    const { parent, results } = keys();
    await rig.outbox.upsert({ key: parent, channel: OPS, content: { text: 'Run c ended' } });
    await rig.shown(parent, 'Run c ended');
    rig.emulator.failUploads(1);

    await rig.outbox.upsert(share(results, parent, 'run-c'));

    await sharedOnce('run-c');
    // A ticket per file, one file at a time: the failed try got one (never completed: Slack discards it), the
    // retry two.
    expect(rig.emulator.calls()['files.getUploadURLExternal']).toMatchObject({ ok: 3 });
    expect(rig.emulator.calls()['files.completeUploadExternal']).toMatchObject({ ok: 1 });
  });

  it('when Slack refuses the share for good (the bot left the channel), then the outbox gives up on it', async () => {
    rig = await startOutboxRig(redis);
    const { parent, results } = keys();
    await rig.outbox.upsert({ key: parent, channel: GENERAL, content: { text: 'Run d ended' } });
    await rig.shown(parent, 'Run d ended');
    // Someone removes the bot from the channel: chat:write.public lets it post there, not share files.
    rig.emulator.workspace.resolveChannel(GENERAL)!.members.delete(BOT_USER_ID);

    await rig.outbox.upsert(share(results, parent, 'run-d', GENERAL));

    const gaveUp = await rig.waitForEvent(
      (event) => event.key === results && event.kind === 'gave-up',
      'the refused share',
    );
    expect(gaveUp).toMatchObject({ reason: 'not_in_channel' });
    await rig.settled();
    expect(fileShares(GENERAL)).toEqual([]);
    expect(rig.emulator.calls()['files.completeUploadExternal']).toMatchObject({
      ok: 0,
      errorCodes: { not_in_channel: 1 },
    });
  });
});
