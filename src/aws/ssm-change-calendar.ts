// ChangeCalendar over SSM: GetCalendarState in the operations account's home region, asked at the moment it
// matters (a request, a final approval, a held change's re-check), never cached: a freeze starts on the minute.
import { GetCalendarStateCommand } from '@aws-sdk/client-ssm';
import type { CalendarState } from '../core/approval/change-request.js';
import type { CalendarOutlook, ChangeCalendar } from '../ports.js';
import type { AwsClients } from './aws-clients.js';

export class SsmChangeCalendar implements ChangeCalendar {
  constructor(private readonly clients: AwsClients) {}

  async state(calendars: readonly string[]): Promise<CalendarState> {
    const client = this.clients.ssm(this.clients.homeRegion);
    const answer = await client.send(new GetCalendarStateCommand({ CalendarNames: [...calendars] }));
    // SSM answers OPEN only when every calendar is open; anything else (CLOSED) stops a normal change.
    return { state: answer.State === 'OPEN' ? 'OPEN' : 'CLOSED', calendars: [...calendars] };
  }

  async outlook(calendar: string): Promise<CalendarOutlook> {
    const client = this.clients.ssm(this.clients.homeRegion);
    const answer = await client.send(new GetCalendarStateCommand({ CalendarNames: [calendar] }));
    return {
      calendar,
      state: answer.State === 'OPEN' ? 'OPEN' : 'CLOSED',
      ...(answer.NextTransitionTime && { nextTransitionAt: answer.NextTransitionTime }),
    };
  }
}
