// What Slack and an app say to each other over a Socket Mode connection: hello, disconnect, envelopes and acks.
import type { JsonObject } from '../state/slack-types.js';

/** What an envelope carries: a slash command's fields, an interaction payload, or an Events API callback. */
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** One request to the app, whichever way it travels (Socket Mode envelope or HTTP request). */
export interface AppMessage {
  type: EnvelopeType;
  payload: JsonObject;
}

/** Why Slack asks an app to drop a connection: a refresh, a warning ~10 s before one, or Socket Mode turned off. */
export type DisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

/** Slack names the host behind the connection in `debug_info`. */
const DEBUG_HOST = 'applink-slack-emulator';

/** What Slack says when a connection opens. */
export function helloMessage(input: {
  appId: string;
  numConnections: number;
  startedAt: number;
}): JsonObject {
  return {
    type: 'hello',
    num_connections: input.numConnections,
    debug_info: {
      host: DEBUG_HOST,
      started: new Date(input.startedAt).toISOString().replace('T', ' ').replace('Z', ''),
      build_number: 1,
      // Seconds until Slack would refresh the connection; the emulator refreshes only when a test asks.
      approximate_connection_time: 18060,
    },
    connection_info: { app_id: input.appId },
  };
}

export function disconnectMessage(reason: DisconnectReason): JsonObject {
  return { type: 'disconnect', reason, debug_info: { host: DEBUG_HOST } };
}

/**
 * The envelope of one request. Slack accepts an answer in the ack only where an HTTP response body would
 * mean something: a slash command's message, a view_submission's response_action, a block_suggestion's options.
 */
export function envelopeMessage(envelopeId: string, message: AppMessage): JsonObject {
  return {
    envelope_id: envelopeId,
    payload: message.payload,
    type: message.type,
    accepts_response_payload: acceptsResponsePayload(message),
    // Events carry their delivery attempt; the emulator delivers each event once.
    ...(message.type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
  };
}

function acceptsResponsePayload({ type, payload }: AppMessage): boolean {
  if (type === 'slash_commands') return true;
  if (type === 'events_api') return false;
  return payload.type === 'view_submission' || payload.type === 'block_suggestion';
}

/** An app's acknowledgement: `{ envelope_id, payload? }`. */
export interface Ack {
  envelopeId: string;
  /** The answer, as an HTTP response body would carry it; absent for a bare ack. */
  payload?: JsonObject;
}

/** Reads a text frame from the app as an ack; undefined for anything else (Slack ignores what it cannot read). */
export function readAck(text: string): Ack | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || typeof parsed.envelope_id !== 'string') return undefined;
  const { payload } = parsed;
  // @slack/socket-mode sends `payload: {}` for a bare ack(), as Bolt's HTTP receiver sends an empty body.
  if (!isObject(payload) || Object.keys(payload).length === 0) return { envelopeId: parsed.envelope_id };
  return { envelopeId: parsed.envelope_id, payload };
}

function isObject(value: unknown): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
