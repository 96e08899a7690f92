// Socket Mode: apps.connections.open with the app-level token, the WebSocket with hello, envelopes, acks,
// pings and disconnects — first as raw frames, then with a real Bolt App (SocketModeReceiver) connected to it.
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { SlackEmulator } from '../../src/slack-emulator/index.js';
import {
  ALICE,
  BOB,
  OPS,
  startScriptedApp,
  startTestSlackEmulator,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

const APP_TOKEN = 'xapp-1-A0SANDBOX1-sandbox-app-token';
const text = (value: string) => ({ type: 'plain_text' as const, text: value });
type Frame = Record<string, unknown> & { payload?: Record<string, unknown> };

/** POST apps.connections.open as Slack documents it: the token in the Authorization header. */
async function connectionsOpen(emulator: SlackEmulator, token = APP_TOKEN) {
  const response = await fetch(`${emulator.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
  });
  return (await response.json()) as { ok: boolean; url?: string; error?: string };
}

/** A hand-made Socket Mode client: every text frame queued, read in order with next(). */
function rawClient(url: string, options: { autoPong?: boolean } = {}) {
  const ws = new WebSocket(url, { autoPong: options.autoPong ?? true });
  const frames: Frame[] = [];
  const waiting: Array<(frame: Frame) => void> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    const waiter = waiting.shift();
    if (waiter) waiter(frame);
    else frames.push(frame);
  });
  return {
    ws,
    next: () =>
      new Promise<Frame>((resolve) => {
        const frame = frames.shift();
        if (frame) resolve(frame);
        else waiting.push(resolve);
      }),
    send: (message: unknown) => ws.send(JSON.stringify(message)),
    closed: () =>
      new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', resolve))),
  };
}

describe('the Socket Mode protocol, frame by frame', () => {
  let env: TestSlackEmulator;
  let http: Awaited<ReturnType<typeof startScriptedApp>>;
  beforeAll(async () => {
    http = await startScriptedApp(() => ({ body: { text: 'over HTTP' } }));
    env = await startTestSlackEmulator({
      requestUrl: http.url,
      ackTimeoutMs: 500,
      socketPingIntervalMs: 100,
    });
  });
  afterAll(async () => {
    await env.close();
    await http.close();
  });

  it('when apps.connections.open is called with a bot token, or the app token outside the header, then Slack refuses', async () => {
    expect(await connectionsOpen(env.emulator, env.emulator.botToken)).toEqual({
      ok: false,
      error: 'not_allowed_token_type',
    });
    expect(await connectionsOpen(env.emulator, 'xapp-1-A0SANDBOX1-wrong')).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    const asForm = await fetch(`${env.emulator.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${APP_TOKEN}`,
    });
    expect(await asForm.json()).toEqual({ ok: false, error: 'invalid_auth' });
    await expect(
      env.client({ token: APP_TOKEN }).chat.postMessage({ channel: OPS, text: 'hi' }),
    ).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
  });

  it('when an app connects with its ticket, then Slack says hello; the ticket is good for one connection only', async () => {
    const opened = await connectionsOpen(env.emulator);
    expect(opened.ok).toBe(true);
    expect(opened.url).toMatch(
      new RegExp(
        `^ws://127\\.0\\.0\\.1:${env.emulator.port}/link/\\?ticket=[0-9a-f-]{36}&app_id=A0SANDBOX1$`,
      ),
    );
    const client = rawClient(opened.url!);
    expect(await client.next()).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: {
        host: expect.any(String),
        started: expect.any(String),
        build_number: expect.any(Number),
        approximate_connection_time: expect.any(Number),
      },
      connection_info: { app_id: 'A0SANDBOX1' },
    });
    expect(env.emulator.socketConnections()).toBe(1);

    const replayed = new WebSocket(opened.url!);
    const refusal = await new Promise<string>((resolve) =>
      replayed.once('error', (error) => resolve(error.message)),
    );
    expect(refusal).toBe('Unexpected server response: 401');
    client.ws.close();
    await env.emulator.waitFor((emulator) => emulator.socketConnections() === 0);
  });

  it('when the driver acts while an app is connected, then envelopes come over the socket and acks are the answers', async () => {
    const client = rawClient((await connectionsOpen(env.emulator)).url!);
    await client.next(); // hello

    const command = env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'status' });
    const envelope = await client.next();
    expect(envelope).toMatchObject({
      envelope_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { command: '/ssm', text: 'status', user_id: ALICE, channel_id: OPS, api_app_id: 'A0SANDBOX1' },
    });
    client.send({ envelope_id: envelope.envelope_id, payload: { text: 'All quiet' } });
    const answered = await command;
    expect(answered).toMatchObject({ status: 200, transport: 'socket_mode', body: { text: 'All quiet' } });
    expect(answered.ephemeral).toMatchObject({ text: 'All quiet', source: 'command_response' });

    const home = env.emulator.driver.appHomeOpened({ userId: BOB });
    const event = await client.next();
    expect(event).toMatchObject({
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: { type: 'event_callback', event: { type: 'app_home_opened', user: BOB } },
    });
    client.send({ envelope_id: event.envelope_id });
    expect(await home).toMatchObject({ status: 200, body: '', rawBody: '' });
    client.ws.close();
    await client.closed();
  });

  it('when the app does not ack in time, then the delivery times out as an HTTP request would', async () => {
    const client = rawClient((await connectionsOpen(env.emulator)).url!);
    await client.next();
    const result = await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'slow' });
    expect(result).toMatchObject({ status: 0, timedOut: true, transport: 'socket_mode' });
    expect(result.ephemeral?.text).toBe('/ssm failed with the error "operation_timeout"');
    client.ws.close();
    await env.emulator.waitFor((emulator) => emulator.socketConnections() === 0);
  });

  it('when no app is connected, then the driver sends signed HTTP requests to the request URL instead', async () => {
    expect(env.emulator.socketConnections()).toBe(0);
    const result = await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'help' });
    expect(result).toMatchObject({ status: 200, transport: 'http', body: { text: 'over HTTP' } });
  });

  it('when the emulator pings, then a client that pongs stays and one that does not is dropped', async () => {
    const ponging = rawClient((await connectionsOpen(env.emulator)).url!);
    await ponging.next();
    const pinged = await new Promise<boolean>((resolve) => ponging.ws.once('ping', () => resolve(true)));
    expect(pinged).toBe(true);

    const silent = rawClient((await connectionsOpen(env.emulator)).url!, { autoPong: false });
    expect(await silent.next()).toMatchObject({ type: 'hello', num_connections: 2 });
    await silent.closed();
    expect(env.emulator.socketConnections()).toBe(1);
    ponging.ws.close();
    await ponging.closed();
  });
});

