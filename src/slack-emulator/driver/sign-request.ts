// Slack's request signature: `v0=` + hex HMAC-SHA256(signing secret, `v0:<timestamp>:<raw body>`).
import { createHmac } from 'node:crypto';

export function signRequest(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${rawBody}`)
    .digest('hex');
  return `v0=${digest}`;
}
