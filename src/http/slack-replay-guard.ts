// Refuses Slack requests that are stale, dated in the future, or seen before, before Bolt checks their signature.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, isValidSlackRequest } from '@slack/bolt';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Slack's own window: a request whose timestamp is further than this from now, either way, is refused. */
export const SLACK_REQUEST_WINDOW_SECONDS = 5 * 60;

/** Signatures are kept a little longer than the window, so a replay at its very edge is still recognised. */
const SEEN_TTL_MS = (SLACK_REQUEST_WINDOW_SECONDS + 60) * 1000;

export type SlackRequestVerdict = 'fresh' | 'outside-window' | 'not-signed' | 'replayed';

/** Whether a request timestamp (seconds, as Slack sends it) lies within the window around `nowMs`. */
export function isWithinSlackWindow(timestampSeconds: number, nowMs: number): boolean {
  return (
    Number.isSafeInteger(timestampSeconds) &&
    Math.abs(nowMs / 1000 - timestampSeconds) <= SLACK_REQUEST_WINDOW_SECONDS
  );
}

export interface ReplayGuardOptions {
  redis: Redis;
  /** Only a correctly signed request is remembered: anything else cannot make the bot write to Redis. */
  signingSecret: string;
  /** The bot's key prefix; signatures live under `{prefix}slack:seen:{signature}`. */
  keyPrefix: string;
  logger: Logger;
  now?: () => number;
}

/**
 * Wraps Bolt's request listener. Bolt rejects a bad signature and a stale timestamp, but takes a timestamp from
 * the future and the same signed request any number of times within the window. A signature is an HMAC of the
 * timestamp and the body, so the same signature twice is the same request twice: the first is let through, a
 * repeat gets 401. Slack's own retries (X-Slack-Retry-Num) are signed anew, so they pass, and the listeners
 * keep them idempotent. The body is read here, to check the signature before anything is stored, and handed to
 * Bolt already read (Bolt takes a request whose `rawBody` is set). Unsigned requests and wrong signatures go on
 * to Bolt unremembered: it refuses them (or answers Slack's unsigned `ssl_check`).
 */
export function guardAgainstReplays(
  options: ReplayGuardOptions,
  listener: (request: IncomingMessage, response: ServerResponse) => void,
): (request: IncomingMessage, response: ServerResponse) => void {
  const now = options.now ?? Date.now;
  return (request, response) => {
    const signature = header(request, 'x-slack-signature');
    const timestamp = header(request, 'x-slack-request-timestamp');
    if (request.method !== 'POST' || !signature || !timestamp) return listener(request, response);
    verdictOf(options, request, signature, Number(timestamp), now()).then(
      (verdict) => {
        if (verdict === 'fresh' || verdict === 'not-signed') return listener(request, response);
        options.logger.warn({ verdict, url: request.url }, 'refused a Slack request');
        refuse(response, 401);
      },
      (error: unknown) => {
        // Without the store nothing the request asks for could be done anyway; Slack retries events.
        options.logger.warn({ error: String(error) }, 'could not check a Slack request for replay');
        refuse(response, 503);
      },
    );
  };
}

async function verdictOf(
  options: ReplayGuardOptions,
  request: IncomingMessage,
  signature: string,
  timestampSeconds: number,
  nowMs: number,
): Promise<SlackRequestVerdict> {
  if (!isWithinSlackWindow(timestampSeconds, nowMs)) return 'outside-window';
  const { rawBody } = await HTTPModuleFunctions.bufferIncomingMessage(request);
  const signed = isValidSlackRequest({
    signingSecret: options.signingSecret,
    body: rawBody.toString(),
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestampSeconds },
    nowMilliseconds: nowMs,
  });
  if (!signed) return 'not-signed';
  const key = `${options.keyPrefix}slack:seen:${signature}`;
  const first = await options.redis.set(key, String(timestampSeconds), 'PX', SEEN_TTL_MS, 'NX');
  return first === 'OK' ? 'fresh' : 'replayed';
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function refuse(response: ServerResponse, status: number): void {
  // The body may be left unread: the connection closes rather than waiting for it.
  response.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
  response.end(status === 401 ? 'Unauthorized' : 'Service Unavailable');
}
