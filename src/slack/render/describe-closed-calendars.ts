// describeClosedCalendars: the start of a Slack sentence saying which change calendars keep a change from starting.
import { inlineCode } from './escape-mrkdwn.js';

/** E.g. "The change calendar `ProductionFreeze` is CLOSED"; without a final period, to be continued. */
export function describeClosedCalendars(calendars: readonly string[]): string {
  const names = calendars.map(inlineCode);
  if (names.length === 0) return 'A change calendar is CLOSED';
  if (names.length === 1) return `The change calendar ${names[0]} is CLOSED`;
  return `The change calendars ${names.join(', ')} are not all OPEN`;
}
