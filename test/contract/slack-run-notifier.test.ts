// SlackRunNotifier.postRunMessage over the outbox: Slack's answer to the first delivery becomes the start's
// answer. A channel the bot cannot post in is channel-unavailable, a busy Slack is pending, any other refusal
// of the message is a fault. The Redis outbox's side of it: test/integration/run-start-slack-storm.test.ts.
import { describe, expect, it } from 'vitest';
import { threadLayout } from '../../src/core/run/thread-layout.js';
import type { FirstDelivery, OutboxMessage, SlackOutbox } from '../../src/ports.js';
import { MemorySlackOutbox } from '../../src/slack/outbox/memory-slack-outbox.js';
import {
  GROUPED_RUN_EDIT_EVERY_MS,
  RunMessageKey,
  SlackRunNotifier,
} from '../../src/slack/slack-run-notifier.js';
import { aRun } from '../support/builders.js';

const OPS = 'C0OPS00001';
const now = () => new Date('2026-06-02T01:30:00.000Z');

/** An outbox whose first delivery answers `delivery`, remembering what it was asked to deliver. */
function answering(delivery: FirstDelivery): SlackOutbox & { delivered: OutboxMessage[] } {
  const delivered: OutboxMessage[] = [];
  return {
    delivered,
    upsert: async () => {},
    deliverNow: async (message) => {
      delivered.push(message);
      return delivery;
    },
  };
}

describe('SlackRunNotifier.postRunMessage', () => {
  it('when the bot may post in the channel, then the parent is shown and the outbox keeps it current', async () => {
    const outbox = new MemorySlackOutbox();
    const run = aRun({ channelId: OPS });

    const posted = await new SlackRunNotifier(outbox, now).postRunMessage(run);

    const message = outbox.message(RunMessageKey.parent(run));
    expect(posted).toEqual({ kind: 'posted', ts: message?.ts });
    expect(message?.content.text).toContain(run.id);
  });

  it('when the parent goes to the outbox, then it carries the run revision it was rendered from', async () => {
    const outbox = answering({ kind: 'shown', ts: '1700000000.000100' });

    await new SlackRunNotifier(outbox, now).postRunMessage(aRun({ channelId: OPS, revision: 3 }));

    expect(outbox.delivered.map((message) => [message.key, message.revision])).toEqual([
      ['run:run-7k3m9q2x:parent', 3],
    ]);
  });

  it('when the parent is shown, then its summary is read once: the text is only the notification fallback', async () => {
    const outbox = new MemorySlackOutbox();
    const run = aRun({ channelId: OPS });

    await new SlackRunNotifier(outbox, now).postRunMessage(run);

    const content = outbox.message(RunMessageKey.parent(run))?.content;
    // Slack shows `text` above attachments unless the message has blocks of its own.
    const shown = JSON.stringify([content?.blocks ?? content?.text, content?.attachments]);
    expect(content?.blocks).toHaveLength(1);
    expect(shown.match(/requested by/g)).toHaveLength(1);
  });

  it('when a skipped child is shown in a run stopped by its error threshold, then its reply says why', async () => {
    const outbox = new MemorySlackOutbox();
    const base = aRun({ channelId: OPS, mode: 'fan-out', maxErrors: { kind: 'count', value: 0 } });
    const [failed, skipped] = base.children;
    const run = {
      ...base,
      status: 'completed-with-errors' as const,
      children: [
        { ...failed!, status: 'Failed' as const, endedAt: '2026-06-02T01:10:00.000Z' },
        { ...skipped!, status: 'Skipped' as const },
      ],
    };
    const notifier = new SlackRunNotifier(outbox, now);
    await notifier.postRunMessage(run);

    await notifier.showChild(run, run.children[1]!);

    expect(JSON.stringify(outbox.message(RunMessageKey.child(run, run.children[1]!))?.content)).toContain(
      `Stopped because *${failed!.accountName}* \`${failed!.region}\` failed and max errors is 0`,
    );
  });

  it('when a child is shown, then its reply carries the run revision it was rendered from', async () => {
    const outbox = new MemorySlackOutbox();
    const run = aRun({ channelId: OPS, revision: 7 });
    const notifier = new SlackRunNotifier(outbox, now);
    await notifier.postRunMessage(run);

    const child = run.children[0];
    if (!child) throw new Error('aRun has children');
    await notifier.showChild(run, child);

    expect(outbox.upserts.at(-1)).toMatchObject({ key: RunMessageKey.child(run, child), revision: 7 });
  });

  it.each(['not_in_channel', 'is_archived', 'channel_not_found'])(
    'when Slack answers %s, then it is channel-unavailable',
    async (error) => {
      const notifier = new SlackRunNotifier(answering({ kind: 'refused', reason: error }), now);

      expect(await notifier.postRunMessage(aRun({ channelId: OPS }))).toEqual({
        kind: 'channel-unavailable',
        channelId: OPS,
        reason: error,
      });
    },
  );

  it('when Slack is rate-limiting or unreachable, then the post is pending with the outbox', async () => {
    const notifier = new SlackRunNotifier(answering({ kind: 'pending' }), now);

    expect(await notifier.postRunMessage(aRun({ channelId: OPS }))).toEqual({ kind: 'pending' });
  });

  it.each(['invalid_blocks', 'msg_too_long'])(
    'when Slack refuses the message itself (%s), then that is a fault, thrown',
    async (error) => {
      const notifier = new SlackRunNotifier(answering({ kind: 'refused', reason: error }), now);

      await expect(notifier.postRunMessage(aRun({ channelId: OPS }))).rejects.toThrow(
        `Slack refused the message of run run-7k3m9q2x: ${error}`,
      );
    },
  );
});

