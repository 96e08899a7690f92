// SlackRunNotifier.postRunMessage through the real WebClient and the Slack emulator: a channel the bot cannot
// post in is an answer (channel-unavailable), anything else Slack or the network does wrong is thrown.
import type { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySlackOutbox } from '../../src/slack/outbox/memory-slack-outbox.js';
import { RunMessageKey, SlackRunNotifier } from '../../src/slack/slack-run-notifier.js';
import { aRun } from '../support/builders.js';
import {
  OPS,
  SECRET_OPS,
  startTestSlackEmulator,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

let env: TestSlackEmulator;
beforeAll(async () => {
  env = await startTestSlackEmulator({ rateLimits: 'off' });
});
afterAll(() => env.close());

const now = () => new Date('2026-06-02T01:30:00.000Z');

describe('SlackRunNotifier.postRunMessage', () => {
  it('when the bot is in the channel, then the message is posted and handed to the outbox to keep current', async () => {
    const outbox = new MemorySlackOutbox();
    const run = aRun({ channelId: OPS });

    const posted = await new SlackRunNotifier(env.client(), outbox, now).postRunMessage(run);

    expect(posted).toEqual({ kind: 'posted', ts: expect.any(String) });
    expect(env.emulator.messages(OPS).at(-1)?.text).toContain(run.id);
    expect(outbox.message(RunMessageKey.parent(run))?.ts).toBe(posted.kind === 'posted' && posted.ts);
  });

  it('when the channel is private and the bot not in it, then Slack’s answer comes back as channel-unavailable', async () => {
    const outbox = new MemorySlackOutbox();
    const run = aRun({ channelId: SECRET_OPS });

    expect(await new SlackRunNotifier(env.client(), outbox, now).postRunMessage(run)).toEqual({
      kind: 'channel-unavailable',
      channelId: SECRET_OPS,
      reason: 'channel_not_found',
    });
    expect(env.emulator.messages(SECRET_OPS)).toEqual([]);
    expect(outbox.message(RunMessageKey.parent(run))?.ts).toBeUndefined();
  });

  it('when Slack refuses the token, then that is a fault, thrown', async () => {
    const notifier = new SlackRunNotifier(
      env.client({ token: 'xoxb-not-a-token' }),
      new MemorySlackOutbox(),
      now,
    );

    await expect(notifier.postRunMessage(aRun({ channelId: OPS }))).rejects.toMatchObject({
      data: { error: 'invalid_auth' },
    });
  });

  /** A WebClient whose chat.postMessage fails as the real one does on `{ ok: false, error }`. */
  const answering = (error: string) =>
    ({
      chat: {
        postMessage: async () => {
          throw Object.assign(new Error(`An API error occurred: ${error}`), {
            code: 'slack_webapi_platform_error',
            data: { ok: false, error },
          });
        },
      },
    }) as unknown as WebClient;

  it.each(['not_in_channel', 'is_archived', 'channel_not_found'])(
    'when Slack answers %s, then it is channel-unavailable',
    async (error) => {
      const notifier = new SlackRunNotifier(answering(error), new MemorySlackOutbox(), now);

      expect(await notifier.postRunMessage(aRun({ channelId: OPS }))).toEqual({
        kind: 'channel-unavailable',
        channelId: OPS,
        reason: error,
      });
    },
  );

  it.each(['ratelimited', 'internal_error', 'fatal_error'])(
    'when Slack answers %s, then it is thrown',
    async (error) => {
      const notifier = new SlackRunNotifier(answering(error), new MemorySlackOutbox(), now);

      await expect(notifier.postRunMessage(aRun({ channelId: OPS }))).rejects.toMatchObject({
        data: { error },
      });
    },
  );
});
