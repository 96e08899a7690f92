// The app as the driver reaches it: over its Socket Mode connection when it has one, else signed requests to its
// request URL; the ack timeout, and a change event per request, either way.
import type { AppMessage } from '../socket-mode/socket-mode-messages.js';
import type { SocketModeServer } from '../socket-mode/socket-mode-server.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { JsonObject } from '../state/slack-types.js';
import { type Delivery, deliver } from './deliver.js';
import { SlackDriverError } from './slack-driver-error.js';

/** Slack gives an app 3 seconds to acknowledge a request. */
export const ACK_TIMEOUT_MS = 3000;

export interface AppEndpointOptions {
  state: EmulatorState;
  signingSecret: string;
  requestUrl: () => string | undefined;
  socketMode: Pick<SocketModeServer, 'connectionCount' | 'deliver'>;
  ackTimeoutMs?: number;
}

export class AppEndpoint {
  constructor(private readonly options: AppEndpointOptions) {}

  /** A slash command: form fields over HTTP, a `slash_commands` envelope over Socket Mode. */
  sendCommand(userId: string, fields: Record<string, string>): Promise<Delivery> {
    return this.send('slash_command', userId, { type: 'slash_commands', payload: fields });
  }

  /** An interaction: `payload=<json>` over HTTP, an `interactive` envelope over Socket Mode. */
  sendPayload(kind: string, userId: string, payload: JsonObject): Promise<Delivery> {
    return this.send(kind, userId, { type: 'interactive', payload });
  }

  /** An Events API callback: a JSON body over HTTP, an `events_api` envelope over Socket Mode. */
  sendEvent(kind: string, userId: string, envelope: JsonObject): Promise<Delivery> {
    return this.send(kind, userId, { type: 'events_api', payload: envelope });
  }

  /**
   * The one place that picks the transport. Slack sends everything over Socket Mode once the app has a
   * connection; without one the emulator falls back to the request URL, so HTTP-mode apps need nothing else.
   */
  private async send(kind: string, userId: string, message: AppMessage): Promise<Delivery> {
    const { state, socketMode } = this.options;
    const timeoutMs = this.options.ackTimeoutMs ?? ACK_TIMEOUT_MS;
    const delivery =
      socketMode.connectionCount() > 0
        ? await socketMode.deliver(message, timeoutMs)
        : await this.sendOverHttp(message, timeoutMs);
    state.feed.emit({
      type: 'request_sent',
      kind,
      user: userId,
      status: delivery.status,
      timedOut: delivery.timedOut,
      transport: delivery.transport ?? 'http',
    });
    return delivery;
  }

  private sendOverHttp(message: AppMessage, timeoutMs: number): Promise<Delivery> {
    const url = this.options.requestUrl();
    if (!url)
      throw new SlackDriverError(
        'no request URL and no Socket Mode connection: pass requestUrl to startSlackEmulator, call setRequestUrl, or connect the app in Socket Mode',
      );
    return deliver({
      url,
      ...httpBody(message),
      signingSecret: this.options.signingSecret,
      // Real time, not the emulator clock: apps compare the timestamp with their own clock (Bolt allows 5 minutes),
      // so a test that moves the emulator clock ahead must not make every later request look like a replay.
      timestampSeconds: Math.floor(Date.now() / 1000),
      timeoutMs,
    });
  }
}

/** How Slack encodes each kind of request over HTTP: form fields, `payload=<json>`, or a JSON body. */
function httpBody({ type, payload }: AppMessage) {
  const form = (fields: Record<string, string>) => ({
    body: new URLSearchParams(fields).toString(),
    contentType: 'application/x-www-form-urlencoded' as const,
  });
  switch (type) {
    case 'slash_commands':
      return form(payload as Record<string, string>);
    case 'interactive':
      return form({ payload: JSON.stringify(payload) });
    case 'events_api':
      return { body: JSON.stringify(payload), contentType: 'application/json' as const };
  }
}
