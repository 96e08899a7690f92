// Refuses Slack requests that are stale, dated in the future, or seen before, and takes each Slack delivery once.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, isValidSlackRequest } from '@slack/bolt';
import type { Logger } from 'pino';
import type { RedisClient } from '../store/redis-connection.js';
import { rememberSlackRequestScript } from '../store/scripts/remember-slack-request.js';
import { slackRequestKeys } from '../store/slack-request-keys.js';
import { answeredWithin, noteRedisAnswered, redisConnected, redisStalled } from './redis-health.js';

/** Slack's own window: a request whose timestamp is further than this from now, either way, is refused. */
export const SLACK_REQUEST_WINDOW_SECONDS = 5 * 60;

/** Signatures are kept a little longer than the window, so a replay at its very edge is still recognised. */
const SEEN_TTL_MS = (SLACK_REQUEST_WINDOW_SECONDS + 60) * 1000;

/**
 * Bodies are kept longer: Slack retries a delivery at once, after a minute and after five more, and may sign
 * each attempt anew, so a retry's signature says nothing; its body (event_id, trigger_id, action_ts) does.
 */
const DELIVERY_TTL_MS = 10 * 60 * 1000;

/**
 * `fresh`: first sight, handed to Bolt. `repeat`: a delivery already taken, sent again by Slack (a retry, with
 * X-Slack-Retry-Num, or signed anew): answered 200 with nothing done, so Slack stops retrying. `replayed`: an
 * exact copy of a request already taken, not marked as a retry: 401. The others are refused or left to Bolt.
 */
export type SlackRequestVerdict =
  | 'fresh'
  | 'repeat'
  | 'outside-window'
  | 'not-signed'
  | 'replayed'
  /** Redis is down or did not answer in time: handed to Bolt, whose store gate refuses what needs Redis. */
  | 'unchecked';

/** How long the replay check may wait for Redis before it hands the request on unchecked. */
const CHECK_TIMEOUT_MS = 1_000;

/** Whether a request timestamp (seconds, as Slack sends it) lies within the window around `nowMs`. */
export function isWithinSlackWindow(timestampSeconds: number, nowMs: number): boolean {
  return (
    Number.isSafeInteger(timestampSeconds) &&
    Math.abs(nowMs / 1000 - timestampSeconds) <= SLACK_REQUEST_WINDOW_SECONDS
  );
}

export interface ReplayGuardOptions {
  redis: RedisClient;
  /** Only a correctly signed request is remembered: anything else cannot make the bot write to Redis. */
  signingSecret: string;
  /** The bot's key prefix; signatures live under `{prefix}{slack-requests}:seen:<signature>` (slack-request-keys.ts). */
  keyPrefix: string;
  logger: Logger;
  now?: () => number;
}

/**
 * Wraps Bolt's request listener. Bolt rejects a bad signature and a stale timestamp, but takes a timestamp from
 * the future and the same signed request any number of times within the window. A signature is an HMAC of the
 * timestamp and the body, so the same signature twice is the same request twice: the first is let through, a
 * copy gets 401. Slack's own retries (X-Slack-Retry-Num) carry the same body, whether or not they are signed
 * anew: the body is remembered too, and a retry of a delivery already taken is answered 200 without running
 * anything again (the first attempt is still being handled, or was). The body is read here, to check the
 * signature before anything is stored, and handed to Bolt already read (Bolt takes a request whose `rawBody` is
 * set). Unsigned requests and wrong signatures go on to Bolt unremembered: it refuses them (or answers Slack's
 * unsigned `ssl_check`). Socket Mode does not come through here.
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
        if (verdict === 'unchecked') {
          options.logger.warn(
            { url: request.url },
            'Redis does not answer: a Slack request went on unchecked for replay',
          );
        }
        if (verdict === 'fresh' || verdict === 'not-signed' || verdict === 'unchecked') {
          return listener(request, response);
        }
        if (verdict === 'repeat') {
          // Slack retries what it got no answer to in 3 seconds, or an error: worth an operator's eye.
          options.logger.warn(
            {
              retryNum: header(request, 'x-slack-retry-num'),
              retryReason: header(request, 'x-slack-retry-reason'),
              url: request.url,
            },
            'Slack sent a delivery already taken again; acknowledged without running it',
          );
          response.writeHead(200).end();
          return;
        }
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
  const body = createHash('sha256').update(rawBody).digest('hex');
  // While Redis is down a write would wait in the client's queue for the whole outage, and while it hangs behind
  // an earlier check still unanswered; Slack gives up after 3 s: the request goes on unchecked, to be refused by
  // the store gate (nothing that needs Redis can run).
  if (!redisConnected(options.redis) || redisStalled(options.redis)) return 'unchecked';
  // One script: the signature (an exact copy) and the body (the same delivery, however signed).
  const keys = slackRequestKeys(options.keyPrefix);
  const remembered = rememberSlackRequestScript.run(
    options.redis,
    [keys.seen(signature), keys.delivery(body)],
    [String(timestampSeconds), SEEN_TTL_MS, signature, DELIVERY_TTL_MS],
  );
  // Settled either way, so a script that fails after the timeout is not an unhandled rejection.
  const settled = remembered.then(
    (answer) => ({ answer }),
    (error: unknown) => ({ error }),
  );
  const answered = await answeredWithin(options.redis, settled, CHECK_TIMEOUT_MS);
  if (!answered) return 'unchecked';
  if ('error' in answered) throw answered.error;
  const { answer } = answered;
  if (!Array.isArray(answer) || answer.length !== 2) {
    throw new Error(`the replay check answered ${JSON.stringify(answer)}, not two flags`);
  }
  // The store gate behind Bolt asks next whether Redis answers: it just did, for this very request.
  noteRedisAnswered(options.redis);
  const [newSignature, newBody] = answer.map((flag) => flag === 1);
  if (newSignature && newBody) return 'fresh';
  const retry = header(request, 'x-slack-retry-num') !== undefined;
  return newSignature || retry ? 'repeat' : 'replayed';
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
