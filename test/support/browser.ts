// Debian's chromium driven by playwright-core, for the browser tests: found or explained, launched headless with no
// sandbox and no background networking, pages that fail on script errors, screenshots kept in test-artifacts/.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

/** Where screenshots go (gitignored); CI keeps the folder as the run's artifacts. */
export const ARTIFACTS_DIR = resolve('test-artifacts');

const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];

/** CHROMIUM_PATH when set, else Debian's chromium where the package puts it. */
export function findChromium(env = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export class ChromiumMissingError extends Error {
  constructor() {
    super(
      "The browser tests drive Debian's chromium with playwright-core, and there is none here " +
        `(looked at ${process.env.CHROMIUM_PATH ?? CANDIDATES.join(', ')}). ` +
        'Install it with `sudo apt-get install -y chromium` (.ci/run does), or point CHROMIUM_PATH at a Chromium ' +
        'of the version playwright-core expects (see package.json).',
    );
    this.name = 'ChromiumMissingError';
  }
}

/** Launches headless chromium; throws ChromiumMissingError at once when there is none (rather than a timeout). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new ChromiumMissingError();
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: 20_000,
    args: [
      // CI runs as root in a container: Chromium's own sandbox cannot start there.
      '--no-sandbox',
      // Tests reach only the loopback: no update checks, no field trials, no phoning home.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-domain-reliability',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--metrics-recording-only',
      // A small /dev/shm in containers crashes tabs; use /tmp instead.
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--mute-audio',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  /** Uncaught errors and console errors of the page, for a test to assert there were none. */
  errors: string[];
}

/**
 * A new page at `url`, 1400×900, that records the page's script errors. With `name`, a screenshot
 * `<name>-failed.png` is saved if the current test fails.
 */
export async function openPage(browser: Browser, url: string, name?: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  if (name) {
    onTestFailed(async () => {
      await screenshot(page, `${name}-failed`).catch(() => undefined);
    });
  }
  await page.goto(url);
  return { page, errors };
}

/** Saves `test-artifacts/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
