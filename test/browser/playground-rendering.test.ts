// The playground in a real browser, against the emulator alone and a scripted app: mrkdwn and Block Kit as a person
// sees them (hostile text included), clicks and choices that reach the app as Slack sends them, ephemerals seen only
// by their user, edits and thread replies appearing live, and a modal with field errors.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.js';
import {
  ALICE,
  type AppRequest,
  BOB,
  OPS,
  startScriptedApp,
  startTestSlackEmulator,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';
import { actAs, channelMessages, openPlayground } from './playground-page.js';

let slack: TestSlackEmulator;
let app: Awaited<ReturnType<typeof startScriptedApp>>;
let browser: Browser;
let submissions = 0;

beforeAll(async () => {
  [slack, app, browser] = await Promise.all([
    startTestSlackEmulator({ now: Date.now }),
    startScriptedApp(answer),
    launchBrowser(),
  ]);
  slack.emulator.setRequestUrl(app.url);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([slack?.close(), app?.close()]);
});
beforeEach(() => {
  app.requests.length = 0;
});

/** The scripted app: the first submission of a modal gets a field error, the next one closes it. */
function answer(request: AppRequest) {
  if (request.body.type !== 'view_submission') return {};
  submissions += 1;
  return submissions === 1
    ? {
        body: { response_action: 'errors', errors: { notes: 'Say a little more (10 characters at least).' } },
      }
    : {};
}

const payloadsOf = (type: string) =>
  app.requests.map((request) => request.body).filter((body) => body.type === type);

/** The `:name:` shortcodes written in the bot's Block Kit renderers' source. */
async function shortcodesOfTheBotsRenderers(): Promise<string[]> {
  const names = new Set<string>();
  for (const dir of ['src/slack/render', 'src/slack/run-modal']) {
    for (const file of await readdir(dir, { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      const source = await readFile(join(dir, file), 'utf8');
      for (const [, name] of source.matchAll(/:([a-z0-9_+-]+):/g)) names.add(name!);
    }
  }
  return [...names].sort();
}

async function open(name: string, user = ALICE): Promise<{ page: Page; errors: string[] }> {
  return openPlayground(browser, slack.emulator.playgroundUrl, { user, channel: OPS, name });
}

describe('the playground shows what the app posts', () => {
  it('when a message uses every mrkdwn mark and hostile text, then it is formatted and nothing becomes markup', async () => {
    const { page, errors } = await open('mrkdwn');
    await slack.client().chat.postMessage({
      channel: OPS,
      text:
        '*bold* _italic_ ~strike~ `code` <https://example.com/docs|the docs> <@U0APPROVE1> <#C0OPS00001> ' +
        ':white_check_mark: <!here> snake_case_name\n' +
        '<img src=x onerror="window.hacked=1"> &lt;script&gt;window.hacked=2&lt;/script&gt; ' +
        '<javascript:window.hacked=3|a trap>\n```line 1\nline *2*```',
    });
    const message = channelMessages(page).last();
    await expect.poll(() => message.locator('strong').textContent()).toBe('bold');
    expect(await message.locator('em').textContent()).toBe('italic');
    expect(await message.locator('s').textContent()).toBe('strike');
    expect(await message.locator('code').textContent()).toBe('code');
    expect(await message.locator('a').getAttribute('href')).toBe('https://example.com/docs');
    expect(await message.locator('a').textContent()).toBe('the docs');
    expect(await message.locator('.md-mention').allTextContents()).toEqual(['@Bob Brown', '#ops', '@here']);
    expect(await message.locator('pre').textContent()).toBe('line 1\nline *2*');
    const text = await message.textContent();
    expect(text).toContain('✅');
    expect(text).toContain('snake_case_name');
    expect(text).toContain('<script>window.hacked=2</script>');
    expect(text).toContain('a trap');
    // Hostile text stays text: no element, no handler ran, no javascript: link.
    expect(await message.locator('img, script').count()).toBe(0);
    expect(await message.locator('a').count()).toBe(1);
    expect(await page.evaluate(() => (globalThis as { hacked?: number }).hacked)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('when a message has a running time as a {ago} date token, then it reads as Slack shows it', async () => {
    const { page, errors } = await open('ago');
    const started = Math.floor(Date.now() / 1000) - 200;
    await slack
      .client()
      .chat.postMessage({ channel: OPS, text: `started <!date^${started}^{ago}|3m 20s ago>` });
    const message = channelMessages(page).last();
    await expect.poll(() => message.locator('time').last().textContent()).toBe('3 minutes ago');
    expect(errors).toEqual([]);
  });

  it('when a message holds every emoji the bot renders, then each shows as its glyph and unknown ones stay text', async () => {
    const { page, errors } = await open('emoji');
    const used = await shortcodesOfTheBotsRenderers();
    expect(used).toContain('page_facing_up');
    await slack.client().chat.postMessage({
      channel: OPS,
      text: `${used.map((name) => `:${name}:`).join(' ')} :thinking_face: :not_an_emoji: :constructor:`,
    });
    const message = channelMessages(page).last();
    await expect.poll(() => message.textContent()).toContain('🤔');
    const text = (await message.textContent()) ?? '';
    expect(text.match(/:[a-z0-9_+-]+:/g)).toEqual([':not_an_emoji:', ':constructor:']);
    expect(text).toContain('📄');
    expect(text).toContain('✅');
    expect(errors).toEqual([]);
  });

  it('when a message has blocks and a coloured attachment, then buttons (with confirm) and selects reach the app', async () => {
    const { page, errors } = await open('blocks');
    await slack.client().chat.postMessage({
      channel: OPS,
      text: 'Deploy?',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Deploy checkout :rocket:' } },
        {
          type: 'section',
          block_id: 'summary',
          text: { type: 'mrkdwn', text: '*Service* checkout' },
          fields: [
            { type: 'mrkdwn', text: '*Region*\nap-northeast-1' },
            { type: 'mrkdwn', text: '*Accounts*\n2' },
          ],
          accessory: { type: 'button', action_id: 'details', text: { type: 'plain_text', text: 'Details' } },
        },
        { type: 'divider' },
        {
          type: 'actions',
          block_id: 'decide',
          elements: [
            {
              type: 'button',
              action_id: 'approve',
              style: 'primary',
              value: 'yes',
              text: { type: 'plain_text', text: 'Approve' },
            },
            {
              type: 'button',
              action_id: 'reject',
              style: 'danger',
              value: 'no',
              text: { type: 'plain_text', text: 'Reject' },
              confirm: {
                title: { type: 'plain_text', text: 'Reject the deploy?' },
                text: { type: 'mrkdwn', text: 'Nothing will be *deployed*.' },
                confirm: { type: 'plain_text', text: 'Reject' },
                deny: { type: 'plain_text', text: 'Keep it' },
                style: 'danger',
              },
            },
            {
              type: 'static_select',
              action_id: 'window',
              placeholder: { type: 'plain_text', text: 'When' },
              options: [
                { text: { type: 'plain_text', text: 'Now' }, value: 'now' },
                { text: { type: 'plain_text', text: 'Tonight' }, value: 'tonight' },
              ],
            },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Asked by <@U0REQUEST1>' }] },
      ],
      attachments: [
        {
          color: 'danger',
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':x: One account failed' } }],
        },
      ],
    });
    const message = channelMessages(page).last();
    await expect.poll(() => message.locator('h3').textContent()).toBe('Deploy checkout 🚀');
    expect(await message.locator('.section-field').allTextContents()).toEqual([
      'Regionap-northeast-1',
      'Accounts2',
    ]);
    expect(await message.locator('.block-context').textContent()).toBe('Asked by @Alice Anders');
    expect(await message.getByTestId('attachment').getAttribute('data-color')).toBe('#e01e5a');
    expect(await message.getByTestId('button-approve').getAttribute('class')).toContain('btn-primary');

    await message.getByTestId('button-reject').click();
    const confirm = page.getByTestId('confirm-dialog');
    expect(await confirm.textContent()).toContain('Nothing will be deployed.');
    await screenshot(page, 'playground-confirm-dialog');
    await page.getByTestId('confirm-cancel').click();
    await message.getByTestId('button-reject').click();
    await page.getByTestId('confirm-ok').click();
    await message.locator('[data-action-id="window"]').selectOption('tonight');

    await expect.poll(() => payloadsOf('block_actions').length).toBe(2);
    const [reject, choice] = payloadsOf('block_actions') as Array<{
      user: { id: string };
      actions: Array<Record<string, unknown>>;
    }>;
    expect(reject!.user.id).toBe(ALICE);
    expect(reject!.actions[0]).toMatchObject({ action_id: 'reject', block_id: 'decide', value: 'no' });
    expect(choice!.actions[0]).toMatchObject({ action_id: 'window', selected_option: { value: 'tonight' } });
    expect(errors).toEqual([]);
  });

  it('when the message is edited to drop a button while its confirm dialog is open, then confirming still sends the action', async () => {
    const { page, errors } = await open('stale-confirm');
    const client = slack.client();
    const stop = {
      type: 'button' as const,
      action_id: 'stop',
      value: 'run-7',
      style: 'danger' as const,
      text: { type: 'plain_text' as const, text: 'Cancel' },
      confirm: {
        title: { type: 'plain_text' as const, text: 'Stop them?' },
        text: { type: 'plain_text' as const, text: 'Every execution still going is stopped.' },
        confirm: { type: 'plain_text' as const, text: 'Stop' },
        deny: { type: 'plain_text' as const, text: 'Keep going' },
      },
    };
    const posted = await client.chat.postMessage({
      channel: OPS,
      text: 'Run 7: running',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Run 7: running' } },
        { type: 'actions', block_id: 'run-actions', elements: [stop] },
      ],
    });
    const message = channelMessages(page).filter({ hasText: 'Run 7' });
    await message.getByTestId('button-stop').click();
    await page.getByTestId('confirm-dialog').waitFor();
    // The run ends while the dialog is open: its message no longer has the button.
    await client.chat.update({
      channel: OPS,
      ts: posted.ts!,
      text: 'Run 7: succeeded',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Run 7: succeeded' } }],
    });
    await message.filter({ hasText: 'Run 7: succeeded' }).getByTestId('edited').waitFor();
    await page.getByTestId('confirm-ok').click();

    await expect.poll(() => payloadsOf('block_actions').length).toBe(1);
    const [sent] = payloadsOf('block_actions') as Array<{ actions: Array<Record<string, unknown>> }>;
    expect(sent!.actions[0]).toMatchObject({ action_id: 'stop', block_id: 'run-actions', value: 'run-7' });
    expect(errors).toEqual([]);
  });

  it('when the app sends alice an ephemeral message, then only alice sees it', async () => {
    const { page, errors } = await open('ephemeral');
    await slack.client().chat.postEphemeral({ channel: OPS, user: ALICE, text: 'Only for *alice*' });
    await page.getByTestId('ephemeral').filter({ hasText: 'Only for alice' }).waitFor();
    await actAs(page, BOB);
    await expect.poll(() => page.getByTestId('ephemeral').count()).toBe(0);
    await actAs(page, ALICE);
    await page.getByTestId('ephemeral').filter({ hasText: 'Only for alice' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('when the app edits a message and replies in its thread, then both appear without a reload', async () => {
    const { page, errors } = await open('live');
    const client = slack.client();
    const posted = await client.chat.postMessage({ channel: OPS, text: 'Run 1: starting' });
    const message = channelMessages(page).filter({ hasText: 'Run 1' });
    await message.waitFor();
    await client.chat.update({ channel: OPS, ts: posted.ts!, text: 'Run 1: done' });
    await message.filter({ hasText: 'Run 1: done' }).getByTestId('edited').waitFor();
    await client.chat.postMessage({ channel: OPS, thread_ts: posted.ts!, text: 'payments-prod: Success' });
    await client.chat.postMessage({ channel: OPS, thread_ts: posted.ts!, text: 'dev-shared: Success' });
    await message.getByTestId('thread-link').filter({ hasText: '2 replies' }).click();
    const thread = page.getByTestId('thread-pane');
    await expect
      .poll(() => thread.getByTestId('message').allTextContents())
      .toEqual([
        expect.stringContaining('Run 1: done'),
        expect.stringContaining('payments-prod: Success'),
        expect.stringContaining('dev-shared: Success'),
      ]);
    await page.getByTestId('thread-composer').fill('thanks!');
    await page.getByTestId('thread-composer').press('Enter');
    await thread.getByTestId('message').filter({ hasText: 'thanks!' }).waitFor();
    expect(slack.emulator.thread(OPS, posted.ts!).at(-1)).toMatchObject({ user: ALICE, text: 'thanks!' });
    expect(errors).toEqual([]);
  });
});

describe('the playground shows the app’s files', () => {
  it('when the app shares a file in a thread, then the thread shows its name and size, and its link serves the bytes', async () => {
    const { page, errors } = await open('files');
    const client = slack.client();
    const posted = await client.chat.postMessage({ channel: OPS, text: 'Run 2: done' });
    await client.filesUploadV2({
      channel_id: OPS,
      thread_ts: posted.ts!,
      initial_comment: 'Results of Run 2',
      file_uploads: [{ content: 'account_id,status\n111111111111,Success\n', filename: 'run-2-results.csv' }],
    });
    const message = channelMessages(page).filter({ hasText: 'Run 2: done' });
    await message.getByTestId('thread-link').filter({ hasText: '1 reply' }).click();
    const file = page.getByTestId('thread-pane').getByTestId('file');
    await file.waitFor();
    expect(await file.textContent()).toContain('run-2-results.csv');
    expect(await file.textContent()).toContain('CSV · 39 B');
    const href = await file.locator('.file-name').getAttribute('href');
    expect(href).toMatch(/\/_emulator\/files\/F\w+\/run-2-results\.csv$/);
    const served = await page.request.get(href!);
    expect(await served.text()).toBe('account_id,status\n111111111111,Success\n');
    expect(await file.getByTestId('file-download').getAttribute('download')).toBe('run-2-results.csv');
    expect(errors).toEqual([]);
  });
});

describe('the playground shows the app’s modals', () => {
  it('when a submission comes back with a field error, then it shows under the field, and a fixed one closes the modal', async () => {
    const { page, errors } = await open('modal');
    await slack.client().views.open({
      trigger_id: slack.emulator.issueTriggerId(ALICE),
      view: {
        type: 'modal',
        callback_id: 'feedback',
        title: { type: 'plain_text', text: 'Feedback' },
        submit: { type: 'plain_text', text: 'Send' },
        close: { type: 'plain_text', text: 'Cancel' },
        blocks: [
          {
            type: 'input',
            block_id: 'notes',
            label: { type: 'plain_text', text: 'Notes' },
            element: { type: 'plain_text_input', action_id: 'text', multiline: true },
          },
          {
            type: 'input',
            block_id: 'mood',
            label: { type: 'plain_text', text: 'Mood' },
            element: {
              type: 'static_select',
              action_id: 'pick',
              options: [
                { text: { type: 'plain_text', text: 'Happy' }, value: 'happy' },
                { text: { type: 'plain_text', text: 'Grumpy' }, value: 'grumpy' },
              ],
            },
          },
          {
            type: 'input',
            block_id: 'areas',
            optional: true,
            label: { type: 'plain_text', text: 'Areas' },
            element: {
              type: 'checkboxes',
              action_id: 'check',
              options: [
                { text: { type: 'mrkdwn', text: '*Docs*' }, value: 'docs' },
                { text: { type: 'plain_text', text: 'Speed' }, value: 'speed' },
              ],
            },
          },
          {
            type: 'input',
            block_id: 'teams',
            label: { type: 'plain_text', text: 'Teams' },
            element: {
              type: 'multi_static_select',
              action_id: 'teams',
              options: ['web', 'data', 'infra'].map((team) => ({
                text: { type: 'plain_text', text: team },
                value: team,
              })),
              initial_options: ['web', 'infra'].map((team) => ({
                text: { type: 'plain_text', text: team },
                value: team,
              })),
            },
          },
          {
            type: 'input',
            block_id: 'when',
            optional: true,
            label: { type: 'plain_text', text: 'When' },
            element: { type: 'datepicker', action_id: 'date' },
          },
          {
            type: 'input',
            block_id: 'at',
            optional: true,
            label: { type: 'plain_text', text: 'At' },
            element: { type: 'datetimepicker', action_id: 'at' },
          },
        ],
      },
    });
    const modal = page.getByTestId('modal');
    await modal.waitFor();
    expect(await modal.getAttribute('data-callback-id')).toBe('feedback');

    // Slack's client refuses to send with a required input empty.
    await page.getByTestId('modal-submit').click();
    await page.getByTestId('field-error-notes').waitFor();
    expect(payloadsOf('view_submission')).toEqual([]);

    await modal.locator('[data-action-id="text"]').fill('meh');
    await modal.locator('[data-action-id="pick"]').selectOption('grumpy');
    await modal.getByText('Docs').click();
    await modal.locator('[data-action-id="date"]').fill('2026-06-01');
    // A datetimepicker is picked in the reader's zone and sent as unix seconds.
    await modal.locator('[data-action-id="at"]').fill('2026-06-01T09:30');
    const atSeconds = await page.evaluate(() => Math.floor(new Date('2026-06-01T09:30').getTime() / 1000));
    await page.getByTestId('modal-submit').click();
    await expect
      .poll(() => page.getByTestId('field-error-notes').textContent())
      .toBe('Say a little more (10 characters at least).');
    await screenshot(page, 'playground-modal-field-error');
    expect(await modal.locator('[data-action-id="text"]').inputValue()).toBe('meh');

    await modal.locator('[data-action-id="text"]').fill('The playground works.');
    await page.getByTestId('modal-submit').click();
    await expect.poll(() => page.getByTestId('modal').count()).toBe(0);
    const submitted = payloadsOf('view_submission').at(-1) as {
      view: { state: { values: Record<string, Record<string, Record<string, unknown>>> } };
    };
    expect(submitted.view.state.values).toMatchObject({
      notes: { text: { value: 'The playground works.' } },
      mood: { pick: { selected_option: { value: 'grumpy' } } },
      areas: { check: { selected_options: [{ value: 'docs' }] } },
      teams: { teams: { selected_options: [{ value: 'web' }, { value: 'infra' }] } },
      when: { date: { selected_date: '2026-06-01' } },
      at: { at: { type: 'datetimepicker', selected_date_time: atSeconds } },
    });
    expect(errors).toEqual([]);
  });
});
