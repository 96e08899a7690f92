// `npm run screenshot`: regenerates the README's pictures of the playground from the demo. It starts the demo in
// this process and, in headless Chromium, plays the golden path (a production restart with a failure injected,
// approved by bob: docs/playground.png), the operator's organization check (`/ssm doctor`: docs/doctor.png) and
// the organization's patch compliance (`/ssm compliance`: docs/compliance.png).
// Emoji need a colour emoji font.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { chromium, type Page } from 'playwright-core';
import { type RunningDemo, startDemo } from '../src/demo/start-demo.js';
import { SandboxControlClient } from '../src/sandbox/control-client.js';
import { ActionId } from '../src/slack/ids.js';

const ALICE = 'U0REQUEST1';
const ERIN = 'U0OPERATE1'; // the demo's operator
const BOB = 'U0APPROVE1';
const IDENTITY_PROD = '333333333302';
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium'];
const TIMEOUT_MS = 45_000;

/** What is missing to take the picture, each with how to get it; empty when nothing is. */
function missingTools(): string[] {
  const missing: string[] = [];
  if (!CHROMIUM.some((path) => path && existsSync(path))) {
    missing.push('Chromium: sudo apt-get install -y chromium (or set CHROMIUM_PATH)');
  }
  // Without it Chromium draws every emoji as an empty box, and the picture shows them so.
  if (!hasFont('Noto Color Emoji')) {
    missing.push('a colour emoji font: sudo apt-get install -y fonts-noto-color-emoji');
  }
  return missing;
}

function hasFont(family: string): boolean {
  try {
    return execFileSync('fc-list', [`:family=${family}`, 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

/** A third of the size through pngquant then optipng, as the README's pictures are kept; false without them. */
function shrink(path: string): boolean {
  try {
    execFileSync('pngquant', ['--force', '--skip-if-larger', '--output', path, path]);
    execFileSync('optipng', ['-quiet', path]);
    return true;
  } catch {
    return false;
  }
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('composer').press('Enter');
}

/** The golden path, as the README's caption tells it. */
async function playGoldenPath(page: Page, demo: RunningDemo): Promise<void> {
  const sandbox = new SandboxControlClient(demo.sandboxUrl);
  await sandbox.addFault({
    kind: 'step-failure',
    documentName: 'AWS-RestartEC2Instance',
    accountId: IDENTITY_PROD,
    region: 'us-east-1',
  });
  await send(
    page,
    '/ssm run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 ' +
      '--accounts payments-prod,identity-prod,search-prod --regions ap-northeast-1,us-east-1 ' +
      '--max-errors 5 --reason "Kernel patch"',
  );
  const reply = page.getByTestId('ephemeral').filter({ hasText: /chg-\w{8}/ });
  await reply.waitFor();
  const changeId = /chg-\w{8}/.exec((await reply.textContent()) ?? '')![0];

  await page.getByTestId('user-switcher').selectOption(BOB);
  await page.getByTestId('channel-change-approvals').click();
  const request = page.getByTestId('message').filter({ hasText: changeId });
  await request.getByTestId(`button-${ActionId.approveChange}`).click();

  await page.getByTestId('user-switcher').selectOption(ALICE);
  await page.getByTestId('channel-ops').click();
  const parent = page
    .getByTestId('messages')
    .getByTestId('message')
    .filter({ hasText: /Completed with errors/ })
    .first();
  await sandbox.settle();
  await parent.waitFor();
  await parent.getByTestId('thread-link').click();
  const failed = page
    .getByTestId('thread-messages')
    .getByTestId('message')
    .filter({ hasText: 'us-east-1 · Failed' });
  await failed.first().waitFor();
  await parent.evaluate((node) => node.scrollIntoView({ block: 'start' }));
  await failed.first().scrollIntoViewIfNeeded();
}

/** Erin, an operator, checks the demo organization (identity-staging has no execution role, data-dev one region). */
async function playDoctor(page: Page): Promise<void> {
  await page.getByTestId('user-switcher').selectOption(ERIN);
  await page.getByTestId('channel-ops').click();
  await send(page, '/ssm doctor');
  const report = page
    .getByTestId('messages')
    .getByTestId('message')
    .filter({ hasText: /Organization readiness: (not ready|ready)/ })
    .last();
  await report.waitFor();
  await report.evaluate((node) => node.scrollIntoView({ block: 'start' }));
}

/** Erin reads the demo organization's patch compliance: totals, then the accounts worst first. */
async function playCompliance(page: Page): Promise<void> {
  await send(page, '/ssm compliance');
  const answer = page.getByTestId('ephemeral').filter({ hasText: 'Patch compliance' }).last();
  await answer.waitFor();
  await answer.evaluate((node) => node.scrollIntoView({ block: 'start' }));
}

/** Each picture the README shows, in the order they are played on one demo. */
const PICTURES: Array<{ output: string; play: (page: Page, demo: RunningDemo) => Promise<void> }> = [
  { output: resolve('docs/playground.png'), play: playGoldenPath },
  { output: resolve('docs/doctor.png'), play: playDoctor },
  { output: resolve('docs/compliance.png'), play: playCompliance },
];

async function main(): Promise<number> {
  const missing = missingTools();
  if (missing.length > 0) {
    process.stderr.write(`npm run screenshot needs:\n${missing.map((line) => `  ${line}\n`).join('')}`);
    return 1;
  }
  const logger = pino({ level: 'warn' });
  const demo = await startDemo({ keepData: false, logger, logLevel: 'warn' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM.find((path) => path && existsSync(path)),
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(`${demo.slackUrl.replace(/\/$/, '')}/?user=${ALICE}&channel=C0OPS00001`);
    await page.waitForSelector('body[data-ready="true"]');
    // The Try-it panel opens on a first visit; the picture is of the messages, so it is closed first.
    await page.getByRole('button', { name: 'Close the Try it panel' }).click();
    for (const { output, play } of PICTURES) {
      await play(page, demo);
      await page.screenshot({ path: output });
      process.stdout.write(
        `Saved ${output}${shrink(output) ? '' : ' (pngquant or optipng missing: not shrunk)'}\n`,
      );
    }
    return 0;
  } finally {
    await browser.close();
    await demo.close();
  }
}

process.exitCode = await main();
