// A scheduled change in a real browser: alice asks for a change with a window, bob approves it in the playground,
// the card says it is scheduled and nothing starts; the bot's clock moves to the window and the run starts.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId } from '../../src/slack/ids.js';
import { sweepChanges } from '../../src/use-cases/sweep-changes.js';
import { type BotHarness, ONE_LEAD_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { actAs, channelMessages, openPlayground, send } from './playground-page.js';

const ALICE = 'U0REQUEST1'; // platform: asks
const BOB = 'U0APPROVE1'; // SRE lead: approves
const OPS = 'C0OPS00001';
const HOUR = 3_600_000;

let harness: BotHarness;
let browser: Browser;
/** The bot's and worker's clock: moved to the window instead of waiting for it. */
let clock = Date.now();
beforeAll(async () => {
  [harness, browser] = await Promise.all([
    startBotHarness({ config: ONE_LEAD_CONFIG, now: () => new Date(clock) }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

const startCalls = async () =>
  Object.entries((await harness.sandbox.control.calls()).byOperation)
    .filter(([operation]) => operation.endsWith(':StartAutomationExecution'))
    .reduce((sum, [, count]) => sum + count, 0);

describe('a scheduled change in the playground', () => {
  it('when bob approves a change before its window, then the card says scheduled and nothing starts until the window opens', async () => {
    const { page, errors } = await openPlayground(browser, harness.slack.playgroundUrl, {
      user: ALICE,
      channel: OPS,
      name: 'scheduled-change',
    });
    await send(
      page,
      '/ssm run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-staging --regions us-east-1 --start-at in 2h --end-by "in 6h"',
    );
    const reply = page.getByTestId('ephemeral').filter({ hasText: 'needs approval' });
    await expect
      .poll(() => reply.textContent(), { timeout: 15_000 })
      .toMatch(/chg-\w{8}[\s\S]*Scheduled: starts/);
    const changeId = /chg-\w{8}/.exec((await reply.textContent()) ?? '')![0];

    await actAs(page, BOB);
    await page.getByTestId('channel-change-approvals').click();
    const card = channelMessages(page).filter({ hasText: changeId });
    await expect
      .poll(() => card.textContent(), { timeout: 15_000 })
      .toMatch(/Scheduled: starts .*must start by/);
    await screenshot(page, 'scheduled-change-1-requested');
    const starts = await startCalls();

    await card.getByTestId(`button-${ActionId.approveChange}`).click({ timeout: 15_000 });
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('Approved, scheduled');
    expect(await card.getByTestId(`button-${ActionId.approveChange}`).count()).toBe(0);
    await screenshot(page, 'scheduled-change-2-scheduled');
    expect((await harness.services.context.approvals.changes.get(changeId))?.request.status).toBe(
      'scheduled',
    );
    expect(await startCalls()).toBe(starts);

    // The window opens: the minute sweep (standing in for the delayed window job) goes on with the change.
    clock += 2 * HOUR + 1_000;
    await sweepChanges(harness.services.context);
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain('Approved and started');
    await expect.poll(startCalls, { timeout: 15_000 }).toBeGreaterThan(starts);
    await screenshot(page, 'scheduled-change-3-started');
    expect(errors).toEqual([]);
  }, 90_000);
});
