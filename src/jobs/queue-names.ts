// BullMQ queue names and deterministic job ids: one place, so producers and workers agree.
import { type ExecutionLocation, locationKey } from '../core/tracking/tracked-location.js';

/**
 * BullMQ's key prefix for a bot whose own keys start with `keyPrefix`: `{ssm-chatops:bull}` by default. BullMQ's
 * scripts touch several keys of a queue at once, so on Redis Cluster a queue's keys must share a slot; a
 * hash-tagged prefix, as BullMQ documents for clusters, does that for every queue of the bot.
 */
export function queuePrefixFor(keyPrefix: string): string {
  return `{${keyPrefix}bull}`;
}

export const QueueName = {
  /** One job per account and region with something tracked: polls it, then re-delays itself. */
  pollLocation: 'poll-location',
  /** One job per run while it has children to start: starts what its limits allow, then waits for room. */
  startChildren: 'start-children',
  /** EventBridge deliveries, one job per event id (a redelivery of one event is one job). */
  automationEvents: 'automation-events',
  /** One delayed job per change request, due when it expires; one more per scheduled change, due at its window. */
  changeExpiry: 'change-expiry',
} as const;

/** BullMQ job ids may not contain `:`. */
export const pollJobId = (location: ExecutionLocation) => `poll-${locationKey(location).replace(':', '-')}`;
export const startJobId = (runId: string) => `start-${runId}`;
export const eventJobId = (eventId: string) => `event-${eventId}`;
export const expiryJobId = (changeId: string) => `expire-${changeId}`;
export const windowJobId = (changeId: string) => `window-${changeId}`;
/** The job names on the change-expiry queue: what is due. */
export const ChangeJobName = { expire: 'expire', openWindow: 'open-window' } as const;

export interface ExpiryJobData {
  changeId: string;
}

export interface PollJobData {
  accountId: string;
  region: string;
  /** The delay before this tick, so the poller can back off while nothing moves. */
  delayMs?: number;
}

export interface StartJobData {
  runId: string;
}
