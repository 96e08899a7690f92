// The app's request URL as the driver reaches it: signed form or JSON bodies, the ack timeout, a change event per request.
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
  ackTimeoutMs?: number;
}

export class AppEndpoint {
  constructor(private readonly options: AppEndpointOptions) {}

  /** Sends form fields (slash commands) or `payload=<json>` (interactions), as Slack does. */
  sendForm(kind: string, userId: string, fields: Record<string, string>): Promise<Delivery> {
    return this.send(
      kind,
      userId,
      new URLSearchParams(fields).toString(),
      'application/x-www-form-urlencoded',
    );
  }

  sendPayload(kind: string, userId: string, payload: JsonObject): Promise<Delivery> {
    return this.sendForm(kind, userId, { payload: JSON.stringify(payload) });
  }

  /** Events API envelopes are JSON bodies. */
  sendEvent(kind: string, userId: string, envelope: JsonObject): Promise<Delivery> {
    return this.send(kind, userId, JSON.stringify(envelope), 'application/json');
  }

  private async send(
    kind: string,
    userId: string,
    body: string,
    contentType: 'application/x-www-form-urlencoded' | 'application/json',
  ): Promise<Delivery> {
    const url = this.options.requestUrl();
    if (!url)
      throw new SlackDriverError(
        'no request URL: pass requestUrl to startSlackEmulator or call setRequestUrl',
      );
    const { state } = this.options;
    const delivery = await deliver({
      url,
      body,
      contentType,
      signingSecret: this.options.signingSecret,
      // Real time, not the emulator clock: apps compare the timestamp with their own clock (Bolt allows 5 minutes),
      // so a test that moves the emulator clock ahead must not make every later request look like a replay.
      timestampSeconds: Math.floor(Date.now() / 1000),
      timeoutMs: this.options.ackTimeoutMs ?? ACK_TIMEOUT_MS,
    });
    state.feed.emit({
      type: 'request_sent',
      kind,
      user: userId,
      status: delivery.status,
      timedOut: delivery.timedOut,
    });
    return delivery;
  }
}
