// The driver sends the app what Slack sends (signed, full payloads) and plays out the app's answers as Slack does.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlackDriverError } from '../../src/slack-emulator/index.js';
import {
  ALICE,
  type AppAnswer,
  type AppRequest,
  BOB,
  OPS,
  SECRET_OPS,
  startScriptedApp,
  startTestSlackEmulator,
  TEAM_ID,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

let env: TestSlackEmulator;
let app: Awaited<ReturnType<typeof startScriptedApp>>;
let script: (request: AppRequest) => AppAnswer = () => ({});
beforeAll(async () => {
  app = await startScriptedApp((request) => script(request));
  env = await startTestSlackEmulator({ rateLimits: 'off', requestUrl: app.url });
});
afterEach(() => {
  script = () => ({});
  app.requests.length = 0;
});
afterAll(async () => {
  await env.close();
  await app.close();
});

const text = (value: string) => ({ type: 'plain_text' as const, text: value });
const approvalBlocks = [
  { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: 'Restart *web* in 3 accounts?' } },
  {
    type: 'actions',
    block_id: 'decision',
    elements: [
      { type: 'button', action_id: 'approve', text: text('Approve'), value: 'cr-1', style: 'primary' },
      { type: 'button', action_id: 'reject', text: text('Reject'), value: 'cr-1', style: 'danger' },
    ],
  },
];
const runForm = (extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  callback_id: 'run_form',
  title: text('Run a runbook'),
  submit: text('Run'),
  private_metadata: '{"channel":"C0OPS00001"}',
  blocks: [
    {
      type: 'input',
      block_id: 'runbook',
      label: text('Runbook'),
      element: {
        type: 'static_select',
        action_id: 'runbook_select',
        options: [
          { text: text('Restart service'), value: 'AWS-RestartService' },
          { text: text('Patch instances'), value: 'AWS-RunPatchBaseline' },
        ],
      },
    },
    {
      type: 'input',
      block_id: 'account',
      label: text('Account'),
      element: { type: 'external_select', action_id: 'account_select', min_query_length: 2 },
    },
    {
      type: 'input',
      block_id: 'reason',
      label: text('Reason'),
      element: { type: 'plain_text_input', action_id: 'reason_input' },
    },
    {
      type: 'input',
      block_id: 'options',
      optional: true,
      label: text('Options'),
      element: {
        type: 'checkboxes',
        action_id: 'flags',
        options: [{ text: text('Dry run'), value: 'dry_run' }],
      },
    },
    {
      type: 'input',
      block_id: 'when',
      optional: true,
      label: text('When'),
      element: { type: 'datepicker', action_id: 'date' },
    },
    {
      type: 'input',
      block_id: 'approver',
      optional: true,
      label: text('Approver'),
      element: { type: 'users_select', action_id: 'who' },
    },
    {
      type: 'input',
      block_id: 'count',
      optional: true,
      label: text('Batch'),
      element: { type: 'number_input', action_id: 'n', is_decimal_allowed: false, initial_value: '2' },
    },
  ],
  ...extra,
});
const openForm = async (userId = ALICE, extra: Record<string, unknown> = {}) => {
  const answer = await env
    .client()
    .views.open({ trigger_id: env.emulator.issueTriggerId(userId), view: runForm(extra) });
  return answer.view!.id!;
};

