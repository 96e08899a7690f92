// The whole product played in a real browser, as a person plays it: the playground of the Slack emulator in front
// of the real bot and worker, the AWS sandbox and Redis (test/support/bot-harness.ts). The sandbox clock stands
// still; the tests run it (untilRunEnds) while the page shows what the bot posts.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdForChange } from '../../src/core/approval/change-id.js';
import { ActionId, BlockId, CallbackId } from '../../src/slack/ids.js';
import { RunColour } from '../../src/slack/render/run-colour.js';
import { type BotHarness, HARNESS_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { childSummary, newestRunId, untilRunEnds } from '../support/run-driving.js';
import { actAs, channelMessages, openPlayground, runMessage, send } from './playground-page.js';

const ALICE = 'U0REQUEST1'; // platform: may run anything, production restarts as changes
const BOB = 'U0APPROVE1'; // SRE leads
const DAVE = 'U0APPROVE3'; // Security
const OPS = 'C0OPS00001';
const APPROVALS = 'C0APPROVE1';
const DEV_SHARED = '555555555501';
const IDENTITY_PROD = '333333333302';
/** Two accounts alice may restart instances in without approval (policy platform-anything). */
const TWO_ACCOUNTS = 'payments-staging,dev-shared';

/** The harness's organization and policies, plus a two-level change for restarts in production. */
const CONFIG = {
  ...HARNESS_CONFIG,
  slack: { ...HARNESS_CONFIG.slack, channels: { ...HARNESS_CONFIG.slack.channels, approvals: APPROVALS } },
  approvalTemplates: [
    ...HARNESS_CONFIG.approvalTemplates,
    {
      name: 'prod-restart',
      governs: { runbooks: ['AWS-RestartEC2Instance'], organizationalUnits: ['ou-sbx1-prod0001'] },
      levels: [
        { name: 'SRE leads', approvers: { userGroups: ['S0SRELEADS'] } },
        { name: 'Security', approvers: { userGroups: ['S0SECURITY'] } },
      ],
      reasonRequired: { onRequest: true, onReject: true },
    },
  ],
};

let harness: BotHarness;
let browser: Browser;
const seenRuns: string[] = [];

beforeAll(async () => {
  [harness, browser] = await Promise.all([startBotHarness({ config: CONFIG }), launchBrowser()]);
  harness.slack.setSandboxUrl(harness.sandbox.sandbox.url);
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

const open = (name: string) =>
  openPlayground(browser, harness.slack.playgroundUrl, { user: ALICE, channel: OPS, name });

/** `account:region:status` of a per-account thread reply (`✅ search-prod (333333333303) · us-east-1 · Success`). */
const accountLine = (text: string) =>
  /(\S+) \(\d{12}\) · (\S+) · (Success|Failed|TimedOut|Cancelled)/.exec(text)?.slice(1).join(':') ?? [];

/** The run just started from the page: its id, once its parent message is in the channel. */
async function newRun(): Promise<string> {
  const runId = await newestRunId(harness, OPS, seenRuns);
  seenRuns.push(runId);
  return runId;
}

describe('a run from the composer', () => {
  it('when alice types /ssm run for two accounts, then the parent message and one thread reply per account fill in', async () => {
    const { page, errors } = await open('run');
    await send(
      page,
      `/ssm run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts ${TWO_ACCOUNTS}`,
    );
    const runId = await newRun();
    const parent = channelMessages(page).filter({ hasText: runId });
    await parent.waitFor();
    expect((await untilRunEnds(harness, runId)).status).toBe('succeeded');

    await expect
      .poll(() => parent.getByTestId('attachment').getAttribute('data-color'), { timeout: 15_000 })
      .toBe(RunColour.succeeded);
    // The results files may follow the two replies at any time: the replies are told apart by what they say.
    await parent.getByTestId('thread-link').click({ timeout: 15_000 });
    const replies = page.getByTestId('thread-messages').getByTestId('message');
    await expect
      .poll(async () => (await replies.allTextContents()).flatMap(accountLine).sort(), { timeout: 15_000 })
      .toEqual(['dev-shared:ap-northeast-1:Success', 'payments-staging:ap-northeast-1:Success']);
    await screenshot(page, 'playground-run-thread');
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('a run from the modal', () => {
  it('when alice picks a runbook, submits a wrong instance id, sees the field error and fixes it, then the run starts', async () => {
    const { page, errors } = await open('modal');
    await send(page, '/ssm run');
    const modal = page.getByTestId('modal');
    await expect.poll(() => modal.getAttribute('data-callback-id')).toBe(CallbackId.runbookPicker);
    await modal.locator(`[data-action-id="${ActionId.pickRunbook}"]`).selectOption('AWS-RestartEC2Instance');
    await expect.poll(() => modal.getAttribute('data-callback-id')).toBe(CallbackId.runForm);

    const instanceId = page
      .getByTestId(`field-${BlockId.parameter('InstanceId')}`)
      .locator('textarea, input');
    await instanceId.fill('web-1');
    // Accounts are searched as Slack does it: the app answers block_suggestion with options.
    await modal.locator(`[data-action-id="${ActionId.selectAccounts}"]`).fill('pay');
    await modal.getByRole('option', { name: /payments-staging/ }).click();
    await page.getByTestId('modal-submit').click();
    const error = page.getByTestId(`field-error-${BlockId.parameter('InstanceId')}`);
    await expect.poll(() => error.textContent()).toMatch(/must look like "i-0123456789abcdef0"/);
    await screenshot(page, 'playground-modal-field-error');
    expect(await harness.services.context.runs.listRecent(50)).toHaveLength(seenRuns.length);

    await instanceId.fill('i-0123456789abcdef0');
    await page.getByTestId('modal-submit').click();
    await expect.poll(() => modal.getAttribute('data-callback-id')).toBe(CallbackId.runConfirmation);
    expect(await modal.textContent()).toContain('payments-staging');
    await page.getByTestId('modal-submit').click();
    await expect.poll(() => page.getByTestId('modal').count()).toBe(0);

    const runId = await newRun();
    await channelMessages(page).filter({ hasText: runId }).waitFor();
    expect((await harness.run(runId))?.children.map((child) => child.accountName)).toEqual([
      'payments-staging',
    ]);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('the sandbox panel', () => {
  it('when alice injects a failure into dev-shared before a run, then that account fails in the thread and the parent turns red', async () => {
    const { page, errors } = await open('failure');
    const panel = page.getByTestId('sandbox-panel');
    await expect.poll(() => panel.getByTestId('sandbox-organization').textContent()).toContain('dev-shared');
    await panel.getByTestId('fault-account').selectOption(DEV_SHARED);
    await panel.getByTestId('fault-runbook').selectOption('AWS-RestartEC2Instance');
    await panel.getByTestId('fault-inject').click();
    await panel.getByTestId('fault-item').filter({ hasText: 'dev-shared' }).waitFor();
    expect((await harness.sandbox.control.faults()).faults).toEqual([
      expect.objectContaining({
        kind: 'step-failure',
        accountId: DEV_SHARED,
        documentName: 'AWS-RestartEC2Instance',
      }),
    ]);

    await send(
      page,
      `/ssm run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts ${TWO_ACCOUNTS} --max-errors 5`,
    );
    const runId = await newRun();
    expect((await untilRunEnds(harness, runId)).status).toBe('completed-with-errors');
    const parent = channelMessages(page).filter({ hasText: runId }).first();
    await expect
      .poll(() => parent.getByTestId('attachment').getAttribute('data-color'), { timeout: 15_000 })
      .toBe(RunColour.failed);
    await parent.getByTestId('thread-link').click();
    const thread = page.getByTestId('thread-messages');
    await expect.poll(() => thread.textContent(), { timeout: 15_000 }).toMatch(/dev-shared[\s\S]*Failed/);
    await screenshot(page, 'playground-failure-thread');

    await panel.getByTestId('fault-item').getByRole('button').click();
    await expect.poll(() => panel.getByTestId('fault-list').textContent()).toContain('No failures injected');
    expect((await harness.sandbox.control.faults()).faults).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('the failure form of the sandbox panel', () => {
  it('when alice picks a runbook, then the step field offers its steps, and the failure names both', async () => {
    const { page, errors } = await open('failure-form');
    const panel = page.getByTestId('sandbox-panel');
    const runbook = panel.getByTestId('fault-runbook');
    const step = panel.getByTestId('fault-step');
    const optionsOf = (field: typeof runbook) =>
      field.locator('option').evaluateAll((options) => options.map((option) => option.textContent));
    await expect.poll(() => optionsOf(runbook)).toContain('Platform-RollingRestartService');
    expect(await optionsOf(runbook)).toEqual([
      'any runbook',
      'AWS-EnableS3BucketEncryption',
      'AWS-RestartEC2Instance',
      'AWS-StartEC2Instance',
      'AWS-StopEC2Instance',
      'Platform-CleanupUnusedAmis',
      'Platform-PatchRegionInstances',
      'Platform-RollingRestartService',
      'Platform-VerifyBackupRestore',
    ]);
    await runbook.selectOption('AWS-RestartEC2Instance');
    expect(await optionsOf(step)).toEqual(['any step', 'stopInstances', 'startInstances']);
    await step.selectOption('startInstances');
    await panel.getByTestId('fault-account').selectOption(DEV_SHARED);
    await panel.getByTestId('fault-inject').click();
    await panel.getByTestId('fault-item').filter({ hasText: 'step startInstances' }).waitFor();
    expect((await harness.sandbox.control.faults()).faults).toEqual([
      expect.objectContaining({ documentName: 'AWS-RestartEC2Instance', stepName: 'startInstances' }),
    ]);
    await harness.sandbox.control.clearFaults();
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('the golden path: a change approved in two levels, run across accounts and regions', () => {
  it('when alice requests a production restart with a failure injected, bob and dave approve in #change-approvals, then the thread fills in with the failure and the parent turns red', async () => {
    const { page, errors } = await open('golden-path');
    const panel = page.getByTestId('sandbox-panel');
    await expect
      .poll(() => panel.getByTestId('sandbox-organization').textContent())
      .toContain('identity-prod');
    await panel.getByTestId('fault-account').selectOption(IDENTITY_PROD);
    await panel.getByTestId('fault-runbook').selectOption('AWS-RestartEC2Instance');
    await panel.getByTestId('fault-region').fill('us-east-1');
    await panel.getByTestId('fault-inject').click();
    await panel.getByTestId('fault-item').filter({ hasText: 'identity-prod' }).waitFor();

    // Alice asks: three production accounts in two regions is a change, so nothing starts yet.
    await send(
      page,
      '/ssm run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-prod,identity-prod,search-prod ' +
        '--regions ap-northeast-1,us-east-1 --max-errors 5 --reason "Kernel patch"',
    );
    const reply = page.getByTestId('ephemeral').filter({ hasText: 'needs approval' });
    await expect
      .poll(() => reply.textContent(), { timeout: 15_000 })
      .toMatch(/chg-\w{8}[\s\S]*#change-approvals/);
    const changeId = /chg-\w{8}/.exec((await reply.textContent()) ?? '')![0];
    await screenshot(page, 'golden-path-1-requested');

    // Bob (SRE leads), then dave (Security), approve the request where it waits.
    for (const [approver, name, level] of [
      [BOB, 'bob', 'SRE leads'],
      [DAVE, 'dave', 'Security'],
    ] as const) {
      await actAs(page, approver);
      await page.getByTestId('channel-change-approvals').click();
      const request = channelMessages(page).filter({ hasText: changeId });
      await request.getByTestId(`button-${ActionId.approveChange}`).click({ timeout: 15_000 });
      await expect.poll(() => request.textContent(), { timeout: 15_000 }).toContain(`${level} 1/1`);
      await screenshot(page, `golden-path-2-approved-by-${name}`);
    }
    // The card says "Approved: starting" until the worker has started the run.
    await expect
      .poll(() => channelMessages(page).filter({ hasText: changeId }).textContent(), { timeout: 15_000 })
      .toContain('Approved and started');

    // Back in #ops as alice: the run's message, then one reply per account and region as the worker follows them.
    await actAs(page, ALICE);
    await page.getByTestId('channel-ops').click();
    const runId = runIdForChange(changeId);
    seenRuns.push(runId);
    const parent = runMessage(page, runId);
    await parent.waitFor({ timeout: 15_000 });
    const replies = page.getByTestId('thread-messages').getByTestId('message');
    // The sandbox clock moves only when run (untilRunEnds), so the page is watched while it moves.
    const [run] = await Promise.all([
      untilRunEnds(harness, runId, 45_000),
      (async () => {
        await parent.getByTestId('thread-link').click({ timeout: 30_000 });
        await expect
          .poll(async () => (await replies.allTextContents()).flatMap(accountLine).sort(), {
            timeout: 45_000,
          })
          .toEqual([
            'identity-prod:ap-northeast-1:Success',
            'identity-prod:us-east-1:Failed',
            'payments-prod:ap-northeast-1:Success',
            'payments-prod:us-east-1:Success',
            'search-prod:ap-northeast-1:Success',
            'search-prod:us-east-1:Success',
          ]);
      })(),
    ]);
    expect(run.status).toBe('completed-with-errors');
    expect(childSummary(run)).toContain('identity-prod:us-east-1:Failed');

    // The failure notice is in the thread and broadcast to the channel; the parent ends red, 5 of 6 succeeded.
    const notice = /failed in identity-prod \(333333333302\) · us-east-1/;
    await replies.filter({ hasText: notice }).waitFor({ timeout: 30_000 });
    await channelMessages(page)
      .filter({ hasText: 'replied to a thread' })
      .filter({ hasText: notice })
      .waitFor();
    await expect
      .poll(() => parent.getByTestId('attachment').getAttribute('data-color'), { timeout: 30_000 })
      .toBe(RunColour.failed);
    await expect
      .poll(() => parent.textContent())
      .toMatch(/Completed with errors[\s\S]*5 succeeded · ❌ 1 failed/);
    await screenshot(page, 'golden-path-3-finished');

    // The view of the README's picture (`npm run screenshot` takes it): the thread at its failure.
    await page.setViewportSize({ width: 1280, height: 800 });
    await parent.evaluate((node) => node.scrollIntoView({ block: 'start' }));
    await replies.filter({ hasText: 'us-east-1 · Failed' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'playground-readme');

    await panel.getByTestId('fault-item').getByRole('button').click();
    await expect.poll(() => panel.getByTestId('fault-list').textContent()).toContain('No failures injected');
    expect(errors).toEqual([]);
  }, 120_000);
});
