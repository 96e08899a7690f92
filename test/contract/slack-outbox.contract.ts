// The SlackOutbox contract: what every implementation (memory, Redis + BullMQ + Slack) must do, run by
// slack-outbox.test.ts.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackContent, SlackOutbox } from '../../src/ports.js';

/** The port, plus taking over a message the caller posted itself (both implementations have it). */
export type AdoptingSlackOutbox = SlackOutbox & {
  adopt(key: string, channel: string, ts: string, content?: SlackContent): Promise<void>;
};

export interface SlackOutboxUnderTest {
  outbox: AdoptingSlackOutbox;
  /** Posts a message in the channel without the outbox, as the caller of `adopt` does; its ts. */
  postElsewhere(text: string): Promise<string>;
  /** Waits until Slack shows the key's message with `text` (and the outbox knows its ts); where it is. */
  shown(key: string, text: string): Promise<{ ts: string; threadTs?: string }>;
  /** How many times the outbox changed the key's message in Slack after it was posted or adopted. */
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

    it('when a message posted elsewhere is adopted, then upserts edit it and replies go in its thread', async () => {
      const ts = await subject.postElsewhere('Run requested');
      await subject.outbox.adopt(parent(), CONTRACT_CHANNEL, ts);
      await upsert(parent(), 'Run started');
      await upsert(child(1), 'one', { threadOf: parent() });
      expect((await subject.shown(parent(), 'Run started')).ts).toBe(ts);
      expect((await subject.shown(child(1), 'one')).threadTs).toBe(ts);
    });

    it('when an adopted message is upserted with the content it was adopted with, then it stays as it is', async () => {
      const ts = await subject.postElsewhere('Run requested');
      await subject.outbox.adopt(parent(), CONTRACT_CHANNEL, ts, { text: 'Run requested' });
      await upsert(parent(), 'Run requested');
      await subject.settled();
      expect(await subject.edits(parent())).toBe(0);
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