describe('requests are signed as Slack signs them', () => {
  it('when a slash command is sent, then an independent HMAC over the raw body matches the signature', async () => {
    await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'run AWS-RestartService' });
    const [request] = app.requests;
    const timestamp = String(request!.headers['x-slack-request-timestamp']);
    const expected = `v0=${createHmac('sha256', 'sandbox-signing-secret').update(`v0:${timestamp}:${request!.rawBody}`).digest('hex')}`;
    const signature = String(request!.headers['x-slack-signature']);
    expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(300);
  });

  it('when a slash command is sent, then it carries every field Slack sends', async () => {
    const result = await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'status' });
    expect(app.requests[0]!.body).toEqual({
      token: 'sandbox-verification-token',
      team_id: TEAM_ID,
      team_domain: 'sandbox-co',
      channel_id: OPS,
      channel_name: 'ops',
      user_id: ALICE,
      user_name: 'alice',
      command: '/ssm',
      text: 'status',
      api_app_id: 'A0SANDBOX1',
      is_enterprise_install: 'false',
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
    });
    expect(result.triggerId).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    expect(result.responseUrl).toMatch(new RegExp(`^${env.emulator.url}/response/`));
  });

  it('when the app is asked about its Home tab, then app_home_opened comes as a signed JSON event', async () => {
    await env.emulator.driver.appHomeOpened({ userId: BOB });
    const [request] = app.requests;
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toMatchObject({
      type: 'event_callback',
      team_id: TEAM_ID,
      api_app_id: 'A0SANDBOX1',
      event: { type: 'app_home_opened', user: BOB, tab: 'home', channel: 'D0APPROVE1' },
      authorizations: [{ user_id: 'U0BOT00001', is_bot: true }],
    });
  });
});

describe('slash commands', () => {
  it('when the app answers with a JSON message, then the user sees it as an ephemeral message', async () => {
    script = () => ({
      body: {
        text: 'Working on it…',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Working*' } }],
      },
    });
    const result = await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'help' });
    expect(result).toMatchObject({
      status: 200,
      ephemeral: { text: 'Working on it…', source: 'command_response', user: ALICE },
    });
    expect(env.emulator.ephemerals(ALICE, OPS).at(-1)?.blocks).toHaveLength(1);
  });

  it('when the app answers with plain text, then that text is the ephemeral message', async () => {
    script = () => ({ body: 'Unknown subcommand' });
    const result = await env.emulator.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'frobnicate',
    });
    expect(result.ephemeral?.text).toBe('Unknown subcommand');
  });

  it('when the app answers in_channel, then everyone in the channel sees the answer', async () => {
    script = () => ({ body: { response_type: 'in_channel', text: 'Run #7 requested' } });
    await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'run' });
    expect(env.emulator.messages(OPS).at(-1)).toMatchObject({
      text: 'Run #7 requested',
      bot_id: 'B0BOT00001',
    });
  });

  it('when the app answers 500, then Slack tells the user dispatch_failed', async () => {
    script = () => ({ status: 500 });
    const result = await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS });
    expect(result.ephemeral).toMatchObject({
      source: 'slack',
      text: '/ssm failed with the error "dispatch_failed"',
    });
  });

  it('when the app takes longer than the ack timeout, then the result says so and Slack shows operation_timeout', async () => {
    const slow = await startTestSlackEmulator({ rateLimits: 'off', requestUrl: app.url, ackTimeoutMs: 400 });
    try {
      script = () => ({ delayMs: 1000 });
      const result = await slow.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS });
      expect(result).toMatchObject({ status: 0, timedOut: true });
      expect(result.ephemeral?.text).toBe('/ssm failed with the error "operation_timeout"');
    } finally {
      await slow.close();
    }
  });

  it('when a user is not in a private channel, then the driver refuses to type a command there', async () => {
    await expect(
      env.emulator.driver.slashCommand({ userId: BOB, channelId: SECRET_OPS }),
    ).rejects.toBeInstanceOf(SlackDriverError);
  });
});

