// POST /aws/events over real HTTP: the secret gates everything, bodies are bounded, and 202 waits for onEvent.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type AcceptedAutomationEvent, awsEventsRoute } from '../../src/http/aws-events-route.js';
import { createLogger } from '../../src/logging/logger.js';

const SECRET = 'route-test-secret-0123456789';
const fixtureText = (name: string) =>
  readFileSync(new URL(`../fixtures/eventbridge/${name}`, import.meta.url), 'utf8');
const EXECUTION = fixtureText('execution-status-change.json');
const STEP = fixtureText('step-status-change.json');

interface Bot {
  url: string;
  received: AcceptedAutomationEvent[];
  logs: string[];
  server: Server;
}

let bot: Bot | undefined;
afterEach(async () => {
  if (!bot) return;
  bot.server.closeAllConnections();
  await new Promise((resolve) => bot!.server.close(resolve));
  bot = undefined;
});

async function startBot(
  options: {
    headerName?: string;
    maxBodyBytes?: number;
    onEvent?: (event: AcceptedAutomationEvent) => Promise<void>;
  } = {},
): Promise<Bot> {
  const received: AcceptedAutomationEvent[] = [];
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const route = awsEventsRoute({
    secret: SECRET,
    headerName: options.headerName,
    maxBodyBytes: options.maxBodyBytes,
    logger: createLogger({ destination, level: 'debug' }),
    onEvent:
      options.onEvent ??
      (async (event) => {
        received.push(event);
      }),
  });
  const server = createServer((request, response) => {
    if (request.url === route.path && request.method === route.method) route.handler(request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  bot = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/aws/events`,
    received,
    logs,
    server,
  };
  return bot;
}

function post(
  url: string,
  body: string,
  headers: Record<string, string> = { 'x-ssm-chatops-secret': SECRET },
) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('POST /aws/events', () => {
  it('when an Automation event arrives with the secret, then it is passed on parsed and answered 202', async () => {
    const { url, received } = await startBot();

    const response = await post(url, EXECUTION);

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1, ignored: 0 });
    expect(received).toMatchObject([
      { kind: 'execution', executionId: '7c0e5d1a-3b2f-4e6a-9d8c-1f4b2a6e9c07', status: 'Failed' },
    ]);
  });

  it.each([
    ['missing', {}],
    ['wrong', { 'x-ssm-chatops-secret': 'route-test-secret-0123456780' }],
    ['a prefix of the secret', { 'x-ssm-chatops-secret': SECRET.slice(0, -1) }],
    ['empty', { 'x-ssm-chatops-secret': '' }],
    ['in another header', { authorization: SECRET }],
  ])('when the secret is %s, then it answers 401 and passes nothing on', async (_name, headers) => {
    const { url, received, logs } = await startBot();

    const response = await post(url, EXECUTION, headers);

    expect(response.status).toBe(401);
    expect(received).toEqual([]);
    expect(logs.join('')).toContain('wrong or missing secret');
    expect(logs.join('')).not.toContain(SECRET.slice(0, 12));
  });

  it('when the header name is configured, then it is matched case-insensitively and the default header no longer counts', async () => {
    const { url, received } = await startBot({ headerName: 'X-Chatops-Key' });

    expect((await post(url, EXECUTION, { 'x-chatops-key': SECRET })).status).toBe(202);
    expect((await post(url, EXECUTION, { 'x-ssm-chatops-secret': SECRET })).status).toBe(401);
    expect(received).toHaveLength(1);
  });

  it('when the body is over the limit, then it answers 413 and passes nothing on', async () => {
    const { url, received } = await startBot({ maxBodyBytes: 1024 });
    const padded = JSON.stringify({ ...JSON.parse(EXECUTION), padding: 'x'.repeat(2048) });

    expect((await post(url, padded)).status).toBe(413);
    expect(received).toEqual([]);
  });

  it('when an over-limit body is streamed without a length, then it answers 413', async () => {
    const { url, received } = await startBot({ maxBodyBytes: 1024 });
    const chunks = [EXECUTION, ' '.repeat(4096)];
    const body = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'x-ssm-chatops-secret': SECRET },
      body,
      duplex: 'half',
    } as RequestInit);

    expect(response.status).toBe(413);
    expect(received).toEqual([]);
  });

  it.each([
    ['not JSON', 'EC2 Automation Execution Status-change Notification'],
    ['truncated JSON', EXECUTION.slice(0, 100)],
    ['an empty array', '[]'],
  ])('when the body is %s, then it answers 400', async (_name, body) => {
    const { url, received } = await startBot();

    expect((await post(url, body)).status).toBe(400);
    expect(received).toEqual([]);
  });

  it('when the body is an array of events, then each Automation event is passed on in order', async () => {
    const { url, received } = await startBot();

    const response = await post(
      url,
      `[${EXECUTION},${fixtureText('ec2-instance-state-change.json')},${STEP}]`,
    );

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 2, ignored: 1 });
    expect(received.map((event) => event.kind)).toEqual(['execution', 'step']);
  });

  it('when the event is not an Automation status change, then it is acknowledged (no retry) and not passed on', async () => {
    const { url, received } = await startBot();

    const response = await post(url, fixtureText('ec2-instance-state-change.json'));

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 0, ignored: 1 });
    expect(received).toEqual([]);
  });

  it('when onEvent has not resolved yet, then the request is not answered until it does', async () => {
    let release!: () => void;
    const queued = new Promise<void>((resolve) => {
      release = resolve;
    });
    let answered = false;
    const { url } = await startBot({ onEvent: () => queued });

    const response = post(url, EXECUTION).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    release();

    expect((await response).status).toBe(202);
  });

  it('when onEvent fails, then it answers 500 so EventBridge delivers again', async () => {
    const { url, logs } = await startBot({
      onEvent: async () => {
        throw new Error('redis is down');
      },
    });

    const response = await post(url, EXECUTION);

    expect(response.status).toBe(500);
    expect(logs.join('')).toContain('redis is down');
  });
});

describe('logging of the events secret', () => {
  it('when request headers with the default secret header are logged, then the value is redacted', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    createLogger({ destination }).info({ req: { headers: { 'x-ssm-chatops-secret': SECRET } } }, 'request');
    expect(lines.join('')).not.toContain(SECRET);
    expect(lines.join('')).toContain('[redacted]');
  });
});
