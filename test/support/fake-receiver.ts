// A Bolt receiver for listener tests, as Bolt's own tests use: no server, no signing; a test hands the real App
// a payload through `app.processEvent` and reads what the listener acked with.
import type { App, Receiver } from '@slack/bolt';

/** What the listener passed to ack(): nothing (`undefined`), a message, or a view submission's response_action. */
export type AckBody = Record<string, unknown> | string | undefined;

export interface Delivery {
  /** Every ack() call, in order (a listener must ack exactly once). */
  acks: AckBody[];
  /** The first ack's body. */
  ack: AckBody;
}

export class FakeReceiver implements Receiver {
  private app: App | undefined;

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /**
   * Delivers `body` (a slash command's form fields, or an interaction's decoded `payload`) and resolves once
   * every listener has finished, including the work done after the ack.
   */
  async send(body: Record<string, unknown>): Promise<Delivery> {
    if (!this.app) throw new Error('FakeReceiver: no App has been built with this receiver');
    const acks: AckBody[] = [];
    await this.app.processEvent({
      body,
      ack: async (response?: AckBody) => {
        acks.push(response);
      },
    });
    return { acks, ack: acks[0] };
  }
}
