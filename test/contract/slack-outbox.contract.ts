// The SlackOutbox contract: what every implementation (memory, Redis + BullMQ + Slack) must do, run by
// slack-outbox.test.ts.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackOutbox } from '../../src/ports.js';

export interface SlackOutboxUnderTest {
  outbox: SlackOutbox;
  /** A channel where Slack refuses the bot's posts (a private channel it is not in), and Slack's answer. */
  refusingChannel: { id: string; error: string };
  /** Waits until Slack shows the key's message with `text` (and the outbox knows its ts); where it is. */
  shown(key: string, text: string): Promise<{ ts: string; threadTs?: string }>;
  /** How many times the outbox changed the key's message in Slack after it was posted. */
  edits(key: string): Promise<number>;
  /** Resolves once nothing more will change in Slack. */
  settled(): Promise<void>;
  cleanup(): Promise<void>;
}

export const CONTRACT_CHANNEL = 'C0OPS00001';

export function describeSlackOutboxContract(
  name: string,
  makeOutbox: () => Promise<SlackOutboxUnderTest>,
): void {
  describe(`SlackOutbox contract: ${name}`, () => {
    let subject: SlackOutboxUnderTest;
    let run: string;
    beforeEach(async () => {
      subject = await makeOutbox();
      run = `run:run-${randomUUID().slice(0, 8)}`;
    });
    afterEach(() => subject.cleanup());

    const parent = () => `${run}:parent`;
    const child = (n: number) => `${run}:child:33333333330${n}:ap-northeast-1`;
    const upsert = (
      key: string,
      text: string,
      extra: { threadOf?: string; final?: boolean; postOnly?: boolean } = {},
    ) => subject.outbox.upsert({ key, channel: CONTRACT_CHANNEL, content: { text }, ...extra });

    it('when a message is upserted, then it is posted at the top of the channel', async () => {
      await upsert(parent(), 'Run started');
      const shown = await subject.shown(parent(), 'Run started');
      expect(shown.threadTs).toBeUndefined();
    });

    it('when a posted message changes, then the same message shows the new content', async () => {
      await upsert(parent(), 'Run started');
      const posted = await subject.shown(parent(), 'Run started');
      await upsert(parent(), 'Run succeeded', { final: true });
      const edited = await subject.shown(parent(), 'Run succeeded');
      expect(edited.ts).toBe(posted.ts);
    });

    it('when a reply is upserted before its parent, then it is posted in the parent thread after the parent', async () => {
      await upsert(child(1), 'payments-prod: InProgress', { threadOf: parent() });
      await upsert(parent(), 'Run started');
      const parentShown = await subject.shown(parent(), 'Run started');
      const reply = await subject.shown(child(1), 'payments-prod: InProgress');
      expect(reply.threadTs).toBe(parentShown.ts);
      expect(Number(reply.ts)).toBeGreaterThan(Number(parentShown.ts));
    });

    it('when replies are upserted after their parent, then each is posted once in its thread', async () => {
      await upsert(parent(), 'Run started');
      await upsert(child(1), 'one', { threadOf: parent() });
      await upsert(child(2), 'two', { threadOf: parent() });
      const parentShown = await subject.shown(parent(), 'Run started');
      expect((await subject.shown(child(1), 'one')).threadTs).toBe(parentShown.ts);
      expect((await subject.shown(child(2), 'two')).threadTs).toBe(parentShown.ts);
    });

    it('when a stale non-final state is upserted after the final one, then the message keeps the final one', async () => {
      await upsert(parent(), 'Run running');
      await subject.shown(parent(), 'Run running');
      await upsert(parent(), 'Run succeeded', { final: true });
      // A writer that read the run before it ended upserts late.
      await upsert(parent(), 'Run running: 5 of 6 done');
      await subject.settled();
      await subject.shown(parent(), 'Run succeeded');
    });

    it('when a postOnly message is upserted again, then it keeps its first content', async () => {
      await upsert(`${run}:notice`, 'Approval needed', { postOnly: true });
      const first = await subject.shown(`${run}:notice`, 'Approval needed');
      await upsert(`${run}:notice`, 'Something else', { postOnly: true });
      await subject.settled();
      expect(await subject.shown(`${run}:notice`, 'Approval needed')).toEqual(first);
    });

    it('when content rendered from an older revision lands after a newer one, then the message keeps the newer one', async () => {
      await upsert(parent(), 'Run running');
      await subject.shown(parent(), 'Run running');
      // Two writers of one run: the one that read revision 6 upserts before the one that read revision 5.
      await subject.outbox.upsert({
        key: child(1),
        channel: CONTRACT_CHANNEL,
        threadOf: parent(),
        content: { text: 'payments-prod: Success · 3 steps' },
        final: true,
        revision: 6,
      });
      await subject.outbox.upsert({
        key: child(1),
        channel: CONTRACT_CHANNEL,
        threadOf: parent(),
        content: { text: 'payments-prod: Success' },
        final: true,
        revision: 5,
      });
      await subject.settled();
      await subject.shown(child(1), 'payments-prod: Success · 3 steps');
    });

    it('when a message is delivered now, then the caller learns its ts and later upserts edit that message', async () => {
      const delivered = await subject.outbox.deliverNow({
        key: parent(),
        channel: CONTRACT_CHANNEL,
        content: { text: 'Run starting' },
      });
      if (delivered.kind !== 'shown') throw new Error(`expected it shown, got ${JSON.stringify(delivered)}`);
      await upsert(parent(), 'Run started');
      await upsert(child(1), 'one', { threadOf: parent() });
      expect((await subject.shown(parent(), 'Run started')).ts).toBe(delivered.ts);
      expect((await subject.shown(child(1), 'one')).threadTs).toBe(delivered.ts);
    });

    it('when one message is delivered now twice at once, then Slack shows it once', async () => {
      const message = { key: parent(), channel: CONTRACT_CHANNEL, content: { text: 'Run starting' } };
      const [first, second] = await Promise.all([
        subject.outbox.deliverNow(message),
        subject.outbox.deliverNow(message),
      ]);
      await subject.settled();
      const shown = await subject.shown(parent(), 'Run starting');
      for (const delivery of [first, second])
        expect(delivery.kind === 'pending' || (delivery.kind === 'shown' && delivery.ts === shown.ts)).toBe(
          true,
        );
      expect(await subject.edits(parent())).toBe(0);
    });

    it('when Slack refuses a message delivered now, then the caller gets its answer and nothing is kept', async () => {
      const { id, error } = subject.refusingChannel;
      const message = { key: parent(), channel: id, content: { text: 'Run starting' } };

      expect(await subject.outbox.deliverNow(message)).toEqual({ kind: 'refused', reason: error });
      // Asked again (the bot was not invited meanwhile): Slack is asked again, and answers the same.
      expect(await subject.outbox.deliverNow(message)).toEqual({ kind: 'refused', reason: error });
    });

    it('when the same content is upserted again, then the message stays as it is', async () => {
      await upsert(parent(), 'Run started');
      const first = await subject.shown(parent(), 'Run started');
      await upsert(parent(), 'Run started');
      await subject.settled();
      expect(await subject.shown(parent(), 'Run started')).toEqual(first);
    });
  });
}
