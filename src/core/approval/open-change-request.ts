// openChangeRequest: a governed run becomes a change request, or is refused (reason missing, calendar closed).
import type { Approvers } from './change-event.js';
import type { CalendarState, ChangeRequest } from './change-request.js';
import type { ChangeTemplate } from './change-template-schema.js';
import { type ChangeWindow, isWindowOpen } from './change-window.js';

export interface OpenChangeInput {
  id: string;
  template: ChangeTemplate;
  /** Slack user id. */
  requester: string;
  /** The requester's Slack user groups, as the adapter read them. */
  requesterGroups: readonly string[];
  reason?: string;
  /** The requester asked for an emergency change. */
  emergency: boolean;
  /** GetCalendarState for the template's calendars; undefined when the template names none. */
  calendar: CalendarState | undefined;
  /** When the change may start, resolved against `now`; absent: as soon as it is approved. */
  window?: ChangeWindow;
  now: Date;
}

/** What the audit trail records beside the request. */
export interface OpenFlags {
  emergency: boolean;
  /** An emergency change opened while a calendar was CLOSED. */
  calendarBypassed: boolean;
  /** An emergency change of a template whose emergencies need no votes. */
  approvalsBypassed: boolean;
  /** A standard change (`autoApprove`): approved without votes. */
  autoApproved: boolean;
}

/** Why a change cannot be opened: a code and the facts; `slack/render` writes the sentence. */
export type OpenRefusal =
  /** `allowed` is who may raise one; undefined when the template has no emergency procedure. */
  | { code: 'emergency-not-allowed'; template: string; allowed?: Approvers }
  | { code: 'calendar-closed'; template: string; calendars: string[]; mayRaiseEmergency: boolean }
  | { code: 'reason-required'; template: string }
  /**
   * The window ends (or, with no end, starts) later than the template lets a change wait: `latest` is
   * `now` + `expiresAfter`.
   */
  | { code: 'window-too-long'; template: string; latest: string; expiresAfterMs: number };

export type OpenRefusalCode = OpenRefusal['code'];

export type OpenChangeResult =
  | { kind: 'opened'; request: ChangeRequest; flags: OpenFlags }
  | { kind: 'refused'; refusal: OpenRefusal };

/**
 * Opens a change request under its template. Refusals, in this order: an emergency change asked by someone
 * the template does not allow to raise one; a CLOSED calendar for a normal change (a standard change too)
 * that would start now;
 * a missing reason when the template requires one; a window reaching past the template's `expiresAfter`.
 * An opened request is `approved` at once (`scheduled` when its window opens later) when the template
 * auto-approves or lets emergencies bypass approvals, else `pending` at the first level.
 */
export function openChangeRequest(input: OpenChangeInput): OpenChangeResult {
  const { template, emergency, calendar } = input;
  const mayRaiseEmergency = mayRaiseEmergencyChange(template, input.requester, input.requesterGroups);
  if (emergency && !mayRaiseEmergency) {
    return refused({
      code: 'emergency-not-allowed',
      template: template.name,
      ...(template.emergency ? { allowed: template.emergency } : {}),
    });
  }
  const closed = calendar?.state === 'CLOSED';
  // A scheduled change meets the calendar at its start, not now: a freeze today says nothing of next week.
  if (closed && !emergency && isWindowOpen(input.window, input.now)) {
    return refused({
      code: 'calendar-closed',
      template: template.name,
      calendars: [...calendar.calendars],
      mayRaiseEmergency,
    });
  }
  const reason = input.reason?.trim() || undefined;
  if (template.reasonRequired.onRequest && !reason) {
    return refused({ code: 'reason-required', template: template.name });
  }
  const { window } = input;
  const latest = input.now.getTime() + template.expiresAfter;
  const windowLast = window && Date.parse(window.endBy ?? window.startAt);
  if (windowLast !== undefined && windowLast > latest) {
    return refused({
      code: 'window-too-long',
      template: template.name,
      latest: new Date(latest).toISOString(),
      expiresAfterMs: template.expiresAfter,
    });
  }
  const approvalsBypassed = emergency && template.emergency?.bypassApprovals === true;
  const approved = template.autoApprove || approvalsBypassed;
  const createdAt = input.now.toISOString();
  const request: ChangeRequest = {
    id: input.id,
    template: template.name,
    requester: input.requester,
    ...(reason ? { reason } : {}),
    emergency,
    createdAt,
    updatedAt: createdAt,
    // Never later than the window's end: a change must not start after it.
    expiresAt: new Date(window?.endBy ? Date.parse(window.endBy) : latest).toISOString(),
    ...(window ? { window: { ...window } } : {}),
    status: approved ? (isWindowOpen(window, input.now) ? 'approved' : 'scheduled') : 'pending',
    level: approved ? template.levels.length : 0,
    votes: [],
    ...(calendar ? { calendar: { state: calendar.state, calendars: [...calendar.calendars] } } : {}),
    version: 1,
  };
  return {
    kind: 'opened',
    request,
    flags: {
      emergency,
      calendarBypassed: emergency && closed,
      approvalsBypassed,
      autoApproved: template.autoApprove,
    },
  };
}

function mayRaiseEmergencyChange(
  template: ChangeTemplate,
  requester: string,
  requesterGroups: readonly string[],
): boolean {
  const allowed = template.emergency;
  if (!allowed) return false;
  return (
    (allowed.users?.includes(requester) ?? false) ||
    (allowed.userGroups?.some((group) => requesterGroups.includes(group)) ?? false)
  );
}

const refused = (refusal: OpenRefusal): OpenChangeResult => ({ kind: 'refused', refusal });
