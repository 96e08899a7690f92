// Acting on a run from its thread: Retry failed and Run again run as whoever clicks (their policy, their change
// request), the two runs link to each other, the request is audited, and a multi-account retry of some pairs
// runs exactly those pairs.
import { GetAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Run } from '../../src/core/run/run.js';
import { ActionId } from '../../src/slack/ids.js';
import type { SlackMessage } from '../../src/slack-emulator/index.js';
import { type BotHarness, HARNESS_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { childSummary, newestRunId, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const BOB = 'U0APPROVE1';
const CAROL = 'U0APPROVE2';
const DAVE = 'U0APPROVE3';
const MALLORY = 'U0OUTSIDE1';
const OPS = 'C0OPS00001';
const APPROVALS = 'C0APPROVE1';

/**
 * The harness's policy, and two rules for these tests: carol may not restart anything in dev-shared, and a
 * restart in production by an SRE lead is a change (alice's own prod restarts are not: platform-anything).
 */
const CONFIG = {
  ...HARNESS_CONFIG,
  policies: [
    ...HARNESS_CONFIG.policies,
    {
      name: 'no-dev-restarts-by-carol',
      effect: 'deny',
      when: { users: [CAROL] },
      runbooks: ['AWS-RestartEC2Instance'],
      accounts: ['dev-shared'],
    },
    {
      name: 'sre-restart-in-prod-is-a-change',
      when: { userGroups: ['S0SRELEADS'] },
      runbooks: ['AWS-RestartEC2Instance'],
      organizationalUnits: ['ou-sbx1-prod0001'],
      approvalTemplate: 'prod-change',
    },
  ],
};

let harness: BotHarness;
const seen: string[] = [];

beforeAll(async () => {
  harness = await startBotHarness({ config: CONFIG });
});
afterAll(() => harness?.close());

/** Alice's run, with a failing step in each of `failing` (`account` or `account:region`), once it has ended. */
async function aliceRunFailingIn(failing: string[], text: string): Promise<Run> {
  for (const place of failing) {
    const [accountId, region] = place.split(':');
    await harness.sandbox.control.addFault({
      kind: 'step-failure',
      documentName: 'AWS-RestartEC2Instance',
      stepName: 'startInstances',
      accountId,
      ...(region ? { region } : {}),
    });
  }
  await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text });
  const runId = await newestRunId(harness, OPS, seen, 30_000);
  seen.push(runId);
  const run = await untilRunEnds(harness, runId);
  await harness.sandbox.control.clearFaults();
  return run;
}

const parentOf = (runId: string) =>
  harness.slack.waitFor((slack) => slack.messages(OPS).find((message) => message.text?.includes(runId)), {
    // Slack's pace (a post a second per channel) may hold it behind the thread of the run before.
    timeoutMs: 30_000,
    description: `the message of ${runId}`,
  });

const textOf = (message: Pick<SlackMessage, 'text' | 'blocks' | 'attachments'>) =>
  `${message.text} ${JSON.stringify(message.blocks ?? [])} ${JSON.stringify(message.attachments ?? [])}`;

/** The finished parent message, once Slack shows its Retry failed button. */
const finishedParentOf = (runId: string) =>
  harness.slack.waitFor(
    (slack) =>
      slack
        .messages(OPS)
        .find((message) => message.text?.includes(runId) && textOf(message).includes(ActionId.runAgain)),
    { timeoutMs: 30_000, description: `the finished message of ${runId}` },
  );

/** `userId` clicks `actionId` on the run's finished parent message; resolves to the ephemeral answer. */
async function click(userId: string, runId: string, actionId: string): Promise<string> {
  const parent = await finishedParentOf(runId);
  const before = harness.slack.ephemerals(userId, OPS).length;
  await harness.slack.driver.clickButton({ userId, channelId: OPS, messageTs: parent.ts, actionId });
  const reply = await harness.slack.waitFor((slack) => slack.ephemerals(userId, OPS)[before], {
    timeoutMs: 15_000,
    description: `${userId}'s answer to ${actionId}`,
  });
  return textOf(reply);
}