describe('a real Bolt app in Socket Mode', () => {
  let env: TestSlackEmulator;
  let app: App;

  beforeAll(async () => {
    env = await startTestSlackEmulator({ socketPingIntervalMs: 500 });
    app = new App({
      socketMode: true,
      appToken: env.emulator.appToken,
      token: env.emulator.botToken,
      clientOptions: { slackApiUrl: env.emulator.apiUrl },
      logLevel: LogLevel.ERROR,
    });
    app.command('/ssm', async ({ ack, command, client }) => {
      if (command.text === 'form') {
        await ack();
        await client.views.open({
          trigger_id: command.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'run_form',
            private_metadata: command.channel_id,
            title: text('Run a runbook'),
            submit: text('Run'),
            blocks: [
              {
                type: 'input',
                block_id: 'reason',
                label: text('Reason'),
                element: { type: 'plain_text_input', action_id: 'reason_input' },
              },
              {
                type: 'input',
                block_id: 'account',
                optional: true,
                label: text('Account'),
                element: { type: 'external_select', action_id: 'account_select', min_query_length: 2 },
              },
            ],
          },
        });
        return;
      }
      await ack({ response_type: 'ephemeral', text: `On it: ${command.text}` });
      await client.chat.postMessage({
        channel: command.channel_id,
        text: `Approval needed: ${command.text}`,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `*${command.text}* needs approval` } },
          {
            type: 'actions',
            block_id: 'decision',
            elements: [{ type: 'button', action_id: 'approve', text: text('Approve'), value: command.text }],
          },
        ],
      });
    });
    app.action('approve', async ({ ack, body, respond }) => {
      await ack();
      await respond({ replace_original: true, text: `Approved by <@${body.user.id}>` });
    });
    app.options('account_select', async ({ ack }) => {
      await ack({ options: [{ text: text('dev-shared (555555555501)'), value: '555555555501' }] });
    });
    app.view('run_form', async ({ ack, view, body, client }) => {
      const reason = view.state.values.reason?.reason_input?.value ?? '';
      if (reason.length < 5) {
        await ack({ response_action: 'errors', errors: { reason: 'Say a bit more' } });
        return;
      }
      await ack();
      await client.chat.postMessage({
        channel: view.private_metadata,
        text: `<@${body.user.id}> runs it: ${reason}`,
      });
    });
    await app.start();
  });

  afterAll(async () => {
    // The app first: closing the emulator under a connected client would make it try to reconnect.
    await app.stop();
    await env.close();
  });

  it('when Bolt starts, then it has opened one Socket Mode connection with the app token', () => {
    expect(env.emulator.socketConnections()).toBe(1);
    expect(env.emulator.calls()['apps.connections.open']).toMatchObject({ ok: 1, errors: 0 });
  });

  it('when a user runs a slash command, then Bolt acks with the ephemeral over the socket and its postMessage lands', async () => {
    const result = await env.emulator.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'restart web',
    });
    expect(result).toMatchObject({
      status: 200,
      transport: 'socket_mode',
      timedOut: false,
      body: { response_type: 'ephemeral', text: 'On it: restart web' },
    });
    expect(result.ephemeral?.text).toBe('On it: restart web');
    const posted = await env.emulator.waitFor((emulator) =>
      emulator.messages(OPS).find((message) => message.text === 'Approval needed: restart web'),
    );
    expect(posted).toMatchObject({ bot_id: 'B0BOT00001', user: 'U0BOT00001' });
  });

  it('when a user clicks the button Bolt posted, then the bare ack comes back and respond() replaces the message', async () => {
    await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'patch db' });
    const posted = await env.emulator.waitFor((emulator) =>
      emulator.messages(OPS).find((message) => message.text === 'Approval needed: patch db'),
    );
    const click = await env.emulator.driver.clickButton({
      userId: BOB,
      channelId: OPS,
      messageTs: posted.ts,
      actionId: 'approve',
    });
    expect(click).toMatchObject({ status: 200, transport: 'socket_mode', body: '' });
    await env.emulator.waitFor((emulator) =>
      emulator
        .messages(OPS)
        .find((message) => message.ts === posted.ts && message.text === `Approved by <@${BOB}>`),
    );
  });

  it('when a user types in an external select and submits the modal, then options and response_action come back in acks', async () => {
    await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'form' });
    const modal = await env.emulator.waitFor((emulator) => emulator.openViews(ALICE)[0]);
    const offered = await env.emulator.driver.requestOptions({
      userId: ALICE,
      viewId: modal.id,
      actionId: 'account_select',
      value: 'dev',
    });
    expect(offered).toMatchObject({ status: 200, transport: 'socket_mode', problems: [] });
    expect(offered.options.map((option) => option.value)).toEqual(['555555555501']);

    const tooShort = await env.emulator.driver.submitView({
      userId: ALICE,
      viewId: modal.id,
      values: { reason: 'no' },
    });
    expect(tooShort).toMatchObject({
      status: 200,
      transport: 'socket_mode',
      body: { response_action: 'errors', errors: { reason: 'Say a bit more' } },
      outcome: 'errors',
      errors: { reason: 'Say a bit more' },
    });
    const accepted = await env.emulator.driver.submitView({
      userId: ALICE,
      viewId: modal.id,
      values: { reason: 'CVE-2025-1234' },
    });
    expect(accepted.outcome).toBe('closed');
    await env.emulator.waitFor((emulator) =>
      emulator.messages(OPS).find((message) => message.text === `<@${ALICE}> runs it: CVE-2025-1234`),
    );
  });

  it('when the app token is wrong, then the app fails to start with invalid_auth', async () => {
    const impostor = new App({
      socketMode: true,
      appToken: 'xapp-1-A0SANDBOX1-not-the-token',
      token: env.emulator.botToken,
      clientOptions: { slackApiUrl: env.emulator.apiUrl },
      // Silent: the failure is the point, and the client logs it at error level.
      logger: {
        debug() {},
        info() {},
        warn() {},
        error() {},
        setLevel() {},
        getLevel: () => LogLevel.ERROR,
        setName() {},
      },
    });
    await expect(impostor.start()).rejects.toThrow(/invalid_auth/);
    await impostor.stop();
    expect(env.emulator.socketConnections()).toBe(1);
  });

  it('when Slack asks for a refresh, then the client reconnects with a new ticket and deliveries go on', async () => {
    env.emulator.disconnectSockets('refresh_requested');
    expect(env.emulator.socketConnections()).toBe(0);
    // @slack/socket-mode waits clientPingTimeout (5 s by default) before it reconnects.
    await env.emulator.waitFor((emulator) => emulator.socketConnections() === 1, {
      timeoutMs: 15_000,
      description: 'the app to reconnect',
    });
    expect(env.emulator.calls()['apps.connections.open']).toMatchObject({ ok: 2 });
    const result = await env.emulator.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'after refresh',
    });
    expect(result).toMatchObject({
      status: 200,
      transport: 'socket_mode',
      body: { text: 'On it: after refresh' },
    });
  });
});
