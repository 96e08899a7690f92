// The browser tests' launcher: without chromium they fail at once with what to install, instead of hanging.
import { afterEach, describe, expect, it } from 'vitest';
import { ChromiumMissingError, findChromium, launchBrowser } from '../support/browser.js';

const original = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (original === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = original;
});

describe('launching chromium', () => {
  it('when CHROMIUM_PATH names no file, then there is no chromium to find', () => {
    expect(findChromium({ CHROMIUM_PATH: '/nowhere/chromium' })).toBeUndefined();
  });

  it('when there is no chromium, then launching says how to install it', async () => {
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    const launched = launchBrowser();
    await expect(launched).rejects.toBeInstanceOf(ChromiumMissingError);
    await expect(launched).rejects.toThrow(/apt-get install -y chromium/);
  });
});
