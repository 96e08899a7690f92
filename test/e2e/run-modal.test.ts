// The modal path, end to end: `/ssm run` with nothing opens a picker, choosing a runbook shows its generated
// form, accounts are searched through block_suggestion, a wrong field comes back on that field, and the
// confirmed run starts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ActionId, BlockId, CallbackId } from '../../src/slack/ids.js';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { newestRunId, untilRunEnds } from '../support/run-driving.js';
import { interactionBody, slackDeliveryHeaders } from '../support/slack-retry.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness();
});
afterAll(() => harness?.close());

const shown = new Set<string>();

/** The view alice now sees, once it is a new one (each test opens its own) with this callback id. */
const topView = (callbackId: string) =>
  harness.slack
    .waitFor((slack) => {
      const view = slack.openViews(ALICE).at(-1);
      return view?.callback_id === callbackId && !shown.has(`${view.id}|${view.hash}`) ? view : undefined;
    })
    .then((view) => {
      shown.add(`${view.id}|${view.hash}`);
      return view;
    });

describe('the run modal', () => {
  it('when alice picks a runbook, fills the form with one mistake, fixes it and confirms, then the run starts', async () => {
    await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'run' });
    const picker = await topView(CallbackId.runbookPicker);
    expect(JSON.stringify(picker.blocks)).toContain('AWS-RestartEC2Instance');

    await harness.slack.driver.selectOption({
      userId: ALICE,
      viewId: picker.id,
      actionId: ActionId.pickRunbook,
      value: 'AWS-RestartEC2Instance',
    });
    const form = await topView(CallbackId.runForm);
    const formJson = JSON.stringify(form.blocks);
    expect(formJson).toContain(BlockId.parameter('InstanceId'));
    // The bot sets the administration role itself: no field for it.
    expect(formJson).not.toContain(BlockId.parameter('AutomationAssumeRole'));

    const suggestions = await harness.slack.driver.requestOptions({
      userId: ALICE,
      viewId: form.id,
      actionId: ActionId.selectAccounts,
      value: 'pay',
    });
    expect(suggestions.options.map((option) => option.value)).toEqual(['333333333301', '444444444401']);

    const wrong = await harness.slack.driver.submitView({
      userId: ALICE,
      viewId: form.id,
      values: {
        [BlockId.parameter('InstanceId')]: 'web-1',
        [BlockId.accounts]: ['333333333301', '444444444401'],
        [BlockId.regions]: ['ap-northeast-1'],
        [BlockId.concurrency]: '50%',
      },
    });
    expect(wrong.outcome).toBe('errors');
    expect(Object.keys(wrong.errors)).toEqual([BlockId.parameter('InstanceId')]);
    // An example of what it takes, not the runbook's regular expression.
    expect(wrong.errors[BlockId.parameter('InstanceId')]).toMatch(/must look like "i-[0-9a-z]+"/);
    expect(wrong.errors[BlockId.parameter('InstanceId')]).not.toContain('[a-z0-9]');
    expect(await harness.services.context.runs.listRecent(10)).toEqual([]);

    const previewed = await harness.slack.driver.submitView({
      userId: ALICE,
      viewId: form.id,
      values: { [BlockId.parameter('InstanceId')]: 'i-0123456789abcdef0' },
    });
    expect(previewed.outcome).toBe('updated');
    const confirmation = await topView(CallbackId.runConfirmation);
    const preview = JSON.stringify(confirmation.blocks);
    expect(preview).toContain('payments-prod');
    expect(preview).toContain('payments-staging');
    expect(preview).toContain('50%');

    const confirmed = await harness.slack.driver.submitView({ userId: ALICE, viewId: confirmation.id });
    expect(confirmed.outcome).toBe('cleared');
    const runId = await newestRunId(harness, OPS);
    const finished = await untilRunEnds(harness, runId);
    expect(finished.status).toBe('succeeded');
    expect(finished.children.map((child) => child.accountName).sort()).toEqual([
      'payments-prod',
      'payments-staging',
    ]);
    expect(finished.concurrency).toEqual({ kind: 'percent', value: 50 });
  });

  it('when alice goes Back from the confirmation, then the form shows what she filled in, and the preview no longer starts', async () => {
    await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run AWS-RestartEC2Instance --accounts dev-shared --regions us-east-1',
    });
    const form = await topView(CallbackId.runForm);
    const previewed = await harness.slack.driver.submitView({
      userId: ALICE,
      viewId: form.id,
      values: {
        [BlockId.parameter('InstanceId')]: 'i-0123456789abcdef0',
        [BlockId.concurrency]: '30%',
        [BlockId.reason]: 'Kernel patch',
      },
    });
    expect(previewed.outcome).toBe('updated');
    const confirmation = await topView(CallbackId.runConfirmation);
    const draftId = JSON.parse(confirmation.private_metadata ?? '{}').draftId as string;

    await harness.slack.driver.clickButton({
      userId: ALICE,
      viewId: confirmation.id,
      actionId: ActionId.backToRunForm,
    });
    const back = await topView(CallbackId.runForm);
    expect(back.id).toBe(confirmation.id);
    const json = JSON.stringify(back.blocks);
    for (const kept of [
      'i-0123456789abcdef0',
      '30%',
      'Kernel patch',
      'dev-shared (555555555501)',
      'us-east-1',
    ]) {
      expect(json).toContain(kept);
    }
    expect(await harness.services.context.drafts.take(draftId)).toBeUndefined();
  });

  it('when /ssm run names the runbook but leaves a required parameter out, then the form opens filled with what was given', async () => {
    await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run AWS-RestartEC2Instance --accounts dev-shared --regions us-east-1',
    });
    const form = await topView(CallbackId.runForm);
    const json = JSON.stringify(form.blocks);
    expect(json).toContain('dev-shared (555555555501)');
    expect(json).toContain('us-east-1');
  });

  it('when the modal confirms a run a change template governs, then a change request opens and nothing starts', async () => {
    const runsBefore = (await harness.services.context.runs.listRecent(50)).length;
    await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run Platform-CleanupUnusedAmis',
    });
    const form = await topView(CallbackId.runForm);
    await harness.slack.driver.submitView({
      userId: ALICE,
      viewId: form.id,
      values: { [BlockId.accounts]: ['333333333301'], [BlockId.regions]: ['ap-northeast-1'] },
    });
    const confirmation = await topView(CallbackId.runConfirmation);
    expect(JSON.stringify(confirmation.blocks)).toContain('prod-change');
    const seen = harness.slack.ephemerals(ALICE, OPS).length;
    await harness.slack.driver.submitView({ userId: ALICE, viewId: confirmation.id });
    const reply = await harness.slack.waitFor((slack) => slack.ephemerals(ALICE, OPS)[seen]);
    const changeId = /chg-[a-z2-9]{8}/.exec(reply.text ?? '')?.[0];
    expect(changeId).toBeDefined();
    const change = await harness.services.context.approvals!.changes.get(changeId!);
    expect(change?.request.status).toBe('pending');
    expect(change?.run.plan.targets).toEqual([{ accountId: '333333333301', region: 'ap-northeast-1' }]);
    expect((await harness.services.context.runs.listRecent(50)).length).toBe(runsBefore);
  });

  it('when a confirmation is submitted twice (a double click) and Slack retries it, then one run starts', async () => {
    const before = (await harness.services.context.runs.listRecent(50)).length;
    await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run AWS-RestartEC2Instance --accounts dev-shared',
    });
    const form = await topView(CallbackId.runForm);
    await harness.slack.driver.submitView({
      userId: ALICE,
      viewId: form.id,
      values: { [BlockId.parameter('InstanceId')]: 'i-0123456789abcdef0' },
    });
    const confirmation = await topView(CallbackId.runConfirmation);
    const payload = (await harness.slack.driver.submitView({ userId: ALICE, viewId: confirmation.id }))
      .payload;
    // Slack retries a submission it got no answer to: the same payload, delivered again.
    const body = interactionBody(payload);
    const replay = await fetch(harness.slack.requestUrl!, {
      method: 'POST',
      headers: slackDeliveryHeaders(harness.slack.signingSecret, body, 1),
      body,
    });
    // Taken already: answered 200 with nothing (the modal closes) and not handed to the listeners again.
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe('');
    await vi.waitFor(() =>
      expect(harness.logWarnings().some((line) => line.includes('delivery already taken'))).toBe(true),
    );
    // A second click is a submission of its own (a trigger id of its own): the listener finds the draft used.
    const second = interactionBody({ ...payload, trigger_id: `${String(payload?.trigger_id)}2` });
    const click = await fetch(harness.slack.requestUrl!, {
      method: 'POST',
      headers: slackDeliveryHeaders(harness.slack.signingSecret, second),
      body: second,
    });
    expect(click.status).toBe(200);
    await harness.slack.waitFor((slack) =>
      slack.ephemerals(ALICE, OPS).some((message) => /expired/.test(message.text ?? '')),
    );
    // The first submission's run is recorded just after its parent message is posted: wait for the record.
    await vi.waitFor(async () =>
      expect((await harness.services.context.runs.listRecent(50)).length).toBe(before + 1),
    );
  });
});
