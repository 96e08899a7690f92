// The Redis keys of the Slack replay guard (http/slack-replay-guard.ts), in one place with the other layouts.
import { checkedKeyPrefix } from './key-slot.js';

/**
 * The replay guard's keys under `prefix`, with the one hash tag `{slack-requests}`: both are remembered by one
 * script before every ack (one round trip), so on Redis Cluster they share a slot. They live minutes (PX).
 */
export interface SlackRequestKeys {
  /** String `{prefix}{slack-requests}:seen:<signature>`: the request timestamp of an exact request. */
  seen(signature: string): string;
  /** String `{prefix}{slack-requests}:delivery:<sha256 of the body>`: the signature of a delivery. */
  delivery(bodyDigest: string): string;
}

export function slackRequestKeys(prefix: string): SlackRequestKeys {
  const tagged = `${checkedKeyPrefix(prefix)}{slack-requests}`;
  return {
    seen: (signature) => `${tagged}:seen:${signature}`,
    delivery: (bodyDigest) => `${tagged}:delivery:${bodyDigest}`,
  };
}
