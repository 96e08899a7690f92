// Sends one signed HTTP request to the bot, as Slack does, and reads its answer within Slack's 3-second window.
import { signRequest } from './sign-request.js';

/** The bot's answer to one request. `status` is 0 when nothing came back (timeout, refused, not sent). */
export interface Delivery {
  status: number;
  /** The answer parsed as JSON when it is JSON, else the text ('' for an empty body). */
  body: unknown;
  rawBody: string;
  /** True when the bot did not answer within the ack timeout (Slack's 3 seconds). */
  timedOut: boolean;
  durationMs: number;
  /** Why nothing came back: a network error, or why the emulator did not send. */
  error?: string;
  /** How it travelled: a signed HTTP request, or an envelope over the app's Socket Mode connection. */
  transport?: 'http' | 'socket_mode';
}

export interface DeliveryRequest {
  url: string;
  body: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  signingSecret: string;
  timestampSeconds: number;
  timeoutMs: number;
}

export async function deliver(request: DeliveryRequest): Promise<Delivery> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': request.contentType,
        'x-slack-request-timestamp': String(request.timestampSeconds),
        'x-slack-signature': signRequest(request.signingSecret, request.timestampSeconds, request.body),
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      },
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const rawBody = await response.text();
    return {
      status: response.status,
      body: parseAnswer(rawBody),
      rawBody,
      timedOut: false,
      durationMs: elapsed(),
      transport: 'http',
    };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return {
      status: 0,
      body: undefined,
      rawBody: '',
      timedOut,
      durationMs: elapsed(),
      error: reason,
      transport: 'http',
    };
  }
}

/** A failed delivery the emulator chose not to send (the user could not have done this in Slack). */
export function notSent(reason: string): Delivery {
  return { status: 0, body: undefined, rawBody: '', timedOut: false, durationMs: 0, error: reason };
}

function parseAnswer(rawBody: string): unknown {
  if (rawBody.trim() === '') return '';
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
}
