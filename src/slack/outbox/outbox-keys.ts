// The outbox's Redis keys, in one place so the outbox, its worker and tests agree.

/** Every key of the outbox under `prefix` (default `ssm-chatops:`). */
export interface OutboxKeys {
  /** Hash: the desired message and its delivery state (fields in outbox-record.ts). */
  message(key: string): string;
  /** String: the send-permit bucket of a method (per channel for chat.postMessage): its next free slot, ms. */
  bucket(method: string, channel?: string): string;
  /** String: until when (ms) Slack told us to stop calling a method (HTTP 429, Retry-After). */
  blocked(method: string): string;
}

export function outboxKeys(prefix: string): OutboxKeys {
  return {
    message: (key) => `${prefix}outbox:message:${key}`,
    bucket: (method, channel) => `${prefix}outbox:bucket:${method}${channel ? `:${channel}` : ''}`,
    blocked: (method) => `${prefix}outbox:blocked:${method}`,
  };
}
