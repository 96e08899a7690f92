// POST /aws/events: Automation status events from an EventBridge API destination, checked against its secret.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import {
  type AutomationStatusEvent,
  parseAutomationStatusEvent,
} from '../core/events/automation-status-event.js';
import type { HttpRoute } from './http-route.js';

export const AWS_EVENTS_PATH = '/aws/events';
export const DEFAULT_EVENTS_SECRET_HEADER = 'x-ssm-chatops-secret';
/** EventBridge events are at most 256 KB; the limit leaves room for nothing else. */
export const DEFAULT_MAX_EVENT_BODY_BYTES = 256 * 1024;
/** API destinations send one event per request; an array (tolerated) is capped so one request stays small. */
const MAX_EVENTS_PER_REQUEST = 100;

export type AcceptedAutomationEvent = Exclude<AutomationStatusEvent, { kind: 'ignored' }>;

export interface AwsEventsRouteOptions {
  /** The connection's API key header (case-insensitive); default `x-ssm-chatops-secret`. */
  headerName?: string;
  /** The connection's API key value (SSM_CHATOPS_EVENTS_SECRET). */
  secret: string;
  /**
   * Takes one parsed event; the request is answered 202 only after it resolves, so the caller should resolve once
   * the event is durably queued. A rejection answers 500 and EventBridge delivers the event again.
   */
  onEvent: (event: AcceptedAutomationEvent) => Promise<void>;
  logger: Logger;
  maxBodyBytes?: number;
}

/** The route; mount it beside Bolt's /slack/events (customRoutes) or on the bot's own HTTP server. */
export function awsEventsRoute(options: AwsEventsRouteOptions): HttpRoute {
  const headerName = (options.headerName ?? DEFAULT_EVENTS_SECRET_HEADER).toLowerCase();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_EVENT_BODY_BYTES;
  const expected = digest(options.secret);
  const logger = options.logger.child({ route: AWS_EVENTS_PATH });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!hasSecret(request.headers[headerName], expected)) {
      logger.warn(
        { remoteAddress: request.socket.remoteAddress },
        'AWS event refused: wrong or missing secret',
      );
      return refuse(request, response, 401, 'unauthorized');
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      return refuse(request, response, 413, 'payload too large');
    }
    const body = await readBody(request, maxBodyBytes);
    if (body === 'too-large') return refuse(request, response, 413, 'payload too large');

    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(response, 400, { error: 'body is not JSON' });
    }
    const items = Array.isArray(payload) ? payload : [payload];
    if (items.length === 0 || items.length > MAX_EVENTS_PER_REQUEST) {
      return answer(response, 400, { error: `expected one event (or up to ${MAX_EVENTS_PER_REQUEST})` });
    }

    let accepted = 0;
    let ignored = 0;
    for (const item of items) {
      const event = parseAutomationStatusEvent(item);
      if (event.kind === 'ignored') {
        ignored++;
        logger.debug({ reason: event.reason }, 'AWS event ignored');
        continue;
      }
      try {
        await options.onEvent(event);
        accepted++;
      } catch (error) {
        logger.error({ err: error, eventId: event.eventId }, 'AWS event not queued; EventBridge will retry');
        return answer(response, 500, { error: 'event not queued' });
      }
    }
    answer(response, 202, { accepted, ignored });
  };

  return {
    path: AWS_EVENTS_PATH,
    method: 'POST',
    handler: (request, response) => {
      handle(request, response).catch((error: unknown) => {
        // A broken connection while reading: nothing was passed on, and there may be no one to answer.
        logger.warn({ err: error }, 'AWS event request failed');
        if (!response.headersSent) answer(response, 400, { error: 'request could not be read' });
      });
    },
  };
}

/** SHA-256 first, so the comparison is constant-time whatever the lengths of the two values. */
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function hasSecret(header: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof header !== 'string' || header.length === 0) return false;
  return timingSafeEqual(digest(header), expected);
}

/** The body, or 'too-large' as soon as it passes the limit (the rest is not buffered). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.off('end', onEnd);
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', reject);
  });
}

/** Answers without reading the body, and closes the connection so an unread (maybe huge) body is not drained. */
function refuse(request: IncomingMessage, response: ServerResponse, status: number, error: string): void {
  response.setHeader('connection', 'close');
  answer(response, status, { error });
  request.resume();
}

function answer(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
