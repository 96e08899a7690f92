// The playground's "Try it" panel played as a newcomer plays it: the demo as `npm run demo` starts it, the page
// opened for the first time, and nothing but the panel's buttons clicked. After each step the test looks at what a
// person would see: the run, the change request, the run bob let start, the failure, and its thread.
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemo, startDemo } from '../../src/demo/start-demo.js';
import type { TourAnswer } from '../../src/slack-emulator/index.js';
import { launchBrowser, openPage } from '../support/browser.js';
import { startScriptedApp, startTestSlackEmulator } from '../support/slack-emulator.js';
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
    await panel.waitFor();
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
    // The failure notice, broadcast to the channel from the thread.
    await channelMessages(page)
      .filter({ hasText: /failed in dev-shared/ })
      .first()
      .waitFor();
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
    await page.getByTestId('try-it-finished').waitFor();
    expect(errors).toEqual([]);
  }, 180_000);
});

/** One step, as the demo's first: alice runs a restart in #ops. */
const ONE_STEP: TourAnswer = {
  tour: {
    ids: { change: 'chg-[a-z2-9]{8}', run: 'run-[a-z2-9]{8}' },
    steps: [
      {
        id: 'dev-run',
        title: 'A run in Development',
        explanation: 'alice may restart instances in Development without asking anyone.',
        shows: ['as alice in #ops:', '/ssm run AWS-Nope --accounts dev-shared'],
        actions: [
          {
            kind: 'slash-command',
            userId: 'U0REQUEST1',
            channelId: 'C0OPS00001',
            text: '/ssm run AWS-Nope --accounts dev-shared',
            outcome: {
              message: { channelId: 'C0OPS00001', pattern: 'run-[a-z2-9]{8}' },
              ephemeral: { userId: 'U0REQUEST1', channelId: 'C0OPS00001', pattern: 'run-[a-z2-9]{8}' },
            },
          },
        ],
        lookFor: "The run's message in #ops.",
      },
    ],
  },
};

describe('the Try it panel without the demo', () => {
  it('when the emulator runs alone, then the panel stays closed and says the tour needs npm run demo', async () => {
    const slack = await startTestSlackEmulator();
    try {
      const { page, errors } = await openPage(browser, `${slack.emulator.url}/`, 'try-it-alone');
      await page.waitForSelector('body[data-ready="true"]');
      await page.getByTestId('try-it-toggle').waitFor();
      await expect(page.getByTestId('try-it').isHidden()).resolves.toBe(true);
      await page.getByTestId('try-it-toggle').click();
      await expect(page.getByTestId('try-it-none').textContent()).resolves.toContain('npm run demo');
      await expect(page.getByTestId('try-it').locator('ol').count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await slack.close();
    }
  });

  it('when the bot answers a step with an error, then the step shows that answer and is not done', async () => {
    const app = await startScriptedApp(() => ({
      body: {
        response_type: 'ephemeral',
        text: ':x: There is no runbook AWS-Nope: `/ssm runbooks` lists them.',
      },
    }));
    const slack = await startTestSlackEmulator({ tour: ONE_STEP, requestUrl: app.url });
    try {
      const { page } = await openPage(browser, `${slack.emulator.url}/`, 'try-it-refused');
      await page.waitForSelector('body[data-ready="true"]');
      await step(page, 'dev-run').getByRole('button', { name: 'Do it' }).click();
      await page.locator('[data-testid="try-it-step-dev-run"][data-state="failed"]').waitFor();
      await expect(step(page, 'dev-run').getByTestId('try-it-note').textContent()).resolves.toContain(
        'There is no runbook AWS-Nope',
      );
      await expect(
        step(page, 'dev-run').getByRole('button', { name: 'Try again' }).isEnabled(),
      ).resolves.toBe(true);
      // It went the composer's way: a slash command from alice in #ops, as Slack sends one.
      expect(
        app.requests.map((request) => [request.body.command, request.body.text, request.body.user_id]),
      ).toEqual([['/ssm', 'run AWS-Nope --accounts dev-shared', 'U0REQUEST1']]);
    } finally {
      await slack.close();
      await app.close();
    }
  });

  it('when a newcomer closes the panel, then it stays closed on the next visit until the Try it button reopens it', async () => {
    const slack = await startTestSlackEmulator({ tour: ONE_STEP });
    try {
      const { page } = await openPage(browser, `${slack.emulator.url}/`, 'try-it-dismissed');
      await page.waitForSelector('body[data-ready="true"]');
      await page.getByTestId('try-it').waitFor();
      await page.getByRole('button', { name: 'Close the Try it panel' }).click();
      await expect(page.getByTestId('try-it').isHidden()).resolves.toBe(true);
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await page.getByTestId('try-it-toggle').waitFor();
      await expect(page.getByTestId('try-it').isHidden()).resolves.toBe(true);
      await expect(page.getByTestId('try-it-toggle').getAttribute('aria-expanded')).resolves.toBe('false');
      await page.getByTestId('try-it-toggle').click();
      await page.getByTestId('try-it').waitFor();
      await expect(page.getByTestId('try-it-toggle').getAttribute('aria-expanded')).resolves.toBe('true');
      // Opened again, it is open on the next visit too.
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await page.getByTestId('try-it').waitFor();
    } finally {
      await slack.close();
    }
  });

  it('when the window is as narrow as a phone, then the steps and their commands fit its width', async () => {
    const slack = await startTestSlackEmulator({ tour: ONE_STEP });
    try {
      const { page } = await openPage(browser, `${slack.emulator.url}/`, 'try-it-narrow');
      await page.setViewportSize({ width: 380, height: 800 });
      await page.waitForSelector('body[data-ready="true"]');
      const panel = page.getByTestId('try-it');
      await panel.waitFor();
      const fits = await panel.evaluate((node) => node.scrollWidth <= node.clientWidth);
      expect(fits).toBe(true);
      await expect(step(page, 'dev-run').getByRole('button', { name: 'Do it' }).isVisible()).resolves.toBe(
        true,
      );
    } finally {
      await slack.close();
    }
  });
});
