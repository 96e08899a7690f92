// A real Bolt App against the emulator: it receives the driver's requests, verifies them, acks them, and its
// respond(), chat.postMessage and views.open calls land in the emulated workspace.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackEmulator } from '../../src/slack-emulator/index.js';
import {
  ALICE,
  BOB,
  OPS,
  startTestSlackEmulator,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

let env: TestSlackEmulator;
let app: App;
const text = (value: string) => ({ type: 'plain_text' as const, text: value });

beforeAll(async () => {
  env = await startTestSlackEmulator();
  app = new App({
    signingSecret: env.emulator.signingSecret,
    token: env.emulator.botToken,
    clientOptions: { slackApiUrl: env.emulator.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command('/ssm', async ({ ack, command, respond, client }) => {
    await ack();
    if (command.text === 'form') {
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
          ],
        },
      });
      return;
    }
    await respond({ text: `Got it, <@${command.user_id}>` });
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `Approval needed: ${command.text}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*${command.text}* needs approval` } },
        {
          type: 'actions',
          block_id: 'decision',
          elements: [
            {
              type: 'button',
              action_id: 'approve',
              text: text('Approve'),
              value: command.text,
              style: 'primary',
            },
          ],
        },
      ],
    });
  });
  app.action('approve', async ({ ack, body, respond }) => {
    await ack();
    await respond({ replace_original: true, text: `Approved by <@${body.user.id}>` });
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
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  env.emulator.setRequestUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
});

afterAll(async () => {
  await app.stop();
  await env.close();
});

describe('a real Bolt app', () => {
  it('when a user runs a slash command, then Bolt acks it and its respond() and postMessage land in the workspace', async () => {
    const result = await env.emulator.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'restart web',
    });
    expect(result.status).toBe(200);
    const ephemeral = await env.emulator.waitFor((emulator) =>
      emulator.ephemerals(ALICE, OPS).find((message) => message.source === 'response_url'),
    );
    expect(ephemeral.text).toBe(`Got it, <@${ALICE}>`);
    const posted = await env.emulator.waitFor((emulator) =>
      emulator.messages(OPS).find((message) => message.text === 'Approval needed: restart web'),
    );
    expect(posted).toMatchObject({ bot_id: 'B0BOT00001', user: 'U0BOT00001' });
  });

  it('when a user clicks the button Bolt posted, then the action listener replaces the message via response_url', async () => {
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
    expect(click.status).toBe(200);
    const replaced = await env.emulator.waitFor((emulator) =>
      emulator
        .messages(OPS)
        .find((message) => message.ts === posted.ts && message.text.startsWith('Approved')),
    );
    expect(replaced.text).toBe(`Approved by <@${BOB}>`);
  });

  it('when a user submits the modal Bolt opened, then Bolt validates, acks with errors, then accepts', async () => {
    await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'form' });
    const [modal] = await env.emulator.waitFor((emulator) => {
      const views = emulator.openViews(ALICE);
      return views.length > 0 && views;
    });
    expect(modal).toMatchObject({ callback_id: 'run_form', private_metadata: OPS });
    const tooShort = await env.emulator.driver.submitView({
      userId: ALICE,
      viewId: modal!.id,
      values: { reason: 'no' },
    });
    expect(tooShort).toMatchObject({ outcome: 'errors', errors: { reason: 'Say a bit more' } });
    const accepted = await env.emulator.driver.submitView({
      userId: ALICE,
      viewId: modal!.id,
      values: { reason: 'CVE-2025-1234' },
    });
    expect(accepted.outcome).toBe('closed');
    await env.emulator.waitFor((emulator) =>
      emulator.messages(OPS).find((message) => message.text === `<@${ALICE}> runs it: CVE-2025-1234`),
    );
    expect(env.emulator.openViews(ALICE)).toEqual([]);
  });

  it('when the emulator clock has moved an hour ahead, then Bolt still accepts the signed requests', async () => {
    env.clock.advance(60 * 60 * 1000);
    const result = await env.emulator.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'later' });
    expect(result.status).toBe(200);
  });

  it('when a request is signed with another secret, then Bolt refuses it', async () => {
    const impostor = await startSlackEmulator({
      signingSecret: 'not-the-secret',
      requestUrl: env.emulator.requestUrl,
    });
    try {
      const result = await impostor.driver.slashCommand({
        userId: ALICE,
        channelId: OPS,
        text: 'restart web',
      });
      expect(result.status).toBe(401);
    } finally {
      await impostor.close();
    }
  });
});
