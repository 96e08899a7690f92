// A run over two OUs of a wider organization (120 account × region targets), played in the browser: the thread
// groups the accounts into one table per region, gives each failure its own reply, broadcasts one summary and
// ends with the results files. The README's picture of a large run (docs/large-run.png) is its screenshot.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RunColour } from '../../src/slack/render/run-colour.js';
import { type BotHarness, HARNESS_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { newestRunId, untilRunEnds } from '../support/run-driving.js';
import { writeWiderOrganization } from '../support/wider-organization.js';
import { channelMessages, openPlayground, send } from './playground-page.js';

const ALICE = 'U0REQUEST1'; // platform: may run anything in Staging and Development without approval
const OPS = 'C0OPS00001';
const REGIONS = ['ap-northeast-1', 'eu-west-1', 'us-east-1'];

const organization = writeWiderOrganization();
const accountId = (name: string) => organization.accounts.find((account) => account.name === name)!.id;

let harness: BotHarness;
let browser: Browser;

beforeAll(async () => {
  [harness, browser] = await Promise.all([
    startBotHarness({
      sandboxFixturePath: organization.path,
      config: { ...HARNESS_CONFIG, aws: { ...HARNESS_CONFIG.aws, regions: REGIONS } },
    }),
    launchBrowser(),
  ]);
  harness.slack.setSandboxUrl(harness.sandbox.sandbox.url);
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

it('when alice runs a restart over Staging and Development, then the thread shows a table per region, each failure, one summary and the results files', async () => {
  // Two teams' accounts fail at a step; identity-staging has no execution role, so it fails in every region too.
  await harness.sandbox.control.addFault({
    kind: 'step-failure',
    documentName: 'AWS-RestartEC2Instance',
    stepName: 'startInstances',
    accountId: accountId('ledger-dev'),
  });
  await harness.sandbox.control.addFault({
    kind: 'step-failure',
    documentName: 'AWS-RestartEC2Instance',
    stepName: 'startInstances',
    accountId: accountId('fraud-staging'),
    region: 'us-east-1',
  });
  const { page, errors } = await openPlayground(browser, harness.slack.playgroundUrl, {
    user: ALICE,
    channel: OPS,
    name: 'large-run',
  });
  await send(
    page,
    `/ssm run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --ou ou-sbx1-stage001,ou-sbx1-dev00001 --regions ${REGIONS.join(',')} --max-errors 20`,
  );
  const runId = await newestRunId(harness, OPS, []);
  const run = await untilRunEnds(harness, runId, 90_000);
  expect(run.status).toBe('completed-with-errors');
  // 40 accounts in 3 regions. Failed: ledger-dev everywhere, fraud-staging in one region, identity-staging (no
  // role) everywhere, data-dev in the two regions it has not enabled.
  expect(run.children).toHaveLength(120);
  expect(run.children.filter((child) => child.status === 'Failed')).toHaveLength(9);

  const parent = channelMessages(page)
    .filter({ hasText: runId })
    .filter({ has: page.getByTestId('attachment') });
  await expect
    .poll(() => parent.getByTestId('attachment').getAttribute('data-color'), { timeout: 30_000 })
    .toBe(RunColour.failed);
  await expect.poll(() => parent.textContent()).toMatch(/111 succeeded · ❌ 9 failed/);
  await parent.getByTestId('thread-link').click({ timeout: 30_000 });
  const thread = page.getByTestId('thread-messages');
  // Settled: one table per region with no account left running, and the CSV and JSON results.
  await expect.poll(() => thread.locator('.table-block').count(), { timeout: 60_000 }).toBe(REGIONS.length);
  await expect.poll(() => thread.getByTestId('file').count(), { timeout: 60_000 }).toBe(2);
  const text = (await thread.textContent()) ?? '';
  for (const region of REGIONS) expect(text).toContain(region);
  expect(text).not.toMatch(/\brunning\b|\bqueued\b/i);
  for (const failed of ['ledger-dev', 'fraud-staging', 'identity-staging', 'data-dev'])
    expect(text).toContain(failed);
  // One broadcast summary in the channel for all nine failures, not one notice per target.
  const summary = channelMessages(page).filter({ hasText: 'replied to a thread' });
  await expect.poll(() => summary.count()).toBe(1);
  await expect
    .poll(() => summary.textContent())
    .toMatch(/5 did not start there: data-dev \(2 regions\), identity-staging \(3 regions\)/);
  expect(await summary.textContent()).toMatch(
    /4 failed at step startInstances: fraud-staging, ledger-dev \(3 regions\)/,
  );

  // The README's picture (docs/large-run.png is this file through pngquant and optipng).
  await page.setViewportSize({ width: 1500, height: 1000 });
  await thread
    .getByTestId('message')
    .filter({ has: page.locator('.table-block') })
    .first()
    .evaluate((node) => node.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'large-run-readme');
  expect(errors).toEqual([]);
}, 180_000);
