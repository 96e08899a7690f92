// describeClosedCalendars: a Slack clause saying which change calendars keep a change from starting.
import { inlineCode } from './escape-mrkdwn.js';

/**
 * E.g. "The change calendar `ProductionFreeze` is CLOSED"; without a final period, to be continued.
 * `midSentence` starts it in lower case, for after a colon.
 */
export function describeClosedCalendars(calendars: readonly string[], midSentence = false): string {
  const names = calendars.map(inlineCode);
  const clause =
    names.length === 0
      ? 'A change calendar is CLOSED'
      : names.length === 1
        ? `The change calendar ${names[0]} is CLOSED`
        : `The change calendars ${names.join(', ')} are not all OPEN`;
  return midSentence ? clause[0]!.toLowerCase() + clause.slice(1) : clause;
}