/** A reply in the run's thread that matches `pattern`. */
const threadReply = async (runId: string, pattern: RegExp) => {
  const parent = await parentOf(runId);
  return harness.slack.waitFor(
    (slack) =>
      slack
        .thread(OPS, parent.ts)
        .slice(1)
        .find((reply) => pattern.test(reply.text ?? '')),
    { timeoutMs: 30_000, description: `a reply matching ${pattern} in the thread of ${runId}` },
  );
};

const RUN_ID = /run-[a-km-np-z2-9]{8}/;
const CHANGE_ID = /chg-[a-km-np-z2-9]{8}/;

describe('Retry failed, as someone other than the requester', () => {
  let original: Run;

  beforeAll(async () => {
    // payments-staging fails in us-east-1, dev-shared in both regions: 3 of 4 pairs, two sets of regions.
    original = await aliceRunFailingIn(
      ['444444444401:us-east-1', '555555555501'],
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-staging,dev-shared --regions ap-northeast-1,us-east-1 --max-errors 10',
    );
    expect(childSummary(original)).toEqual([
      'dev-shared:ap-northeast-1:Failed',
      'dev-shared:us-east-1:Failed',
      'payments-staging:ap-northeast-1:Success',
      'payments-staging:us-east-1:Failed',
    ]);
  });

  it('when mallory (no rule) or carol (a deny rule) clicks, then each is refused privately, naming why, and nothing starts', async () => {
    const runsBefore = harness.slack.messages(OPS).length;
    expect(await click(MALLORY, original.id, ActionId.retryFailed)).toMatch(/No rule allows it in/);
    expect(await click(CAROL, original.id, ActionId.retryFailed)).toMatch(
      /Rule `no-dev-restarts-by-carol` denies it in/,
    );
    const newRuns = harness.slack
      .messages(OPS)
      .slice(runsBefore)
      .filter((message) => RUN_ID.test(message.text ?? '') && !message.text?.includes(original.id));
    expect(newRuns).toEqual([]);
  });

  it('when bob clicks, then a run of exactly the 3 failed pairs starts as his, in two TargetLocations, linked both ways and audited', async () => {
    const answer = await click(BOB, original.id, ActionId.retryFailed);
    expect(answer).toMatch(/Started/);
    const retryId = RUN_ID.exec(answer.replace(original.id, ''))![0];
    seen.push(retryId);
    const retry = await untilRunEnds(harness, retryId);

    expect(retry.status, JSON.stringify(retry.children, null, 1)).toBe('succeeded');
    expect(retry.requester.userId).toBe(BOB);
    expect(retry.policyRule).toBe('sre-restart-outside-prod');
    expect(retry.origin).toEqual({
      runId: original.id,
      kind: 'retry-failed',
      permalink: expect.stringMatching(/\/archives\/C\w+\/p\d+$/),
    });
    expect(retry.parameters).toEqual(original.parameters);
    expect(retry.mode).toBe('multi-account');
    expect(childSummary(retry)).toEqual([
      'dev-shared:ap-northeast-1:Success',
      'dev-shared:us-east-1:Success',
      'payments-staging:us-east-1:Success',
    ]);
    // SSM got one TargetLocation per set of regions, so payments-staging did not run again in ap-northeast-1.
    const { AutomationExecution } = await harness.sandbox
      .ssm({ region: 'ap-northeast-1' })
      .send(new GetAutomationExecutionCommand({ AutomationExecutionId: retry.parentExecutionId }));
    expect(
      AutomationExecution?.TargetLocations?.map((location) => [location.Accounts, location.Regions]),
    ).toEqual([
      [['555555555501'], ['ap-northeast-1', 'us-east-1']],
      [['444444444401'], ['us-east-1']],
    ]);

    // Linked both ways: the new run's message links to the original's; the original's thread to the new run's.
    expect(textOf(await parentOf(retryId))).toContain(
      `Retry of the failed targets of <${retry.origin?.permalink}|${original.id}>`,
    );
    const note = await threadReply(original.id, /retried/);
    expect(note.text).toContain(`<@${BOB}> retried the 3 failed targets`);
    // A link once Slack shows the new run's message; while the outbox still waits for the channel's pace (as
    // here, right after the original's thread), the note names the run.
    expect(note.text).toMatch(new RegExp(`(<http[^|>]+/archives/C\\w+/p\\d+\\|${retryId}>|\`${retryId}\`)`));

    const requested = (await harness.services.context.audit.timeline(retryId)).find(
      (entry) => entry.action === 'run.requested',
    );
    expect(requested).toMatchObject({
      actor: { kind: 'user', userId: BOB },
      details: { retryOf: original.id, retryKind: 'retry-failed' },
    });
  });

  it('when someone clicks Retry failed on a failure notice, then it retries the same way', async () => {
    const notice = await threadReply(original.id, /failed in/);
    expect(textOf(notice)).toContain(ActionId.retryFailed);
    const before = harness.slack.ephemerals(ALICE, OPS).length;
    await harness.slack.driver.clickButton({
      userId: ALICE,
      channelId: OPS,
      messageTs: notice.ts,
      actionId: ActionId.retryFailed,
    });
    const reply = await harness.slack.waitFor((slack) => slack.ephemerals(ALICE, OPS)[before]);
    const retryId = RUN_ID.exec(textOf(reply).replace(original.id, ''))?.[0];
    expect(retryId, textOf(reply)).toBeDefined();
    seen.push(retryId!);
    const retry = await untilRunEnds(harness, retryId!);
    expect(retry.requester.userId).toBe(ALICE);
    expect(retry.children).toHaveLength(3);
  });
});

