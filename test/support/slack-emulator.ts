// Starts a Slack emulator for one test file, with real WebClients pointed at it and a scriptable stand-in app.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
// @slack/web-api through Bolt's re-export: the same WebClient the bot uses, and a direct dependency.
import { LogLevel, webApi } from '@slack/bolt';
import { ManualClock } from '../../src/slack-emulator/manual-clock.js';
import {
  type SlackEmulator,
  type SlackEmulatorOptions,
  startSlackEmulator,
} from '../../src/slack-emulator/start-slack-emulator.js';
import { METHOD_SCOPES, POST_WITHOUT_JOINING } from '../../src/slack-emulator/web-api/method-scopes.js';

export const TEAM_ID = 'T0SANDBOX';
export const BOT_USER_ID = 'U0BOT00001';
export const ALICE = 'U0REQUEST1';
export const BOB = 'U0APPROVE1';
export const MALLORY = 'U0OUTSIDE1';
export const OPS = 'C0OPS00001';
export const APPROVALS = 'C0APPROVE1';
export const SECRET_OPS = 'G0PRIVATE1';

/**
 * Every scope an emulated method can need, for tests of the emulator's own methods (users.info, …) beyond what
 * the bot's manifest asks for; without `scopes` the emulator grants the manifest's, as the bot's tests need.
 */
export const EVERY_SCOPE: readonly string[] = [
  ...new Set(
    Object.values(METHOD_SCOPES).flatMap((rule) =>
      rule.kind === 'none' ? [] : rule.kind === 'scope' ? [rule.scope] : Object.values(rule.scopes),
    ),
  ),
  POST_WITHOUT_JOINING,
];

const SILENT_LOGGER = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

export interface TestSlackEmulator {
  emulator: SlackEmulator;
  /** The emulator's clock: stands still until a test advances it. */
  clock: ManualClock;
  /** A real WebClient with the bot token; no retries unless asked. */
  client(options?: webApi.WebClientOptions & { token?: string }): webApi.WebClient;
  close(): Promise<void>;
}

/** Slack's rate limits on (as in production), a manual clock, the default workspace. */
export async function startTestSlackEmulator(options: SlackEmulatorOptions = {}): Promise<TestSlackEmulator> {
  const clock = new ManualClock();
  const emulator = await startSlackEmulator({ now: clock.now, rateLimits: 'slack', ...options });
  return {
    emulator,
    clock,
    client: ({ token, ...clientOptions } = {}) =>
      new webApi.WebClient(token ?? emulator.botToken, {
        slackApiUrl: emulator.apiUrl,
        // Silent: tests provoke errors on purpose and assert on them.
        logger: SILENT_LOGGER,
        retryConfig: { retries: 0 },
        ...clientOptions,
      }),
    close: () => emulator.close(),
  };
}

export interface AppRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The form fields, the decoded `payload`, or the JSON event envelope. */
  body: Record<string, unknown>;
}

export interface AppAnswer {
  status?: number;
  /** A string is sent as is; an object as JSON; undefined as an empty body. */
  body?: unknown;
  /** Real delay before answering, to test the 3-second rule. */
  delayMs?: number;
}

/** A stand-in for the bot's request URL: records every request and answers as the test scripts it. */
export async function startScriptedApp(
  answer: (request: AppRequest) => AppAnswer | Promise<AppAnswer> = () => ({}),
) {
  const requests: AppRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const request: AppRequest = {
        headers: req.headers,
        rawBody,
        body: decode(req.headers['content-type'], rawBody),
      };
      requests.push(request);
      const reply = await answer(request);
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      if (res.destroyed) return;
      const text =
        reply.body === undefined
          ? ''
          : typeof reply.body === 'string'
            ? reply.body
            : JSON.stringify(reply.body);
      const type = typeof reply.body === 'object' ? { 'content-type': 'application/json' } : {};
      res.writeHead(reply.status ?? 200, type).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function decode(contentType: string | undefined, rawBody: string): Record<string, unknown> {
  if (contentType === 'application/json') return JSON.parse(rawBody) as Record<string, unknown>;
  const fields = Object.fromEntries(new URLSearchParams(rawBody));
  return typeof fields.payload === 'string'
    ? (JSON.parse(fields.payload) as Record<string, unknown>)
    : fields;
}
