// The stream of changes to the emulated workspace: what tests wait on and what the playground streams.
import { EventEmitter } from 'node:events';
import type { EmulatedView, EphemeralMessage, SlackMessage } from './slack-types.js';

type Change =
  | { type: 'message_posted'; channel: string; message: SlackMessage }
  | { type: 'message_updated'; channel: string; message: SlackMessage; previous: SlackMessage }
  | { type: 'message_deleted'; channel: string; message: SlackMessage }
  | { type: 'ephemeral_posted'; channel: string; user: string; message: EphemeralMessage }
  | { type: 'ephemeral_updated'; channel: string; user: string; message: EphemeralMessage }
  | { type: 'ephemeral_deleted'; channel: string; user: string; message: EphemeralMessage }
  | { type: 'view_opened'; user: string; view: EmulatedView }
  | { type: 'view_updated'; user: string; view: EmulatedView }
  | { type: 'view_closed'; user: string; view: EmulatedView }
  | { type: 'home_published'; user: string; view: EmulatedView }
  | { type: 'api_called'; method: string; ok: boolean; error?: string }
  | { type: 'rate_limited'; method: string; retryAfterSeconds: number; forced: boolean }
  | {
      type: 'request_sent';
      kind: string;
      user: string;
      status: number;
      timedOut: boolean;
      transport: 'http' | 'socket_mode';
    }
  | { type: 'socket_connected'; connection: string; numConnections: number }
  | { type: 'socket_disconnected'; connection: string; numConnections: number; code: number };

/** One change, numbered and stamped with the emulator clock. */
export type SlackEmulatorEvent = Change & { seq: number; at: number };
export type SlackEmulatorEventType = SlackEmulatorEvent['type'];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type SlackEmulatorChange = DistributiveOmit<SlackEmulatorEvent, 'seq' | 'at'>;

const RECENT_LIMIT = 200;

/** Emits every change under its own type and under `change`; keeps the last few for diagnostics. */
export class ChangeFeed {
  private readonly emitter = new EventEmitter();
  private readonly recent: SlackEmulatorEvent[] = [];
  private seq = 0;

  constructor(private readonly now: () => number) {
    // Every waitFor and every SSE client listens; Node's default of 10 would warn in busy tests.
    this.emitter.setMaxListeners(0);
  }

  emit(change: SlackEmulatorChange): SlackEmulatorEvent {
    this.seq += 1;
    const event = { ...change, seq: this.seq, at: this.now() } as SlackEmulatorEvent;
    this.recent.push(event);
    if (this.recent.length > RECENT_LIMIT) this.recent.shift();
    this.emitter.emit(event.type, event);
    this.emitter.emit('change', event);
    return event;
  }

  /** Subscribes to one type of change, or to all with `change`; returns the unsubscribe function. */
  on<T extends SlackEmulatorEventType | 'change'>(
    type: T,
    listener: (
      event: T extends 'change' ? SlackEmulatorEvent : Extract<SlackEmulatorEvent, { type: T }>,
    ) => void,
  ): () => void {
    const wrapped = listener as (event: SlackEmulatorEvent) => void;
    this.emitter.on(type, wrapped);
    return () => this.emitter.off(type, wrapped);
  }

  recentEvents(): readonly SlackEmulatorEvent[] {
    return this.recent;
  }
}
