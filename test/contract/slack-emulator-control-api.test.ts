// The emulator's own HTTP API under /_emulator: what the browser playground reads, streams and drives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE,
  BOB,
  OPS,
  startScriptedApp,
  startTestSlackEmulator,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

let env: TestSlackEmulator;
let app: Awaited<ReturnType<typeof startScriptedApp>>;
beforeAll(async () => {
  app = await startScriptedApp(() => ({ body: { text: 'ack from app' } }));
  env = await startTestSlackEmulator({ rateLimits: 'off' });
});
afterAll(async () => {
  await env.close();
  await app.close();
});

const call = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${env.emulator.url}/_emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: answers are inspected field by field in each test
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('inspection', () => {
  it('when the state is read, then channels come with their messages and threads', async () => {
    const client = env.client();
    const parent = await client.chat.postMessage({ channel: OPS, text: 'run #1' });
    await client.chat.postMessage({ channel: OPS, text: 'account 111: ok', thread_ts: parent.ts! });
    const { status, body } = await call('GET', 'state');
    expect(status).toBe(200);
    expect(body.team).toMatchObject({ id: 'T0SANDBOX', name: 'Sandbox Co' });
    const ops = body.channels.find((channel: { id: string }) => channel.id === OPS);
    expect(ops.messages.at(-1)).toMatchObject({
      text: 'run #1',
      reply_count: 1,
      replies: [{ text: 'account 111: ok' }],
    });
    expect(body.users).toHaveLength(6);
  });

  it('when calls are read, then they are counted per method', async () => {
    await env.client().auth.test();
    const { body } = await call('GET', 'calls');
    expect(body['auth.test']).toMatchObject({ ok: expect.any(Number) });
  });
});

describe('acting as a user', () => {
  it('when no request URL is set, then a slash command is refused with a 400 that says why', async () => {
    const { status, body } = await call('POST', 'slash-command', {
      userId: ALICE,
      channelId: OPS,
      text: 'help',
    });
    expect(status).toBe(400);
    expect(body.error).toMatch(/no request URL/);
  });

  it('when the request URL is set, then a slash command reaches the app and its answer is recorded', async () => {
    expect((await call('PUT', 'request-url', { url: app.url })).status).toBe(200);
    const { status, body } = await call('POST', 'slash-command', {
      userId: ALICE,
      channelId: OPS,
      text: 'help',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 200, ephemeral: { text: 'ack from app' } });
    expect(app.requests.at(-1)?.body).toMatchObject({ command: '/ssm', text: 'help', user_id: ALICE });
  });

  it('when a user posts and clicks through the API, then both happen as through the driver', async () => {
    const posted = await call('POST', 'message', { userId: BOB, channelId: OPS, text: 'hi from bob' });
    expect(posted.body).toMatchObject({ user: BOB, text: 'hi from bob' });
    await env.client().chat.postMessage({
      channel: OPS,
      text: 'approve?',
      blocks: [
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'OK' } }],
        },
      ],
    });
    const { status } = await call('POST', 'click', { userId: BOB, channelId: OPS, actionId: 'approve' });
    expect(status).toBe(200);
    expect(app.requests.at(-1)?.body).toMatchObject({ type: 'block_actions', user: { id: BOB } });
  });

  it.each([
    ['a body that is not JSON', 'POST', 'click', '{'],
    ['a body missing fields', 'POST', 'click', { userId: BOB }],
    ['a button nobody can see', 'POST', 'click', { userId: BOB, channelId: OPS, actionId: 'nope' }],
    ['an invalid rate-limit mode', 'PUT', 'rate-limits', { mode: 'sometimes' }],
  ])('when the API gets %s, then it answers 400', async (_case, method, path, body) => {
    const answer = await call(method, path, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual(expect.any(String));
  });

  it('when a route does not exist or the method is wrong, then 404 and 405', async () => {
    expect((await call('GET', 'nowhere')).status).toBe(404);
    expect((await call('GET', 'click')).status).toBe(405);
  });

  it('when a 429 storm is forced through the API, then the next Web API call is limited', async () => {
    expect(
      (await call('POST', 'faults/rate-limit', { method: 'auth.test', count: 1, retryAfterSeconds: 7 }))
        .status,
    ).toBe(200);
    const response = await fetch(`${env.emulator.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.emulator.botToken}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });
});

describe('the event stream', () => {
  it('when something changes, then server-sent events carry it', async () => {
    const controller = new AbortController();
    const response = await fetch(`${env.emulator.url}/_emulator/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    await reader.read(); // the ": connected" comment: the subscription is in place
    await env.client().chat.postMessage({ channel: OPS, text: 'streamed' });
    while (!received.includes('"streamed"')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value);
    }
    controller.abort();
    expect(received).toMatch(/event: message_posted\nid: \d+|id: \d+\nevent: message_posted/);
    const data = received
      .split('\n')
      .find((line) => line.startsWith('data: ') && line.includes('message_posted'));
    expect(JSON.parse(data!.slice('data: '.length))).toMatchObject({
      type: 'message_posted',
      channel: OPS,
      message: { text: 'streamed' },
    });
  });
});
