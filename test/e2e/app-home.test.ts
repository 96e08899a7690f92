// App Home end to end: Slack emulator → signed app_home_opened into Bolt → views.publish, and Approve clicked in
// the Home tab: decided by the same use case as in the channel, the Home republished with the result, and a
// refused click explained in the Home (it has no channel for an ephemeral).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId, BlockId, CallbackId } from '../../src/slack/ids.js';
import type { EmulatedView } from '../../src/slack-emulator/index.js';
import { type BotHarness, ONE_LEAD_CONFIG, startBotHarness } from '../support/bot-harness.js';

const ALICE = 'U0REQUEST1'; // platform: asks
const BOB = 'U0APPROVE1'; // SRE lead
const CAROL = 'U0APPROVE2'; // SRE lead
const DAVE = 'U0APPROVE3'; // security: not an approver of one-lead
const OPS = 'C0OPS00001';
const APPROVALS = 'C0APPROVE1';
const CHANGE_ID = /chg-[a-km-np-z2-9]{8}/;
const PACE = { timeoutMs: 30_000 };

let harness: BotHarness;
beforeAll(async () => {
  harness = await startBotHarness({ config: ONE_LEAD_CONFIG });
});
afterAll(() => harness?.close());

const homeText = (view: EmulatedView | undefined) => JSON.stringify(view?.blocks ?? []);

/** Opens the Home tab as `userId` and waits for a Home published after it that `expect` accepts. */
async function openHome(userId: string, accept: (text: string) => boolean = () => true) {
  const before = harness.slack.homeView(userId)?.hash;
  const delivery = await harness.slack.driver.appHomeOpened({ userId });
  expect(delivery.status).toBe(200);
  return harness.slack.waitFor((slack) => {
    const view = slack.homeView(userId);
    return view && view.hash !== before && accept(homeText(view)) && view;
  }, PACE);
}

/** Alice asks to start an instance in `account` and `region` (one lead must approve); returns the change's id. */
async function requestChange(region = 'us-east-1', account = 'payments-staging'): Promise<string> {
  const before = harness.slack.ephemerals(ALICE, OPS).length;
  await harness.slack.driver.slashCommand({
    userId: ALICE,
    channelId: OPS,
    text: `run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts ${account} --regions ${region}`,
  });
  const reply = await harness.slack.waitFor((slack) => slack.ephemerals(ALICE, OPS)[before], PACE);
  const id = CHANGE_ID.exec(reply.text ?? '')?.[0];
  if (!id) throw new Error(`no change request in the reply: ${reply.text}`);
  return id;
}

