// The bot in Socket Mode (SLACK_APP_TOKEN set): it opens a connection to the emulator with the app-level token,
// commands reach it as envelopes and its acks are the answers, runs go to the end, and /healthz still answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { newestRunId, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ socketMode: true });
});
afterAll(() => harness?.close());

describe('the bot in Socket Mode', () => {
  it('when it has started, then it holds one Socket Mode connection and the emulator has no request URL', () => {
    expect(harness.slack.socketConnections()).toBe(1);
    expect(harness.slack.requestUrl).toBeUndefined();
    expect(harness.slack.calls()['apps.connections.open']).toMatchObject({ ok: 1 });
  });

  it('when a user asks for help, then the ack over the socket is the ephemeral the user sees', async () => {
    const result = await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'help' });
    expect(result).toMatchObject({ status: 200, transport: 'socket_mode', timedOut: false });
    expect(result.ephemeral).toMatchObject({ source: 'command_response', channel: OPS, user: ALICE });
    expect(JSON.stringify(result.ephemeral?.blocks)).toMatch(/\/ssm run/);
  });

  it('when a user runs a runbook, then the command arrives over the socket and the run starts and finishes', async () => {
    const result = await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared',
    });
    expect(result).toMatchObject({ status: 200, transport: 'socket_mode', timedOut: false });
    const runId = await newestRunId(harness, OPS);
    const finished = await untilRunEnds(harness, runId);
    expect(finished.status).toBe('succeeded');
    expect(finished.requester.userId).toBe(ALICE);
    // The parent message is edited to the end state through the Web API, as in HTTP mode.
    await harness.slack.waitFor((slack) =>
      slack.messages(OPS).find((message) => message.text?.includes(runId) && /succeeded/i.test(message.text)),
    );
  });

  it('when /healthz is asked, then the bot answers 200 from its own server beside the socket', async () => {
    const response = await fetch(`http://127.0.0.1:${harness.bot.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });
});
