// The outbox's Redis keys, in one place so the outbox, its worker and tests agree.
import { checkedKeyPrefix } from '../../store/key-slot.js';

/**
 * Every key of the outbox under `prefix` (default `ssm-chatops:`). A message's hash is read and written alone,
 * so messages spread over a cluster's slots. The pacing keys share the hash tag `{outbox-permits}`: a permit is
 * taken in one script that reads the method's block, moves its bucket and records the message's reservation, so
 * on Redis Cluster they must share a slot; it runs once per Slack call, at Slack's pace.
 */
export interface OutboxKeys {
  /** Hash `{prefix}outbox:message:<key>`: the desired message and its delivery state (outbox-record.ts). */
  message(key: string): string;
  /**
   * String `{prefix}{outbox-permits}:bucket:<method>[:<channel>]`: the send-permit bucket of a method (per
   * channel for chat.postMessage): its next free slot, ms.
   */
  bucket(method: string, channel?: string): string;
  /** String `{prefix}{outbox-permits}:blocked:<method>`: until when (ms) Slack said to stop (429, Retry-After). */
  blocked(method: string): string;
  /**
   * Hash `{prefix}{outbox-permits}:reservation:<key>`: the slot a waiting message holds in a bucket
   * (`permitMethod`, `permitAt`), expiring a while after that slot.
   */
  reservation(key: string): string;
}

export function outboxKeys(prefix: string): OutboxKeys {
  const permits = `${checkedKeyPrefix(prefix)}{outbox-permits}`;
  return {
    message: (key) => `${prefix}outbox:message:${key}`,
    bucket: (method, channel) => `${permits}:bucket:${method}${channel ? `:${channel}` : ''}`,
    blocked: (method) => `${permits}:blocked:${method}`,
    reservation: (key) => `${permits}:reservation:${key}`,
  };
}
