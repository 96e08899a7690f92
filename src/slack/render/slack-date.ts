// Timestamps as Slack date tokens, so each reader sees their own time zone and the renderer stays pure.
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { formatDuration } from './format-duration.js';

/**
 * `<!date^1748826000^{date_short} {time}|2025-06-02 01:00 UTC>`: Slack shows it in the reader's time zone;
 * the UTC fallback is what clients that cannot show date tokens (and notifications) print.
 */
export function slackDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return escapeMrkdwn(iso);
  const fallback = `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(time / 1000)}^{date_short} {time}|${fallback}>`;
}

/**
 * `<!date^1748826000^{ago}|2025-06-02 01:00 UTC>`: Slack shows "in 2 hours" (or "3 minutes ago") in the reader's
 * client, kept current; a pure renderer has no clock, so the fallback is the time itself.
 */
export function slackFromNow(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return escapeMrkdwn(iso);
  return `<!date^${Math.floor(time / 1000)}^{ago}|${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

/**
 * `<!date^1748826000^{ago}|3m 20s ago>`: Slack shows "3 minutes ago" and keeps it current as readers watch, so a
 * running run's time moves steadily without an edit per second. The fallback is the time since `iso` at `now`.
 */
export function slackTimeAgo(iso: string, now: Date): string | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  return `<!date^${Math.floor(time / 1000)}^{ago}|${formatDuration(now.getTime() - time)} ago>`;
}
