// The change request's buttons and the rejection modal, through the real Bolt app: refusals go to the clicker
// alone, votes count with the groups resolved once per click, and a modal whose metadata is not ours is refused
// on its field, never with an exception.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRejectionMetadata } from '../../../src/slack/change-modal/rejection-metadata.js';
import { ActionId, BlockId, CallbackId } from '../../../src/slack/ids.js';
import { OUT_OF_DATE_REJECTION } from '../../../src/slack/listeners/change-actions.js';
import { PEOPLE } from '../../support/approval-builders.js';
import { APPROVALS, type ListenerHarness, startListenerHarness } from '../../support/listener-harness.js';
import { aStoredChange } from '../../support/stored-change-builder.js';

const CHANGE_ID = 'chg-4f7h2k9p';
let harness: ListenerHarness;

beforeEach(async () => {
  harness = await startListenerHarness();
  // Alice's pending prod-change, opened half an hour before the harness's clock.
  await harness.context.approvals.changes.create(
    aStoredChange({
      request: {
        id: CHANGE_ID,
        createdAt: '2025-06-02T01:00:00.000Z',
        updatedAt: '2025-06-02T01:00:00.000Z',
        expiresAt: '2025-06-03T01:00:00.000Z',
        calendar: undefined,
      },
      slack: { approvalsChannel: APPROVALS },
    }),
  );
});
afterEach(() => harness?.close());

const change = async () => (await harness.context.approvals.changes.get(CHANGE_ID))!.request;
const click = (userId: string, actionId: string, value = CHANGE_ID) =>
  harness.click({ userId, channelId: APPROVALS, actionId, value });

describe('Approve', () => {
  it.each([
    ['someone in no approving group', PEOPLE.mallory],
    ['the requester herself', PEOPLE.requester],
  ])('when %s clicks it, then only they see why not, and the change is as it was', async (_, userId) => {
    const { ack, ephemerals } = await click(userId, ActionId.approveChange);
    expect(ack).toBeUndefined();
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]).toMatchObject({ channel: APPROVALS, user: userId });
    expect(ephemerals[0]?.text).toMatch(/^:no_entry: \S/);
    expect(await change()).toMatchObject({ status: 'pending', level: 0, votes: [], version: 1 });
    expect(harness.outbox.upserts).toEqual([]);
    expect(harness.people.lookups).toEqual([userId]);
  });

  it('when an SRE lead clicks it, then the vote counts (their groups were resolved once) and nobody is told privately', async () => {
    const { ephemerals } = await click(PEOPLE.bob, ActionId.approveChange);
    expect(ephemerals).toEqual([]);
    expect(await change()).toMatchObject({ status: 'pending', level: 1, votes: [{ userId: PEOPLE.bob }] });
    expect(harness.people.lookups).toEqual([PEOPLE.bob]);
  });

  it('when the change does not exist, then the clicker is told so', async () => {
    const { ephemerals } = await click(PEOPLE.bob, ActionId.approveChange, 'chg-zzzzzzzz');
    expect(ephemerals.map((message) => message.text)).toEqual([
      ':no_entry: There is no change `chg-zzzzzzzz`.',
    ]);
  });
});

describe('Reject', () => {
  it('when an SRE lead clicks it, then the modal opens on the change, asking for the reason the template requires', async () => {
    await click(PEOPLE.bob, ActionId.rejectChange);
    const [opened] = harness.slack.callsOf('views.open');
    const view = opened?.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(view.callback_id).toBe(CallbackId.changeRejection);
    expect(parseRejectionMetadata(view.private_metadata)).toEqual({
      changeId: CHANGE_ID,
      channelId: APPROVALS,
    });
    expect(view.blocks).toContainEqual(
      expect.objectContaining({ block_id: BlockId.rejectionReason, optional: false }),
    );
  });

  const submit = (privateMetadata: string, reason?: string) =>
    harness.submitView({
      userId: PEOPLE.bob,
      callbackId: CallbackId.changeRejection,
      privateMetadata,
      values: {
        [BlockId.rejectionReason]: {
          [ActionId.rejectionReason]: { type: 'plain_text_input', value: reason ?? null },
        },
      },
    });
  const ours = JSON.stringify({ changeId: CHANGE_ID, channelId: APPROVALS });

  it('when the modal is submitted with a reason, then the change is rejected and the modal closes', async () => {
    const { acks } = await submit(ours, 'Not during the sale');
    expect(acks).toEqual([undefined]);
    expect(await change()).toMatchObject({
      status: 'rejected',
      rejection: { by: PEOPLE.bob, reason: 'Not during the sale' },
    });
  });

  it('when the reason the template requires is missing, then the field says so and nothing changes', async () => {
    const { acks } = await submit(ours);
    expect(acks).toEqual([
      { response_action: 'errors', errors: { [BlockId.rejectionReason]: expect.stringMatching(/reason/) } },
    ]);
    expect((await change()).status).toBe('pending');
  });

  it('when a refused rejection cannot be explained in the channel (the clicker is not in it), then it is explained by DM and logged once at info without a stack', async () => {
    harness.slack.failNext('chat.postEphemeral', 'user_not_in_channel');
    const { acks } = await harness.submitView({
      userId: PEOPLE.mallory,
      callbackId: CallbackId.changeRejection,
      privateMetadata: ours,
      values: {
        [BlockId.rejectionReason]: {
          [ActionId.rejectionReason]: { type: 'plain_text_input', value: 'Not during the sale' },
        },
      },
    });
    expect(acks).toEqual([undefined]);
    expect(harness.slack.callsOf('chat.postEphemeral')).toHaveLength(1);
    const dms = harness.slack.callsOf('chat.postMessage').filter((args) => args.channel === PEOPLE.mallory);
    expect(dms).toHaveLength(1);
    expect(String(dms[0]!.text)).toContain(`<#${APPROVALS}>`);
    const mentions = harness.logLines.filter((line) => line.includes('user_not_in_channel'));
    expect(mentions.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 30,
        error: 'user_not_in_channel',
        user: PEOPLE.mallory,
        channel: APPROVALS,
      }),
    ]);
    expect(mentions[0]).not.toContain('stack');
    expect(harness.errorsLogged()).toEqual([]);
    expect((await change()).status).toBe('pending');
  });

  it.each([
    ['empty', ''],
    ['not JSON', '{changeId:'],
    ['JSON null', 'null'],
    ['a bare change id', CHANGE_ID],
    ['without a channel', JSON.stringify({ changeId: CHANGE_ID })],
    ['with a change id that is not a string', JSON.stringify({ changeId: 42, channelId: APPROVALS })],
    ['longer than Slack allows', JSON.stringify({ changeId: CHANGE_ID, channelId: 'C'.repeat(3000) })],
  ])(
    'when the metadata is %s, then the reason field says the form is out of date, and nothing is decided',
    async (_, metadata) => {
      const { acks } = await submit(metadata, 'Not during the sale');
      expect(acks).toEqual([
        { response_action: 'errors', errors: { [BlockId.rejectionReason]: OUT_OF_DATE_REJECTION } },
      ]);
      expect(await change()).toMatchObject({ status: 'pending', version: 1 });
      expect(harness.people.lookups).toEqual([]);
      expect(harness.errorsLogged()).toEqual([]);
    },
  );
});
