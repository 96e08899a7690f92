// A run after it started: the Status and Cancel buttons (requester or operator only), `/ssm status`,
// `/ssm history`, and a multi-account run where one account lacks the execution role; and a run asked where
// the bot cannot post, which never starts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JsonObject } from '../../src/slack-emulator/state/slack-types.js';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { childSummary, newestRunId, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const BOB = 'U0APPROVE1';
const ERIN = 'U0OPERATE1';
const OPS = 'C0OPS00001';
let harness: BotHarness;
const seen: string[] = [];

beforeAll(async () => {
  harness = await startBotHarness();
});
afterAll(() => harness?.close());

async function start(text: string) {
  await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text });
  const id = await newestRunId(harness, OPS, seen);
  seen.push(id);
  return id;
}

const parentOf = (runId: string) =>
  harness.slack.messages(OPS).find((message) => message.text?.includes(runId))!;

/** Every interactive element of a message, in its blocks and in its attachments' blocks. */
const actionElements = (message: { blocks?: JsonObject[]; attachments?: JsonObject[] }) =>
  [
    ...(message.blocks ?? []),
    ...(message.attachments ?? []).flatMap((attachment) => (attachment.blocks ?? []) as JsonObject[]),
  ]
    .flatMap((block) => [block.accessory, ...(Array.isArray(block.elements) ? block.elements : [])])
    .filter(
      (element): element is JsonObject => typeof (element as JsonObject | undefined)?.action_id === 'string',
    );

async function click(userId: string, runId: string, actionId: string) {
  const before = harness.slack.ephemerals(userId, OPS).length;
  await harness.slack.driver.clickButton({ userId, channelId: OPS, messageTs: parentOf(runId).ts, actionId });
  const reply = await harness.slack.waitFor((slack) => slack.ephemerals(userId, OPS)[before]);
  return `${reply.text} ${JSON.stringify(reply.blocks ?? [])}`;
}

describe('cancelling a run', () => {
  it('when someone else clicks Cancel, then nothing stops; when an operator does, then every execution stops', async () => {
    const runId = await start(
      'run Platform-RollingRestartService ClusterName=prod-cluster --mode fan-out --accounts dev-shared,data-dev',
    );
    // Both children running: the sandbox clock only moves when the test moves it.
    await vi.waitFor(async () => {
      const run = await harness.run(runId);
      expect(run?.children.every((child) => child.executionId)).toBe(true);
    });

    expect(await click(BOB, runId, 'run.status')).toMatch(/dev-shared.*data-dev|data-dev.*dev-shared/s);
    expect(await click(BOB, runId, 'run.cancel')).toMatch(/only/i);
    expect((await harness.run(runId))?.status).toBe('running');

    expect(await click(ERIN, runId, 'run.cancel')).toMatch(/stop/i);
    const finished = await untilRunEnds(harness, runId);
    expect(finished.status).toBe('cancelled');
    expect(finished.cancelledBy).toBe(ERIN);
    expect(childSummary(finished)).toEqual([
      'data-dev:ap-northeast-1:Cancelled',
      'dev-shared:ap-northeast-1:Cancelled',
    ]);
    const stops = (await harness.sandbox.control.calls()).rows.filter(
      (row) => row.operation === 'StopAutomationExecution',
    );
    expect(stops.map((row) => row.accountId).sort()).toEqual(['555555555501', '555555555502']);
    await harness.slack.waitFor((slack) =>
      slack
        .messages(OPS)
        .find((message) => message.ts === parentOf(runId).ts && /cancel/i.test(message.text ?? '')),
    );
  });
});

describe('a click on a message that changed since it was seen', () => {
  it('when the run message is edited after bob saw its Cancel, then the click he confirms still reaches the bot', async () => {
    const runId = await start(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --concurrency 1 --accounts dev-shared,data-dev',
    );
    const seen = parentOf(runId);
    const seenActions = [
      ...(seen.blocks ?? []),
      ...(seen.attachments ?? []).flatMap((attachment) => (attachment.blocks ?? []) as JsonObject[]),
    ].find((block) => block.type === 'actions');
    expect(seenActions?.block_id).toEqual(expect.any(String));
    // One execution ends while bob's confirm dialog is open: the message is edited (counts, progress).
    await harness.sandbox.control.advance(30);
    await harness.slack.waitFor((slack) =>
      slack
        .messages(OPS)
        .find(
          (message) =>
            message.ts === seen.ts &&
            JSON.stringify(message.attachments) !== JSON.stringify(seen.attachments),
        ),
    );

    const before = harness.slack.ephemerals(BOB, OPS).length;
    await harness.slack.driver.clickButton({
      userId: BOB,
      channelId: OPS,
      messageTs: seen.ts,
      blockId: String(seenActions?.block_id),
      actionId: 'run.cancel',
    });
    const reply = await harness.slack.waitFor((slack) => slack.ephemerals(BOB, OPS)[before]);
    // Bob may not cancel alice's run: the point is that the bot answered, not an "element not found".
    expect(`${reply.text} ${JSON.stringify(reply.blocks ?? [])}`).toMatch(/only/i);
    expect(await click(ERIN, runId, 'run.cancel')).toMatch(/cancel/i);
    expect((await untilRunEnds(harness, runId)).status).toBe('cancelled');
  });
});