describe('App Home', () => {
  it('when an approver opens the Home and approves there, then the change starts; the other approver’s click is explained in their Home', async () => {
    const changeId = await requestChange();

    // Bob and carol may approve it: it waits for them, with its buttons. Dave may not: it is not in his Home.
    const bobs = await openHome(BOB, (text) => text.includes(changeId));
    expect(homeText(bobs)).toContain(BlockId.homeChangeActions(changeId));
    const carols = await openHome(CAROL, (text) => text.includes(changeId));
    expect(homeText(await openHome(DAVE))).not.toContain(changeId);
    // Alice follows her own change; she has nothing to approve.
    const alices = homeText(await openHome(ALICE, (text) => text.includes(changeId)));
    expect(alices).toContain('Nothing is waiting for you.');

    // Both click Approve in their Home at once (one lead is enough): one vote starts the change, the other is
    // refused. Sent together, so neither Home has been refreshed when the other clicks.
    const approveIn = (userId: string, viewId: string) =>
      harness.slack.driver.clickButton({
        userId,
        viewId,
        blockId: BlockId.homeChangeActions(changeId),
        actionId: ActionId.approveChange,
      });
    await Promise.all([approveIn(BOB, bobs.id), approveIn(CAROL, carols.id)]);
    // Decided by the same use case as a click in the channel: the change is approved and its run started.
    await expect
      .poll(async () => (await harness.services.context.approvals.changes.get(changeId))?.request.status, {
        timeout: PACE.timeoutMs,
      })
      .toBe('started');
    const [winner] = (await harness.services.context.approvals.changes.get(changeId))!.request.votes;
    const loser = winner!.userId === BOB ? CAROL : BOB;
    // The winner's Home is republished without it.
    await harness.slack.waitFor((slack) => {
      const text = homeText(slack.homeView(winner!.userId));
      return !text.includes(changeId) && text.includes('Nothing is waiting for you.');
    }, PACE);
    // The other is told in their Home why nothing changed, and has nothing left to click.
    const explained = await harness.slack.waitFor((slack) => {
      const text = homeText(slack.homeView(loser));
      return text.includes(':warning:') && text;
    }, PACE);
    expect(explained).toContain('already');
    expect(explained).not.toContain(BlockId.homeChangeActions(changeId));
  });

  it('when an approver clicks Reject in the Home, then the reason is asked in the modal and the change is rejected', async () => {
    const changeId = await requestChange('us-east-1', 'dev-shared');
    const home = await openHome(BOB, (text) => text.includes(changeId));
    await harness.slack.driver.clickButton({
      userId: BOB,
      viewId: home.id,
      blockId: BlockId.homeChangeActions(changeId),
      actionId: ActionId.rejectChange,
    });
    const modal = await harness.slack.waitFor(
      (slack) => slack.openViews(BOB).find((view) => view.callback_id === CallbackId.changeRejection),
      PACE,
    );
    await harness.slack.driver.submitView({
      userId: BOB,
      viewId: modal.id,
      values: { [BlockId.rejectionReason]: 'Not this week' },
    });
    await expect
      .poll(async () => (await harness.services.context.approvals.changes.get(changeId))?.request.status, {
        timeout: PACE.timeoutMs,
      })
      .toBe('rejected');
    await harness.slack.waitFor((slack) => !homeText(slack.homeView(BOB)).includes(changeId), PACE);
  });

  it('when someone clicks History or Run a runbook in the Home, then the history modal or the run modal opens', async () => {
    const home = await openHome(ALICE);
    await harness.slack.driver.clickButton({
      userId: ALICE,
      viewId: home.id,
      actionId: ActionId.homeHistory,
    });
    const history = await harness.slack.waitFor(
      (slack) => slack.openViews(ALICE).find((view) => homeText(view).includes('Recent runs')),
      PACE,
    );
    expect(homeText(history)).toContain('AWS-StartEC2Instance');
    await harness.slack.driver.closeView({ userId: ALICE, viewId: history.id });

    const opened = harness.slack.openViews(ALICE).length;
    await harness.slack.driver.clickButton({
      userId: ALICE,
      viewId: home.id,
      actionId: ActionId.homeRunRunbook,
    });
    const runModal = await harness.slack.waitFor(
      (slack) => slack.openViews(ALICE).length > opened && slack.openViews(ALICE).at(-1),
      PACE,
    );
    await harness.slack.waitFor(
      (slack) => slack.view(runModal.id)?.callback_id === CallbackId.runbookPicker,
      PACE,
    );
  });

  it('when a change is raised or decided elsewhere, then the approvers’ Homes are republished without reopening', async () => {
    await openHome(CAROL);
    // Another region: the first test's change still holds its targets.
    const changeId = await requestChange('ap-northeast-1');
    // Raised: carol's Home lists it for her, though she did not open the tab again.
    await harness.slack.waitFor((slack) => homeText(slack.homeView(CAROL)).includes(changeId), PACE);

    // Decided in the approvals channel by bob: carol's Home drops it.
    const message = await harness.slack.waitFor(
      (slack) => slack.messages(APPROVALS).find((posted) => posted.text?.includes(changeId)),
      PACE,
    );
    await harness.slack.driver.clickButton({
      userId: BOB,
      channelId: APPROVALS,
      messageTs: message.ts,
      actionId: ActionId.approveChange,
    });
    await harness.slack.waitFor((slack) => !homeText(slack.homeView(CAROL)).includes(changeId), PACE);
  }, 60_000);
});
