// App Home in a real browser: an approver opens the playground's Home tab, sees the change waiting for them and
// approves it there; the change starts and their Home is republished without it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId, BlockId } from '../../src/slack/ids.js';
import { type BotHarness, ONE_LEAD_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { openPlayground } from './playground-page.js';

const ALICE = 'U0REQUEST1'; // platform: asks
const BOB = 'U0APPROVE1'; // SRE lead: approves
const OPS = 'C0OPS00001';
const CHANGE_ID = /chg-[a-km-np-z2-9]{8}/;

let harness: BotHarness;
let browser: Browser;
beforeAll(async () => {
  [harness, browser] = await Promise.all([startBotHarness({ config: ONE_LEAD_CONFIG }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe('the playground’s Home tab', () => {
  it('when bob opens his Home, then he sees the change waiting for him and approves it there', async () => {
    await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-staging --regions us-east-1',
    });
    const reply = await harness.slack.waitFor((slack) => slack.ephemerals(ALICE, OPS)[0], {
      timeoutMs: 30_000,
    });
    const changeId = CHANGE_ID.exec(reply.text ?? '')?.[0] ?? '';
    expect(changeId).not.toBe('');

    const { page, errors } = await openPlayground(browser, harness.slack.playgroundUrl, {
      user: BOB,
      channel: OPS,
      name: 'app-home',
    });
    await page.getByTestId('app-home').click();
    const home = page.getByTestId('home-view');
    const waiting = home.locator(`[data-block-id="${BlockId.homeChangeActions(changeId)}"]`);
    await waiting.locator(`[data-action-id="${ActionId.approveChange}"]`).click();

    await expect
      .poll(async () => (await harness.services.context.approvals.changes.get(changeId))?.request.status, {
        timeout: 30_000,
      })
      .toBe('started');
    await home.getByText('Nothing is waiting for you.').waitFor();
    expect(await home.textContent()).not.toContain(changeId);
    await screenshot(page, 'app-home');
    expect(errors).toEqual([]);
  }, 90_000);
});
