// The playground's "Try it" panel played as a newcomer plays it: the demo as `npm run demo` starts it, the page
// opened for the first time, and nothing but the panel's buttons clicked. After each step the test looks at what a
// person would see: the run, the change request, the run bob let start, the failure, and its thread.
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemo, startDemo } from '../../src/demo/start-demo.js';
import { launchBrowser, openPage } from '../support/browser.js';
import { channelMessages } from './playground-page.js';

let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([
    startDemo({ keepData: false, logger: pino({ level: 'warn' }), logLevel: 'warn' }),
    launchBrowser(),
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const step = (page: Page, id: string) => page.getByTestId(`try-it-step-${id}`);

/** Clicks the step's "Do it" and waits until it says done, with the bot's answer shown if it failed instead. */
async function play(page: Page, id: string): Promise<void> {
  await step(page, id).getByRole('button', { name: 'Do it' }).click();
  await page
    .locator(`[data-testid="try-it-step-${id}"]:is([data-state="done"], [data-state="failed"])`)
    .waitFor({ timeout: 60_000 });
  const state = await step(page, id).getAttribute('data-state');
  const note = await step(page, id)
    .getByTestId('try-it-note')
    .textContent()
    .catch(() => '');
  expect(`${id}: ${state} ${note}`).toMatch(new RegExp(`^${id}: done`));
}

describe('the Try it panel', () => {
  it('when a newcomer clicks through its five steps, then each shows the golden path working', async () => {
    const { page, errors } = await openPage(browser, `${demo.slackUrl.replace(/\/$/, '')}/`, 'try-it');
    page.setDefaultTimeout(45_000);
    await page.waitForSelector('body[data-ready="true"]');

    // Open on a first visit, as an ordered list of five steps, each showing what it sends.
    const panel = page.getByTestId('try-it');
    await expect(panel.isVisible()).resolves.toBe(true);
    await expect(panel.locator('ol > li').count()).resolves.toBe(5);
    await expect(step(page, 'dev-run').locator('code').textContent()).resolves.toContain(
      '/ssm run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared,data-dev',
    );

    // 1. A dev run: alice in #ops, the run's message in the channel.
    await play(page, 'dev-run');
    await expect(page.getByTestId('user-switcher').inputValue()).resolves.toBe('U0REQUEST1');
    await expect(page.locator('#channel-title').textContent()).resolves.toBe('#ops');
    await channelMessages(page)
      .filter({ hasText: /run-[a-z2-9]{8}/ })
      .first()
      .waitFor();

    // 2. A production change: the change's id to alice, the request in #change-approvals.
    await play(page, 'prod-change');
    const reply = page.getByTestId('ephemeral').filter({ hasText: /chg-[a-z2-9]{8}/ });
    await reply.waitFor();
    const changeId = /chg-[a-z2-9]{8}/.exec((await reply.textContent()) ?? '')![0];

    // 3. Approve as bob: the page acts as bob in #change-approvals, and the run starts.
    await play(page, 'approve');
    await expect(page.getByTestId('user-switcher').inputValue()).resolves.toBe('U0APPROVE1');
    await expect(page.locator('#channel-title').textContent()).resolves.toBe('#change-approvals');
    await channelMessages(page)
      .filter({ hasText: changeId })
      .filter({ hasText: /approved/i })
      .first()
      .waitFor();
    await expect(step(page, 'approve').getByTestId('try-it-note').textContent()).resolves.toMatch(/run-/);

    // 4. A failure injected through the sandbox panel, and a new run in development.
    await play(page, 'inject-failure');
    await page.getByTestId('fault-item').filter({ hasText: 'dev-shared' }).waitFor();
    await expect(step(page, 'inject-failure').getByTestId('try-it-note').textContent()).resolves.toContain(
      'Injected: dev-shared',
    );

    // 5. The failure thread: the run turns red, its thread has dev-shared's failed reply.
    await play(page, 'failure-thread');
    await channelMessages(page).filter({ hasText: 'Completed with errors' }).first().waitFor();
    await page
      .getByTestId('thread-messages')
      .getByTestId('message')
      .filter({ hasText: /dev-shared \(\d{12}\) · \S+ · Failed/ })
      .waitFor();
    await page
      .getByTestId('thread-messages')
      .getByTestId('message')
      .filter({ hasText: /data-dev \(\d{12}\) · \S+ · Success/ })
      .waitFor();
    expect(errors).toEqual([]);
  }, 180_000);
});
