// Retry failed in a real browser, as someone other than the requester: the playground shows the button on the
// finished run, its confirm dialog, and the policy as it applies to whoever clicks.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId } from '../../src/slack/ids.js';
import { type BotHarness, HARNESS_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { childSummary, newestRunId, untilRunEnds } from '../support/run-driving.js';
import { actAs, openPlayground, runMessage } from './playground-page.js';

const ALICE = 'U0REQUEST1'; // platform: may run anything
const BOB = 'U0APPROVE1'; // SRE lead: may restart instances outside production (sre-restart-outside-prod)
const MALLORY = 'U0OUTSIDE1'; // no rule allows her anything
const OPS = 'C0OPS00001';
const DEV_SHARED = '555555555501';
const RUN_ID = /run-[a-km-np-z2-9]{8}/g;

let harness: BotHarness;
let browser: Browser;
beforeAll(async () => {
  [harness, browser] = await Promise.all([startBotHarness({ config: HARNESS_CONFIG }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe('Retry failed in the playground', () => {
  it('Retry failed as another user (policy applied): mallory is refused, bob’s retry runs as his', async () => {
    await harness.sandbox.control.addFault({
      kind: 'step-failure',
      documentName: 'AWS-RestartEC2Instance',
      accountId: DEV_SHARED,
    });
    await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-staging,dev-shared --max-errors 5',
    });
    const originalId = await newestRunId(harness, OPS, [], 30_000);
    expect((await untilRunEnds(harness, originalId)).status).toBe('completed-with-errors');
    await harness.sandbox.control.clearFaults();

    const { page, errors } = await openPlayground(browser, harness.slack.playgroundUrl, {
      user: MALLORY,
      channel: OPS,
      name: 'retry-failed',
    });
    const retry = runMessage(page, originalId).locator(`[data-action-id="${ActionId.retryFailed}"]`);
    await retry.waitFor({ timeout: 30_000 });

    // Mallory clicks and confirms: no rule lets her run it, and only she is told.
    await retry.click();
    const dialog = page.getByTestId('confirm-dialog');
    expect(await dialog.textContent()).toContain(`Retry 1 failed target of ${originalId} as you?`);
    await page.getByTestId('confirm-ok').click();
    await page
      .getByTestId('ephemeral')
      .filter({ hasText: 'Policy does not allow' })
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('ephemeral').last().textContent()).toContain('No rule allows it in');

    // Bob does the same: his rule allows dev-shared, so a run of the failed target starts as his.
    await actAs(page, BOB);
    await retry.click();
    await page.getByTestId('confirm-ok').click();
    const started = page.getByTestId('ephemeral').filter({ hasText: 'Started' });
    await started.waitFor({ timeout: 15_000 });
    const retryId = ((await started.textContent()) ?? '').match(RUN_ID)?.find((id) => id !== originalId);
    expect(retryId).toBeDefined();
    const run = await untilRunEnds(harness, retryId!);
    expect(run.requester.userId).toBe(BOB);
    expect(run.policyRule).toBe('sre-restart-outside-prod');
    expect(run.origin).toMatchObject({ runId: originalId, kind: 'retry-failed' });
    expect(childSummary(run)).toEqual(['dev-shared:ap-northeast-1:Success']);

    // Linked both ways, as the page shows them.
    await runMessage(page, retryId!)
      .filter({ hasText: `Retry of the failed targets of ${originalId}` })
      .waitFor({ timeout: 30_000 });
    await runMessage(page, originalId).getByTestId('thread-link').click();
    await page
      .getByTestId('thread-messages')
      .getByTestId('message')
      .filter({ hasText: `retried the failed target → ${retryId}` })
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'retry-failed');
    expect(errors).toEqual([]);
  }, 120_000);
});
