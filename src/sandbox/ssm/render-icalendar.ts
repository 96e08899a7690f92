// Renders a fixture change calendar as the iCalendar text a Change Calendar document holds.
import { createHash } from 'node:crypto';

export interface CalendarEvent {
  summary: string;
  start: Date;
  end: Date;
}

export interface CalendarDefinition {
  name: string;
  defaultState: 'OPEN' | 'CLOSED';
  events: CalendarEvent[];
}

/**
 * The iCalendar (RFC 5545) text of a calendar, with the `X-CALENDAR-TYPE` property Change Calendar
 * uses to say whether the calendar is open or closed by default. Lines end in CRLF as the RFC requires.
 */
export function renderICalendar(calendar: CalendarDefinition, stampedAt: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//AWS//Change Calendar 1.0//EN',
    'VERSION:2.0',
    `X-CALENDAR-TYPE:DEFAULT_${calendar.defaultState}`,
    `X-WR-CALDESC:${escapeText(calendar.name)}`,
  ];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${eventUid(calendar.name, event)}`,
      'SEQUENCE:0',
      `DTSTAMP:${icsTime(stampedAt)}`,
      `DTSTART:${icsTime(event.start)}`,
      `DTEND:${icsTime(event.end)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

/** UTC date-time form: 20261220T000000Z. */
function icsTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Stable across reloads, so the document hash only changes when the calendar does. */
function eventUid(calendarName: string, event: CalendarEvent): string {
  const digest = createHash('sha256')
    .update(`${calendarName}|${event.summary}|${event.start.toISOString()}|${event.end.toISOString()}`)
    .digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
}

function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}
