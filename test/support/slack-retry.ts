// A Slack delivery sent by hand, as Slack sends it and as it retries it: every attempt signed anew with its own
// timestamp (the bot refuses an exact copy of a request it has taken), a retry marked with X-Slack-Retry-Num.
import { createHmac } from 'node:crypto';

/** Headers of attempt `attempt` (0: the first delivery) of `body`, signed with `signingSecret`. */
export function slackDeliveryHeaders(
  signingSecret: string,
  body: string,
  attempt = 0,
): Record<string, string> {
  // Attempts a second apart, in the past, so two attempts of one body never share a signature.
  const timestamp = Math.floor(Date.now() / 1000) - attempt;
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${signature}`,
    ...(attempt > 0 ? { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': 'http_timeout' } : {}),
  };
}

/** The form body Slack posts for an interaction payload. */
export const interactionBody = (payload: unknown) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
