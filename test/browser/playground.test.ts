// The whole product played in a real browser, as a person plays it: the playground of the Slack emulator in front
// of the real bot and worker, the AWS sandbox and Redis (test/support/bot-harness.ts). The sandbox clock stands
// still; the tests run it (untilRunEnds) while the page shows what the bot posts.
//
// TODO(approvals golden path): once approvals exist, add the golden path here — as alice run a runbook that
// needs approval across three accounts in two regions with one failure injected from the sandbox panel, switch to
// an approver (bob, then dave) and approve, watch the per-account replies fill in, see the failure thread, and
// check the final parent message; save its screenshots like the tests below.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId, BlockId, CallbackId } from '../../src/slack/ids.js';
import { RunColour } from '../../src/slack/render/run-colour.js';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { newestRunId, untilRunEnds } from '../support/run-driving.js';
import { channelMessages, openPlayground, send } from './playground-page.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
const DEV_SHARED = '555555555501';
/** Two accounts alice may restart instances in without approval (policy platform-anything). */
const TWO_ACCOUNTS = 'payments-staging,dev-shared';

let harness: BotHarness;
let browser: Browser;
const seenRuns: string[] = [];

beforeAll(async () => {
  [harness, browser] = await Promise.all([startBotHarness(), launchBrowser()]);
  harness.slack.setSandboxUrl(harness.sandbox.sandbox.url);
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

const open = (name: string) =>
  openPlayground(browser, harness.slack.playgroundUrl, { user: ALICE, channel: OPS, name });

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
    await parent.getByTestId('thread-link').filter({ hasText: '2 replies' }).click({ timeout: 15_000 });
    const replies = page.getByTestId('thread-messages').getByTestId('message');
    await expect
      .poll(async () => (await replies.allTextContents()).slice(1).sort(), { timeout: 15_000 })
      .toEqual([
        expect.stringMatching(/dev-shared[\s\S]*Success/),
        expect.stringMatching(/payments-staging[\s\S]*Success/),
      ]);
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
    await expect.poll(() => error.textContent()).toMatch(/i-\[a-z0-9\]/);
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
    await panel.getByTestId('fault-runbook').fill('AWS-RestartEC2Instance');
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
