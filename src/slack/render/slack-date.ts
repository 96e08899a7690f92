// Timestamps as Slack date tokens, so each reader sees their own time zone and the renderer stays pure.
import { escapeMrkdwn } from './escape-mrkdwn.js';

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
