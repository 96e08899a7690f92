// Every Slack request is signature-checked: a wrong signature, a timestamp more than 5 minutes off either way,
// or an exact replay of a request already taken gets 401 and has no effect; a correctly signed one is acted on,
// once: Slack's retry of a delivery already taken (X-Slack-Retry-Num), re-signed or not, gets 200 and does nothing.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';

let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ worker: false });
});
afterAll(() => harness?.close());

/** The `/ssm run` Slack posts; each request from Slack has a trigger id of its own. */
const slashCommand = (triggerId: string) =>
  new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0SANDBOX',
    team_domain: 'sandbox',
    channel_id: 'C0OPS00001',
    channel_name: 'ops',
    user_id: 'U0REQUEST1',
    user_name: 'alice',
    command: '/ssm',
    text: 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared',
    api_app_id: 'A0SANDBOX1',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/unused',
    trigger_id: triggerId,
  }).toString();
const body = slashCommand('1.2.3');

const sign = (secret: string, timestamp: number, signedBody = body) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${signedBody}`).digest('hex')}`;

const signed = (secret: string, timestamp: number, signedBody = body) => ({
  'x-slack-request-timestamp': String(timestamp),
  'x-slack-signature': sign(secret, timestamp, signedBody),
});

async function postTo(headers: Record<string, string>, sentBody: string) {
  return fetch(`http://127.0.0.1:${harness.bot.port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: sentBody,
  });
}

const post = (headers: Record<string, string>, sentBody = body) => postTo(headers, sentBody);

/** How many deliveries the guard has answered itself as ones it had already taken. */
const acknowledgedRetries = () =>
  harness.logWarnings().filter((line) => line.includes('Slack sent a delivery already taken again')).length;

/** The signatures the replay guard remembers, under the bot's key prefix. */
const seenSignatures = () =>
  harness.services.redis.keys(`${harness.services.keyPrefix}{slack-requests}:seen:*`);

describe('request signatures', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    [
      'signed with the wrong secret',
      () => ({
        'x-slack-request-timestamp': String(now()),
        'x-slack-signature': sign('not-the-secret', now()),
      }),
    ],
    [
      'replayed ten minutes later',
      () => ({
        'x-slack-request-timestamp': String(now() - 600),
        'x-slack-signature': sign(harness.slack.signingSecret, now() - 600),
      }),
    ],
    [
      'dated ten minutes in the future',
      () => ({
        'x-slack-request-timestamp': String(now() + 600),
        'x-slack-signature': sign(harness.slack.signingSecret, now() + 600),
      }),
    ],
    ['unsigned', () => ({ 'x-slack-request-timestamp': String(now()) })],
  ])('when a request is %s, then the bot answers 401 and does nothing', async (_, headers) => {
    const remembered = await seenSignatures();
    const response = await post(headers());
    expect(response.status).toBe(401);
    expect(await harness.services.context.runs.listRecent(10)).toEqual([]);
    expect(harness.slack.calls()['chat.postMessage']?.total ?? 0).toBe(0);
    // Not even a remembered signature: what is not correctly signed cannot make the bot write to Redis.
    expect(await seenSignatures()).toEqual(remembered);
  });

  it('when the same request is signed with the right secret, then the bot acts on it', async () => {
    const response = await post(signed(harness.slack.signingSecret, now()));
    expect(response.status).toBe(200);
    await harness.slack.waitFor((slack) => slack.messages('C0OPS00001').length === 1);
    // The parent message is posted just before the run is recorded (a channel the bot cannot post in refuses
    // the run with nothing stored), so the record is awaited rather than read at once.
    await vi.waitFor(async () => expect(await harness.services.context.runs.listRecent(10)).toHaveLength(1));
  });

  it('when a request taken once is replayed exactly within the window, then the bot answers 401 and starts nothing more', async () => {
    // A command of its own: the test before sent `body`.
    const command = slashCommand('1.2.3-replayed');
    const headers = signed(harness.slack.signingSecret, now() - 30, command);
    const post = (sent: Record<string, string>, sentBody = command) => postTo(sent, sentBody);
    const runs = async () => (await harness.services.context.runs.listRecent(10)).length;
    const before = await runs();
    expect((await post(headers)).status).toBe(200);
    await vi.waitFor(async () => expect(await runs()).toBe(before + 1));

    const replays = await Promise.all([post(headers), post(headers), post(headers)]);

    expect(replays.map((response) => response.status)).toEqual([401, 401, 401]);
    expect(await seenSignatures()).toContain(
      `${harness.services.keyPrefix}{slack-requests}:seen:${headers['x-slack-signature']}`,
    );
    // The same command typed again is a new request from Slack (a trigger id of its own): still taken.
    const again = slashCommand('1.2.4');
    expect((await post(signed(harness.slack.signingSecret, now() - 29, again), again)).status).toBe(200);
    await vi.waitFor(async () => expect(await runs()).toBe(before + 2));
  });

  it.each([
    [
      'signed anew, with a timestamp of its own',
      'retry.resigned',
      (original: number, retryNum: number) => original + retryNum,
    ],
    ['with the very same signature and timestamp', 'retry.same', (original: number) => original],
  ])(
    'when Slack retries a /ssm run it delivered (X-Slack-Retry-Num) %s, then the retry gets 200 and nothing runs again',
    async (_, triggerId, retryTimestamp) => {
      const delivery = slashCommand(triggerId);
      const runs = async () => (await harness.services.context.runs.listRecent(50)).length;
      const before = await runs();
      const acknowledgedBefore = acknowledgedRetries();
      const original = now() - 10;
      expect((await post(signed(harness.slack.signingSecret, original, delivery), delivery)).status).toBe(
        200,
      );

      const retries = await Promise.all(
        [1, 2].map((retryNum) =>
          post(
            {
              ...signed(harness.slack.signingSecret, retryTimestamp(original, retryNum), delivery),
              'x-slack-retry-num': String(retryNum),
              'x-slack-retry-reason': 'http_timeout',
            },
            delivery,
          ),
        ),
      );

      expect(retries.map((response) => response.status)).toEqual([200, 200]);
      expect(await Promise.all(retries.map((response) => response.text()))).toEqual(['', '']);
      // The guard says when it answered a retry itself, not handing it to Bolt: once for each.
      await vi.waitFor(() => expect(acknowledgedRetries()).toBe(acknowledgedBefore + 2));
      await vi.waitFor(async () => expect(await runs()).toBe(before + 1));
    },
  );
});