describe('response_url', () => {
  const respond = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('when the app responds to a command, then the answer is ephemeral unless in_channel', async () => {
    const { responseUrl } = await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS });
    expect((await respond(responseUrl, { text: 'only you' })).status).toBe(200);
    expect(env.emulator.ephemerals(ALICE, OPS).at(-1)).toMatchObject({
      text: 'only you',
      source: 'response_url',
    });
    await respond(responseUrl, { text: 'replaced', replace_original: true });
    expect(env.emulator.ephemerals(ALICE, OPS).at(-1)?.text).toBe('replaced');
    await respond(responseUrl, { text: 'for all', response_type: 'in_channel' });
    expect(env.emulator.messages(OPS).at(-1)?.text).toBe('for all');
  });

  it('when a response_url is used a sixth time or after 30 minutes, then Slack refuses it', async () => {
    const first = await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS });
    for (let i = 0; i < 5; i++)
      expect((await respond(first.responseUrl, { text: `use ${i}` })).status).toBe(200);
    const sixth = await respond(first.responseUrl, { text: 'use 6' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toMatchObject({ error: 'used_url' });
    const second = await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS });
    env.clock.advance(30 * 60 * 1000 + 1);
    expect(await (await respond(second.responseUrl, { text: 'late' })).json()).toMatchObject({
      error: 'expired_url',
    });
  });

  it('when the app replaces or deletes the message a button was in, then the channel shows that', async () => {
    const { ts } = await env
      .client()
      .chat.postMessage({ channel: OPS, text: 'approve?', blocks: approvalBlocks });
    const click = await env.emulator.driver.clickButton({
      userId: BOB,
      channelId: OPS,
      messageTs: ts!,
      actionId: 'approve',
    });
    await respond(click.responseUrl!, { replace_original: true, text: 'Approved by bob' });
    expect(env.emulator.messages(OPS).find((message) => message.ts === ts)).toMatchObject({
      text: 'Approved by bob',
    });
    expect(env.emulator.messages(OPS).find((message) => message.ts === ts)?.blocks).toBeUndefined();
    await respond(click.responseUrl!, { delete_original: true });
    expect(env.emulator.messages(OPS).some((message) => message.ts === ts)).toBe(false);
  });

  it('when the body is not JSON or breaks Block Kit, then the response_url answers with an error', async () => {
    const { responseUrl } = await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS });
    const malformed = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(malformed.status).toBe(400);
    const invalid = await respond(responseUrl, {
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
    });
    expect(await invalid.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
  });
});

