// Timestamps in Automation events: ISO 8601, or the "Nov 29, 2024 7:43:25 PM" form SSM writes in `detail`.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Java's date pattern `MMM d, yyyy h mm ss a` (hours, minutes and seconds colon-separated), as in AWS's published examples of the events' StartTime and EndTime. */
const SSM_DETAIL = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/;

/**
 * The instant `text` names, as an ISO 8601 string; undefined when it is neither form or not a real date.
 * SSM's detail form carries no zone: it is read as UTC, the zone AWS services write these in.
 */
export function parseAutomationTime(text: string): string | undefined {
  if (ISO.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  const match = SSM_DETAIL.exec(text);
  if (!match) return undefined;
  const [, monthName, day, year, hour, minute, second, half] = match;
  const month = MONTHS.indexOf(monthName!);
  const hour12 = Number(hour);
  if (month < 0 || hour12 < 1 || hour12 > 12) return undefined;
  const hour24 = (hour12 % 12) + (half === 'PM' ? 12 : 0);
  const date = new Date(Date.UTC(Number(year), month, Number(day), hour24, Number(minute), Number(second)));
  // Date.UTC rolls Feb 31 over into March; a date that does not round-trip is not a real date.
  if (date.getUTCDate() !== Number(day) || date.getUTCMinutes() !== Number(minute)) return undefined;
  if (date.getUTCSeconds() !== Number(second)) return undefined;
  return date.toISOString();
}