describe('SlackRunNotifier.shareResults', () => {
  it('when a run’s results are shared, then one post-only reply in its thread carries the files and a comment', async () => {
    const outbox = new MemorySlackOutbox();
    const run = aRun({ channelId: OPS, status: 'succeeded' });
    const notifier = new SlackRunNotifier(outbox, now);
    await notifier.postRunMessage(run);
    const files = [{ name: `${run.id}-results.csv`, title: 'CSV', content: 'a\r\n' }];

    await notifier.shareResults(run, files);
    await notifier.shareResults(run, files);

    const shared = outbox.message(RunMessageKey.results(run));
    expect(shared).toMatchObject({
      channel: OPS,
      threadOf: RunMessageKey.parent(run),
      postOnly: true,
      threadTs: outbox.message(RunMessageKey.parent(run))?.ts,
      content: { files },
    });
    expect(shared?.content.text).toContain(`\`${run.id}\``);
    expect(shared?.content.text).toContain('4 targets');
    expect(outbox.messages(OPS).filter((message) => message.content.files)).toHaveLength(1);
  });
});

describe('SlackRunNotifier: the pace of a large run’s edits', () => {
  it('when a run has more targets than groupRepliesAbove, then its parent, tables and failure summary ask for slower edits; a small run’s do not', async () => {
    const upserts: OutboxMessage[] = [];
    const recording: SlackOutbox = {
      upsert: async (message) => {
        upserts.push(message);
      },
      deliverNow: async () => ({ kind: 'pending' }),
    };
    const large = aRun({ channelId: OPS, status: 'running' });
    const group = threadLayout(large, 2);
    if (group.kind !== 'grouped') throw new Error('expected a grouped layout');
    const grouping = new SlackRunNotifier(recording, now, { groupRepliesAbove: 2 });
    await grouping.showRun(large);
    await grouping.showGroup(large, group.groups[0]!);
    await grouping.showFailureSummary(large, []);
    await new SlackRunNotifier(recording, now, { groupRepliesAbove: 20 }).showRun(large);

    expect(upserts.map((message) => message.editEveryMs)).toEqual([
      GROUPED_RUN_EDIT_EVERY_MS.parent,
      GROUPED_RUN_EDIT_EVERY_MS.group,
      GROUPED_RUN_EDIT_EVERY_MS.failureSummary,
      undefined,
    ]);
  });
});
