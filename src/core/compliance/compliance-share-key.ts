// The idempotency key of a compliance CSV share: one per conversation, person, scope and snapshot, so a retried
// or repeated click on the same answer shares nothing more.
import type { ComplianceScope } from '../command/ssm-command.js';

/** FNV-1a, 32 bits, as hex: the scope in a few characters (a key, not a secret). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function complianceShareKey(share: {
  channelId: string;
  userId: string;
  scope: ComplianceScope;
  readAt: Date;
}): string {
  return `compliance-csv:${share.channelId}:${share.userId}:${fnv1a(JSON.stringify(share.scope))}:${share.readAt.getTime()}`;
}