describe('buttons and selects', () => {
  it('when a user clicks a button in a message, then the app gets a full block_actions payload', async () => {
    const { ts } = await env
      .client()
      .chat.postMessage({ channel: OPS, text: 'approve?', blocks: approvalBlocks });
    const result = await env.emulator.driver.clickButton({
      userId: BOB,
      channelId: OPS,
      actionId: 'approve',
    });
    expect(result.status).toBe(200);
    const payload = app.requests[0]!.body;
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: BOB, username: 'bob', name: 'bob', team_id: TEAM_ID },
      api_app_id: 'A0SANDBOX1',
      token: 'sandbox-verification-token',
      container: { type: 'message', message_ts: ts, channel_id: OPS, is_ephemeral: false },
      trigger_id: result.triggerId,
      team: { id: TEAM_ID, domain: 'sandbox-co' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: OPS, name: 'ops' },
      message: { ts, text: 'approve?', bot_id: 'B0BOT00001', blocks: approvalBlocks },
      state: { values: {} },
      response_url: result.responseUrl,
    });
    expect(payload.actions).toEqual([
      {
        type: 'button',
        action_id: 'approve',
        block_id: 'decision',
        text: text('Approve'),
        value: 'cr-1',
        style: 'primary',
        action_ts: expect.stringMatching(/^\d+\.\d{6}$/),
      },
    ]);
  });

  it('when the trigger id of a click is used within 3 seconds, then the app can open a modal', async () => {
    await env.client().chat.postMessage({ channel: OPS, text: 'approve?', blocks: approvalBlocks });
    const { triggerId } = await env.emulator.driver.clickButton({
      userId: BOB,
      channelId: OPS,
      actionId: 'reject',
    });
    env.clock.advance(2900);
    await expect(env.client().views.open({ trigger_id: triggerId, view: runForm() })).resolves.toMatchObject({
      ok: true,
    });
    expect(env.emulator.openViews(BOB)).toHaveLength(1);
  });

  it('when a button is in an ephemeral message, then the container says so and no message is sent along', async () => {
    await env
      .client()
      .chat.postEphemeral({ channel: OPS, user: ALICE, text: 'confirm?', blocks: approvalBlocks });
    await env.emulator.driver.clickButton({ userId: ALICE, channelId: OPS, actionId: 'approve' });
    const payload = app.requests[0]!.body;
    expect(payload.container).toMatchObject({ type: 'message', is_ephemeral: true, channel_id: OPS });
    expect(payload.message).toBeUndefined();
  });

  it('when no visible message has the action, then the driver fails loudly', async () => {
    await expect(
      env.emulator.driver.clickButton({ userId: BOB, channelId: OPS, actionId: 'no_such_action' }),
    ).rejects.toThrow(/no action_id no_such_action/);
  });

  it('when a message is edited to drop a button whose confirm dialog was open, then confirming delivers the action as it was shown, and nothing else is', async () => {
    const stop = {
      type: 'button' as const,
      action_id: 'stop',
      text: text('Cancel'),
      value: 'run-1',
      confirm: {
        title: text('Stop them?'),
        text: text('Stops every execution.'),
        confirm: text('Stop'),
        deny: text('No'),
      },
    };
    const posted = await env.client().chat.postMessage({
      channel: OPS,
      text: 'running',
      blocks: [
        {
          type: 'actions',
          block_id: 'run',
          elements: [stop, { type: 'button', action_id: 'approve', text: text('Approve'), value: 'cr-1' }],
        },
      ],
    });
    await env.client().chat.update({
      channel: OPS,
      ts: posted.ts!,
      text: 'done',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'done' } }],
    });
    const target = { userId: ALICE, channelId: OPS, messageTs: posted.ts!, confirmedAfterEdit: true };

    const { payload } = await env.emulator.driver.clickButton({ ...target, actionId: 'stop' });

    expect(payload.actions).toEqual([
      expect.objectContaining({ action_id: 'stop', block_id: 'run', value: 'run-1' }),
    ]);
    expect(payload.message).toMatchObject({ ts: posted.ts, text: 'done' });
    // Without a confirm dialog there was nothing to hold open; an action never shown was never there.
    await expect(env.emulator.driver.clickButton({ ...target, actionId: 'approve' })).rejects.toThrow(
      /no action_id approve/,
    );
    await expect(env.emulator.driver.clickButton({ ...target, actionId: 'no_such_action' })).rejects.toThrow(
      /no action_id no_such_action/,
    );
  });

  it('when a user picks an option in a modal, then the view state keeps it and the payload carries it', async () => {
    const viewId = await openForm();
    await env.emulator.driver.selectOption({
      userId: ALICE,
      viewId,
      actionId: 'runbook_select',
      value: 'AWS-RunPatchBaseline',
    });
    const picked = { text: text('Patch instances'), value: 'AWS-RunPatchBaseline' };
    expect(env.emulator.view(viewId)?.state.values.runbook?.runbook_select).toEqual({
      type: 'static_select',
      selected_option: picked,
    });
    const payload = app.requests[0]!.body as {
      container: unknown;
      view: { id: string; state: unknown };
      actions: unknown[];
    };
    expect(payload.container).toEqual({ type: 'view', view_id: viewId });
    expect(payload.view.state).toEqual({
      values: { runbook: { runbook_select: { type: 'static_select', selected_option: picked } } },
    });
    expect(payload.actions[0]).toMatchObject({
      type: 'static_select',
      action_id: 'runbook_select',
      block_id: 'runbook',
      selected_option: picked,
    });
  });

  it('when a value is not among a static select options, then the driver fails loudly', async () => {
    const viewId = await openForm();
    await expect(
      env.emulator.driver.selectOption({
        userId: ALICE,
        viewId,
        actionId: 'runbook_select',
        value: 'AWS-Nope',
      }),
    ).rejects.toThrow(/no option with value AWS-Nope/);
  });

  it('when a user types in an external select, then the app is asked for options and they can be picked', async () => {
    const viewId = await openForm();
    const accounts = [{ text: text('prod (111111111111)'), value: '111111111111' }];
    script = (request) => (request.body.type === 'block_suggestion' ? { body: { options: accounts } } : {});
    const offered = await env.emulator.driver.requestOptions({
      userId: ALICE,
      viewId,
      actionId: 'account_select',
      value: 'pro',
    });
    expect(offered).toMatchObject({ status: 200, options: accounts, problems: [] });
    expect(app.requests[0]!.body).toMatchObject({
      type: 'block_suggestion',
      action_id: 'account_select',
      block_id: 'account',
      value: 'pro',
      view: { id: viewId },
    });
    env.emulator.driver.setViewInput({ userId: ALICE, viewId, blockId: 'account', value: '111111111111' });
    expect(env.emulator.view(viewId)?.state.values.account?.account_select?.selected_option).toEqual(
      accounts[0],
    );
  });

  it('when the app offers more than 100 options, then Slack shows none and the result says why', async () => {
    const viewId = await openForm();
    const options = Array.from({ length: 101 }, (_, i) => ({ text: text(`a${i}`), value: `a${i}` }));
    script = () => ({ body: { options } });
    const offered = await env.emulator.driver.requestOptions({
      userId: ALICE,
      viewId,
      actionId: 'account_select',
      value: 'acc',
    });
    expect(offered.options).toEqual([]);
    expect(offered.problems).toEqual(['[ERROR] no more than 100 items allowed [json-pointer:/options]']);
  });
});

