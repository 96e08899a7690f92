// Opening the Slack emulator's playground in the browser as a given user and channel, ready to be played.
import type { Browser, Locator, Page } from 'playwright-core';
import { type OpenedPage, openPage } from '../support/browser.js';

/** The playground at `playgroundUrl`, acting as `user` in `channel`, once it has loaded the workspace. */
export async function openPlayground(
  browser: Browser,
  playgroundUrl: string,
  { user, channel, name }: { user: string; channel: string; name?: string },
): Promise<OpenedPage> {
  const opened = await openPage(browser, `${playgroundUrl}?user=${user}&channel=${channel}`, name);
  await opened.page.waitForSelector('body[data-ready="true"]');
  return opened;
}

/** Types into the channel's composer and presses Enter, as a person sends a message or a slash command. */
export async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByTestId('composer');
  await composer.fill(text);
  await composer.press('Enter');
}

/** The channel's messages (not the thread pane's). */
export function channelMessages(page: Page): Locator {
  return page.getByTestId('messages').getByTestId('message');
}

/** Picks who the page acts as. */
export async function actAs(page: Page, userId: string): Promise<void> {
  await page.getByTestId('user-switcher').selectOption(userId);
}

/** A run's parent message in the channel: the one with the coloured attachment (not links or notices naming it). */
export function runMessage(page: Page, runId: string): Locator {
  return channelMessages(page)
    .filter({ hasText: runId })
    .filter({ has: page.getByTestId('attachment') });
}