describe('a confirmed click on a button the message no longer shows', () => {
  it("when alice opens Cancel's confirmation and the run ends before she confirms, then she is told it already finished", async () => {
    const runId = await start(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --accounts dev-shared,data-dev',
    );
    const shown = parentOf(runId);
    const cancel = actionElements(shown).find((element) => element.action_id === 'run.cancel');
    expect(cancel?.confirm).toBeDefined();

    // While her dialog is open the run ends, and its message is edited without the Cancel button.
    expect((await untilRunEnds(harness, runId)).status).toBe('succeeded');
    await harness.slack.waitFor((slack) =>
      slack
        .messages(OPS)
        .find(
          (message) =>
            message.ts === shown.ts &&
            !actionElements(message).some((element) => element.action_id === 'run.cancel'),
        ),
    );
    // A plain click on a button that is not shown is still the test's mistake, and fails loudly.
    await expect(
      harness.slack.driver.clickButton({
        userId: ALICE,
        channelId: OPS,
        messageTs: shown.ts,
        actionId: 'run.cancel',
      }),
    ).rejects.toThrow(/no action_id run.cancel/);

    const before = harness.slack.ephemerals(ALICE, OPS).length;
    const delivered = await harness.slack.driver.clickButton({
      userId: ALICE,
      channelId: OPS,
      messageTs: shown.ts,
      actionId: 'run.cancel',
      confirmedAfterEdit: true,
    });
    // Slack sends the action as it was shown: its action_id, block and value (the run's id).
    expect(delivered.payload).toMatchObject({
      type: 'block_actions',
      actions: [{ action_id: 'run.cancel', value: runId }],
      container: { message_ts: shown.ts },
    });
    const reply = await harness.slack.waitFor((slack) => slack.ephemerals(ALICE, OPS)[before]);
    expect(`${reply.text}`).toMatch(new RegExp(`${runId}.*has already finished: succeeded`));
    expect(harness.logWarnings().filter((line) => /run\.cancel|internal/i.test(line))).toEqual([]);
  });
});

describe('a multi-account run with a missing execution role', () => {
  /** Each test starts its own, so none depends on another having run first. */
  const startMissingRoleRun = () =>
    start(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-staging,identity-staging --max-errors 1',
    );

  it('when one account has no AutomationExecutionRole, then its child fails there and the others succeed', async () => {
    const runId = await startMissingRoleRun();
    const finished = await untilRunEnds(harness, runId);
    expect(finished.status).toBe('completed-with-errors');
    expect(childSummary(finished)).toEqual([
      'identity-staging:ap-northeast-1:Failed',
      'payments-staging:ap-northeast-1:Success',
    ]);
    expect(
      finished.children.find((child) => child.accountName === 'identity-staging')?.failure?.message,
    ).toMatch(/AutomationExecutionRole|assume/i);
  });

  it('when alice asks for its status and the history, then both show it', async () => {
    const runId = await startMissingRoleRun();
    await untilRunEnds(harness, runId);
    await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text: `status ${runId}` });
    const status = await harness.slack.waitFor((slack) =>
      slack
        .ephemerals(ALICE, OPS)
        .find((message) => JSON.stringify(message.blocks).includes('identity-staging')),
    );
    expect(JSON.stringify(status.blocks)).toContain('payments-staging');

    await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'history identity-staging',
    });
    const history = await harness.slack.waitFor((slack) =>
      slack
        .ephemerals(ALICE, OPS)
        .find((message) => JSON.stringify(message.blocks).includes(runId) && message !== status),
    );
    // The filter keeps only runs that touched identity-staging, whichever other tests ran before.
    const listed = [...JSON.stringify(history.blocks).matchAll(/run-[a-km-np-z2-9]{8}/g)].map(([id]) => id);
    expect(listed).toContain(runId);
    for (const id of new Set(listed)) {
      expect((await harness.run(id))?.children.map((child) => child.accountName)).toContain(
        'identity-staging',
      );
    }
  });
});

describe('a run asked in a private channel the bot is not in', () => {
  const SECRET_OPS = 'G0PRIVATE1';
  const RESTART = 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared';
  /** StartAutomationExecution calls the sandbox answered so far, in any account and region. */
  const startCalls = async () =>
    Object.entries((await harness.sandbox.control.calls()).byOperation)
      .filter(([operation]) => operation.endsWith(':StartAutomationExecution'))
      .reduce((sum, [, count]) => sum + count, 0);

  it('when alice runs there, then she is told to invite the bot, and nothing is stored, audited or started', async () => {
    const startsBefore = await startCalls();
    const runsBefore = await harness.services.context.runs.listRecent(1_000);
    const auditBefore = await harness.services.context.audit.list({ limit: 1_000 });
    const before = harness.slack.ephemerals(ALICE, SECRET_OPS).length;

    await harness.slack.driver.slashCommand({ userId: ALICE, channelId: SECRET_OPS, text: RESTART });
    const reply = await harness.slack.waitFor((slack) => slack.ephemerals(ALICE, SECRET_OPS)[before]);

    expect(reply.text).toMatch(/cannot post in <#G0PRIVATE1>.*\/invite @ssm-chatops/);
    expect(harness.slack.messages(SECRET_OPS)).toEqual([]);
    expect(await harness.services.context.runs.listRecent(1_000)).toEqual(runsBefore);
    expect(await harness.services.context.audit.list({ limit: 1_000 })).toEqual(auditBefore);
    // The worker is running: the same request in #ops starts at once, and it is the only start since.
    const control = await start(RESTART);
    await vi.waitFor(async () => expect((await harness.run(control))?.parentExecutionId).toBeDefined());
    expect(await startCalls()).toBe(startsBefore + 1);
  });
});