describe('Run again', () => {
  it('when the run succeeded, then there is no Retry failed, and Run again repeats what was asked for as the clicker', async () => {
    const original = await aliceRunFailingIn(
      [],
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-staging,dev-shared',
    );
    expect(original.status, JSON.stringify(original.children, null, 1)).toBe('succeeded');
    const parent = await finishedParentOf(original.id);
    expect(textOf(parent)).not.toContain(ActionId.retryFailed);

    const answer = await click(BOB, original.id, ActionId.runAgain);
    const againId = RUN_ID.exec(answer.replace(original.id, ''))![0];
    seen.push(againId);
    const again = await untilRunEnds(harness, againId);
    expect(again.requester.userId).toBe(BOB);
    expect(again.origin).toMatchObject({ runId: original.id, kind: 'run-again' });
    expect(again.targets.requested).toEqual(original.targets.requested);
    expect(childSummary(again)).toEqual(childSummary(original));
    expect((await threadReply(original.id, /ran this again/)).text).toContain(againId);
  });
});

describe('a governed retry', () => {
  it('when bob retries alice’s prod run, then it is his change request, noted in the thread, and its run keeps the link', async () => {
    const original = await aliceRunFailingIn(
      ['333333333303'],
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --ou ou-sbx1-prod0001 --max-errors 10',
    );
    expect(original.approval).toBeUndefined();
    expect(childSummary(original)).toContain('search-prod:ap-northeast-1:Failed');

    const answer = await click(BOB, original.id, ActionId.retryFailed);
    const changeId = CHANGE_ID.exec(answer)?.[0];
    expect(changeId, answer).toBeDefined();
    const change = await harness.services.context.approvals.changes.get(changeId!);
    expect(change?.request.requester).toBe(BOB);
    expect(change?.run.origin).toMatchObject({ runId: original.id, kind: 'retry-failed' });
    expect(change?.run.plan.targets).toEqual([{ accountId: '333333333303', region: 'ap-northeast-1' }]);
    expect((await threadReply(original.id, /asked for change/)).text).toContain(
      `${changeId}\` (waits for approval)`,
    );

    // Carol (SRE leads) and dave (Security) approve: the change's run is a retry of alice's.
    for (const approver of [CAROL, DAVE]) {
      const message = await harness.slack.waitFor((slack) =>
        slack.messages(APPROVALS).find((candidate) => candidate.text?.includes(changeId!)),
      );
      await harness.slack.driver.clickButton({
        userId: approver,
        channelId: APPROVALS,
        messageTs: message.ts,
        actionId: ActionId.approveChange,
      });
      await vi.waitFor(async () => {
        const now = await harness.services.context.approvals.changes.get(changeId!);
        expect(now?.request.votes.length).toBe(approver === CAROL ? 1 : 2);
      });
    }
    const runId = await newestRunId(harness, OPS, seen, 30_000);
    seen.push(runId);
    const run = await untilRunEnds(harness, runId);
    expect(run.approval?.changeId).toBe(changeId);
    expect(run.origin).toMatchObject({ runId: original.id, kind: 'retry-failed' });
    expect(run.requester.userId).toBe(BOB);
  });
});
