// The Slack requests bench:ack sends, signed as Slack signs them: `/ssm run … --dry-run` and a Status click.
import { signRequest } from '../../src/slack-emulator/index.js';

/** What the requests refer to: the signing secret, and a real run with its message for Status clicks. */
export interface SeededRun {
  signingSecret: string;
  runId: string;
  messageTs: string;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** Signed now: the bot refuses a signature it has seen (replay guard) and a timestamp more than 5 min off. */
export function signed(secret: string, body: string): SignedRequest {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signRequest(secret, timestamp, body),
    },
  };
}

/** `/ssm run` of a real runbook in two accounts and two regions, `--dry-run`: the bot answers with a preview. */
export function dryRunCommand(responseUrl: string, index: number): string {
  return new URLSearchParams({
    token: 'unused',
    team_id: 'T0SANDBOX',
    team_domain: 'sandbox',
    channel_id: 'C0OPS00001',
    channel_name: 'ops',
    user_id: 'U0REQUEST1',
    user_name: 'alice',
    command: '/ssm',
    text: 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared,payments-prod --regions ap-northeast-1,us-east-1 --dry-run',
    api_app_id: 'A0SANDBOX1',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `bench.${index}`,
  }).toString();
}

/** The Status button of the seeded run's message: the bot reads the run and posts an ephemeral. */
export function statusClick(run: SeededRun, responseUrl: string, index: number): string {
  const payload = {
    type: 'block_actions',
    user: { id: 'U0APPROVE1', username: 'bob', name: 'bob', team_id: 'T0SANDBOX' },
    api_app_id: 'A0SANDBOX1',
    token: 'unused',
    container: {
      type: 'message',
      message_ts: run.messageTs,
      channel_id: 'C0OPS00001',
      is_ephemeral: false,
    },
    trigger_id: `bench.${index}`,
    team: { id: 'T0SANDBOX', domain: 'sandbox' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: 'C0OPS00001', name: 'ops' },
    message: { type: 'message', ts: run.messageTs, text: run.runId },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: 'run.status',
        block_id: 'run-actions',
        text: { type: 'plain_text', text: 'Status' },
        value: run.runId,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** One real run through the Slack emulator, so Status clicks have a message and a run to look at. */
export async function seedRun(slackUrl: string, signingSecret: string, botUrl: string): Promise<SeededRun> {
  const control = (method: string, path: string, body: unknown) =>
    fetch(`${slackUrl}/_emulator/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((response) => response.json() as Promise<Record<string, unknown>>);
  await control('PUT', 'request-url', { url: `${botUrl}/slack/events` });
  await control('POST', 'slash-command', {
    userId: 'U0REQUEST1',
    channelId: 'C0OPS00001',
    text: 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared',
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    const state = (await fetch(`${slackUrl}/_emulator/state`).then((response) => response.json())) as {
      channels: Array<{ id: string; messages: Array<{ ts: string; text?: string }> }>;
    };
    const parent = state.channels
      .find((channel) => channel.id === 'C0OPS00001')
      ?.messages.find((message) => /run-[a-z2-9]{8}/.test(message.text ?? ''));
    if (parent) {
      return { signingSecret, runId: /run-[a-z2-9]{8}/.exec(parent.text ?? '')![0], messageTs: parent.ts };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the seeded run never posted its message');
}