describe('view submissions', () => {
  const fill = { runbook: 'AWS-RestartService', account: '222222222222', reason: 'CVE-2025-1' };

  it('when a modal is submitted, then view_submission carries typed state values and an empty answer closes it', async () => {
    const viewId = await openForm();
    env.emulator.driver.setViewInput({ userId: ALICE, viewId, blockId: 'options', value: ['dry_run'] });
    const result = await env.emulator.driver.submitView({
      userId: ALICE,
      viewId,
      values: { ...fill, when: '2025-02-01', approver: BOB },
    });
    expect(result).toMatchObject({ status: 200, outcome: 'closed' });
    const payload = app.requests[0]!.body as {
      type: string;
      view: { state: { values: unknown }; private_metadata: string };
    };
    expect(payload).toMatchObject({
      type: 'view_submission',
      user: { id: ALICE },
      trigger_id: expect.any(String),
      view: { id: viewId, callback_id: 'run_form' },
    });
    expect(payload.view.private_metadata).toBe('{"channel":"C0OPS00001"}');
    expect(payload.view.state.values).toEqual({
      runbook: {
        runbook_select: {
          type: 'static_select',
          selected_option: { text: text('Restart service'), value: 'AWS-RestartService' },
        },
      },
      account: {
        account_select: {
          type: 'external_select',
          selected_option: { text: text('222222222222'), value: '222222222222' },
        },
      },
      reason: { reason_input: { type: 'plain_text_input', value: 'CVE-2025-1' } },
      options: {
        flags: { type: 'checkboxes', selected_options: [{ text: text('Dry run'), value: 'dry_run' }] },
      },
      when: { date: { type: 'datepicker', selected_date: '2025-02-01' } },
      approver: { who: { type: 'users_select', selected_user: BOB } },
      count: { n: { type: 'number_input', value: '2' } },
    });
    expect(env.emulator.openViews(ALICE)).toEqual([]);
    expect(env.emulator.view(viewId)?.is_open).toBe(false);
  });

  it('when the app answers with errors, then the modal stays open showing them', async () => {
    const viewId = await openForm();
    script = () => ({
      body: { response_action: 'errors', errors: { reason: 'A reason needs a ticket number' } },
    });
    const result = await env.emulator.driver.submitView({ userId: ALICE, viewId, values: fill });
    expect(result).toMatchObject({ outcome: 'errors', errors: { reason: 'A reason needs a ticket number' } });
    expect(env.emulator.openViews(ALICE).at(-1)).toMatchObject({
      id: viewId,
      errors: { reason: 'A reason needs a ticket number' },
    });
  });

  it('when the app answers update or push, then the stack shows the new view', async () => {
    const viewId = await openForm();
    script = () => ({
      body: { response_action: 'update', view: { ...runForm(), title: text('Confirm run') } },
    });
    expect(await env.emulator.driver.submitView({ userId: ALICE, viewId, values: fill })).toMatchObject({
      outcome: 'updated',
    });
    expect(env.emulator.openViews(ALICE).map((view) => view.title?.text)).toEqual(['Confirm run']);
    script = () => ({ body: { response_action: 'push', view: { ...runForm(), title: text('Details') } } });
    const pushed = await env.emulator.driver.submitView({ userId: ALICE, viewId, values: fill });
    expect(pushed).toMatchObject({ outcome: 'pushed', view: { previous_view_id: viewId } });
    script = () => ({ body: { response_action: 'clear' } });
    expect(
      await env.emulator.driver.submitView({ userId: ALICE, viewId: pushed.view!.id, values: fill }),
    ).toMatchObject({ outcome: 'cleared' });
    expect(env.emulator.openViews(ALICE)).toEqual([]);
  });

  it('when required inputs are empty, then nothing is sent and the modal shows the required-field errors', async () => {
    const viewId = await openForm();
    const result = await env.emulator.driver.submitView({
      userId: ALICE,
      viewId,
      values: { runbook: 'AWS-RestartService' },
    });
    expect(result).toMatchObject({ outcome: 'incomplete', status: 0 });
    expect(Object.keys(result.errors).sort()).toEqual(['account', 'reason']);
    expect(app.requests).toHaveLength(0);
  });

  it('when the app answers too late or with an invalid view, then the modal stays open with Slack’s error', async () => {
    const slow = await startTestSlackEmulator({ rateLimits: 'off', requestUrl: app.url, ackTimeoutMs: 400 });
    try {
      const opened = await slow
        .client()
        .views.open({ trigger_id: slow.emulator.issueTriggerId(ALICE), view: runForm() });
      const viewId = opened.view!.id!;
      script = () => ({ delayMs: 1000 });
      const late = await slow.emulator.driver.submitView({ userId: ALICE, viewId, values: fill });
      expect(late).toMatchObject({
        outcome: 'timed_out',
        timedOut: true,
        view: { display_error: 'We had some trouble connecting. Try again?' },
      });
      script = () => ({
        body: { response_action: 'update', view: { ...runForm(), title: text('t'.repeat(25)) } },
      });
      const invalid = await slow.emulator.driver.submitView({ userId: ALICE, viewId, values: fill });
      expect(invalid).toMatchObject({
        outcome: 'failed',
        problems: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
      });
      expect(slow.emulator.openViews(ALICE).map((view) => view.id)).toEqual([viewId]);
    } finally {
      await slow.close();
    }
  });

  it('when a view with notify_on_close is closed, then the app gets view_closed; without it, nothing', async () => {
    const quiet = await openForm(BOB);
    expect(await env.emulator.driver.closeView({ userId: BOB, viewId: quiet })).toEqual({
      closed: [expect.objectContaining({ id: quiet })],
    });
    expect(app.requests).toHaveLength(0);
    const noisy = await openForm(BOB, { notify_on_close: true });
    const closed = await env.emulator.driver.closeView({ userId: BOB, viewId: noisy });
    expect(closed.delivery?.status).toBe(200);
    expect(app.requests[0]!.body).toMatchObject({
      type: 'view_closed',
      is_cleared: false,
      view: { id: noisy },
    });
  });
});

describe('waiting on changes', () => {
  it('when a message arrives later, then waitFor resolves with it without sleeping', async () => {
    const waiting = env.emulator.waitFor((emulator) =>
      emulator.messages(OPS).find((message) => message.text === 'later on'),
    );
    setTimeout(() => void env.client().chat.postMessage({ channel: OPS, text: 'later on' }), 20);
    expect((await waiting).text).toBe('later on');
  });

  it('when nothing happens, then waitFor rejects with what it waited for and the recent state', async () => {
    await env.client().chat.postMessage({ channel: OPS, text: 'the last thing said' });
    await expect(
      env.emulator.waitFor(() => false, { timeoutMs: 50, description: 'a message that never comes' }),
    ).rejects.toThrow(
      /waitFor timed out after 50 ms for a message that never comes[\s\S]*the last thing said/,
    );
  });
});
