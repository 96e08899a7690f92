// Trigger ids: issued with each interaction, exchangeable once for a modal, and only for 3 seconds.
import type { SlackIds } from './slack-ids.js';

export const TRIGGER_TTL_MS = 3000;
const TRIGGER_FORMAT = /^\d+\.\d+\.[0-9a-f]+$/;

export type TriggerExchange =
  | { ok: true; userId: string }
  | { ok: false; error: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' };

export class TriggerIds {
  private readonly issued = new Map<string, { userId: string; issuedAt: number; exchanged: boolean }>();

  constructor(
    private readonly ids: SlackIds,
    private readonly now: () => number,
    private readonly teamNumber: number,
  ) {}

  issue(userId: string): string {
    const id = this.ids.triggerId(this.teamNumber);
    this.issued.set(id, { userId, issuedAt: this.now(), exchanged: false });
    return id;
  }

  /** Uses a trigger id up, as views.open and views.push do. */
  exchange(id: string): TriggerExchange {
    const trigger = TRIGGER_FORMAT.test(id) ? this.issued.get(id) : undefined;
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.exchanged) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { ok: false, error: 'expired_trigger_id' };
    trigger.exchanged = true;
    return { ok: true, userId: trigger.userId };
  }
}
