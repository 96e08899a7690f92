// The App Home as Slack runs it: the manifest enables the Home tab and subscribes to app_home_opened, or Slack
// neither shows the tab nor tells the app; views.publish answers Slack's documented errors and limits.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlackDriverError } from '../../src/slack-emulator/index.js';
import { manifestAppHome } from '../../src/slack-emulator/manifest-scopes.js';
import {
  ALICE,
  BOB,
  startScriptedApp,
  startTestSlackEmulator,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const home = (blocks: unknown[]) => ({ type: 'home' as const, blocks: blocks as never[] });

let app: Awaited<ReturnType<typeof startScriptedApp>>;
const started: TestSlackEmulator[] = [];
const emulatorWith = async (appHome?: { homeTabEnabled: boolean; botEvents: string[] }) => {
  const env = await startTestSlackEmulator({
    rateLimits: 'off',
    requestUrl: app.url,
    ...(appHome && { appHome }),
  });
  started.push(env);
  return env;
};
beforeAll(async () => {
  app = await startScriptedApp(() => ({}));
});
afterEach(async () => {
  app.requests.length = 0;
  await Promise.all(started.splice(0).map((env) => env.close()));
});
afterAll(() => app.close());

describe('the manifest', () => {
  it('when manifest.yml is read, then the Home tab is enabled and app_home_opened subscribed', () => {
    expect(manifestAppHome()).toEqual({ homeTabEnabled: true, botEvents: ['app_home_opened'] });
  });
});

describe('app_home_opened', () => {
  it('when the manifest has both, then opening the Home sends the app the event', async () => {
    const env = await emulatorWith();
    await env.emulator.driver.appHomeOpened({ userId: BOB });
    expect(app.requests.map((request) => request.body.event)).toMatchObject([
      { type: 'app_home_opened', user: BOB, tab: 'home' },
    ]);
  });

  it('when the app does not subscribe to app_home_opened, then the app is not told', async () => {
    const env = await emulatorWith({ homeTabEnabled: true, botEvents: [] });
    await expect(env.emulator.driver.appHomeOpened({ userId: BOB })).rejects.toThrow(SlackDriverError);
    expect(app.requests).toEqual([]);
  });

  it('when the Home tab is not enabled, then nobody can open it', async () => {
    const env = await emulatorWith({ homeTabEnabled: false, botEvents: ['app_home_opened'] });
    await expect(env.emulator.driver.appHomeOpened({ userId: BOB })).rejects.toThrow(/home_tab_enabled/);
    expect(app.requests).toEqual([]);
  });
});

describe('views.publish', () => {
  it('when the Home tab is not enabled, then the answer is not_enabled and nothing is kept', async () => {
    const env = await emulatorWith({ homeTabEnabled: false, botEvents: [] });
    await expect(
      env.client().views.publish({ user_id: ALICE, view: home([section('Hi')]) }),
    ).rejects.toMatchObject({
      data: { error: 'not_enabled' },
    });
    expect(env.emulator.homeView(ALICE)).toBeUndefined();
  });

  it('when a Home has 100 blocks, then it is kept; with 101, the answer is invalid_arguments', async () => {
    const env = await emulatorWith();
    const blocks = Array.from({ length: 100 }, (_, index) => section(`line ${index}`));
    await env.client().views.publish({ user_id: ALICE, view: home(blocks) });
    expect(env.emulator.homeView(ALICE)?.blocks).toHaveLength(100);
    await expect(
      env.client().views.publish({ user_id: ALICE, view: home([...blocks, section('one too many')]) }),
    ).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
  });

  it('when a Home is larger than 250 kB, then the answer is view_too_large', async () => {
    const env = await emulatorWith();
    const big = { ...home([section('Hi')]), private_metadata: 'x'.repeat(3000) };
    const blocks = Array.from({ length: 90 }, () => section('x'.repeat(2990)));
    await expect(
      env.client().views.publish({ user_id: ALICE, view: { ...big, blocks: blocks as never[] } }),
    ).rejects.toMatchObject({
      data: { error: 'view_too_large' },
    });
  });
});
