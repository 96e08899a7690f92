// decideChangeEvent: the change-request state machine — one event in, the next request or a refusal out.
import type { ChangeDecision, ChangeEvent, ChangeOutcome, ChangeRefusal, LevelRef } from './change-event.js';
import type { CalendarState, ChangeRequest } from './change-request.js';
import type { ChangeLevel, ChangeTemplate } from './change-template-schema.js';
import { isWindowOpen } from './change-window.js';

/**
 * Applies one event to a request under its template. A refusal is a value, never an exception; the store
 * applies a change only if the request's `version` is still the one decided on, which is what makes a
 * start happen once however many clicks, retries and replicas race.
 *
 * One person, one vote: whoever voted at any level of a change can neither approve nor reject it again, so
 * "two approvals" always means two people, and a level cannot be passed by someone who already passed the
 * one before it.
 */
export function decideChangeEvent(
  request: ChangeRequest,
  template: ChangeTemplate,
  event: ChangeEvent,
): ChangeDecision {
  if (request.template !== template.name) {
    throw new Error(`change ${request.id} is governed by ${request.template}, not ${template.name}`);
  }
  switch (event.type) {
    case 'approve':
      return approve(request, template, event);
    case 'reject':
      return reject(request, template, event);
    case 'withdraw':
      return withdraw(request, event);
    case 'expire':
      return expire(request, event);
    case 'window-opened':
      if (request.status !== 'scheduled') return refused({ code: 'not-scheduled', status: request.status });
      if (!isWindowOpen(request.window, event.at)) {
        return refused({ code: 'window-not-open', startAt: request.window?.startAt ?? '' });
      }
      return changed(request, event.at, 'window-opened', { status: 'approved' });
    case 'calendar-checked':
      return checkCalendar(request, event);
    case 'start':
      if (request.status === 'approved') {
        return changed(request, event.at, 'started', {
          status: 'started',
          runId: event.runId,
          startedAt: event.at.toISOString(),
        });
      }
      return startRefusal(request);
    case 'start-lapsed':
      if (request.status !== 'started') {
        return refused({ code: 'not-started', status: request.status });
      }
      if (request.endedAt) return refused({ code: 'already-ended' });
      // No run exists under runId: the request no longer names one.
      return changed(request, event.at, 'start-lapsed', {
        status: 'expired',
        runId: undefined,
        startedAt: undefined,
      });
    case 'run-ended':
      if (request.status !== 'started') {
        return refused({ code: 'not-started', status: request.status });
      }
      if (request.endedAt) return refused({ code: 'already-ended' });
      return changed(request, event.at, 'run-ended', { endedAt: event.at.toISOString() });
  }
}

function approve(
  request: ChangeRequest,
  template: ChangeTemplate,
  event: Extract<ChangeEvent, { type: 'approve' }>,
): ChangeDecision {
  const closed = refuseUnlessVotable(request, event.at);
  if (closed) return closed;
  if (event.voter === request.requester && !template.allowSelfApproval) {
    return refused({ code: 'self-approval', template: template.name });
  }
  const ballot = refuseUnlessEligible(request, template, event);
  if (ballot.kind === 'refused') return ballot;
  const votes = [...request.votes, { level: request.level, userId: event.voter, at: event.at.toISOString() }];
  const atLevel = votes.filter((vote) => vote.level === request.level).length;
  if (atLevel < ballot.level.minApprovals) return changed(request, event.at, 'vote-recorded', { votes });
  const next = request.level + 1;
  if (next < template.levels.length) {
    return changed(request, event.at, 'level-approved', { votes, level: next });
  }
  // Approved before its window: it waits for the window, holding its locks; inside the window it goes on at once.
  if (!isWindowOpen(request.window, event.at)) {
    return changed(request, event.at, 'scheduled', { votes, level: next, status: 'scheduled' });
  }
  return changed(request, event.at, 'approved', { votes, level: next, status: 'approved' });
}

function reject(
  request: ChangeRequest,
  template: ChangeTemplate,
  event: Extract<ChangeEvent, { type: 'reject' }>,
): ChangeDecision {
  const closed = refuseUnlessVotable(request, event.at);
  if (closed) return closed;
  if (event.voter === request.requester) {
    return refused({ code: 'self-rejection' });
  }
  const ballot = refuseUnlessEligible(request, template, event);
  if (ballot.kind === 'refused') return ballot;
  const reason = event.reason?.trim() || undefined;
  if (template.reasonRequired.onReject && !reason) {
    return refused({ code: 'reason-required', template: template.name });
  }
  return changed(request, event.at, 'rejected', {
    status: 'rejected',
    rejection: { by: event.voter, ...(reason ? { reason } : {}), at: event.at.toISOString() },
  });
}

function withdraw(request: ChangeRequest, event: Extract<ChangeEvent, { type: 'withdraw' }>): ChangeDecision {
  if (event.by !== request.requester) {
    return refused({ code: 'not-requester', requester: request.requester });
  }
  if (['pending', 'scheduled', 'approved', 'held'].includes(request.status)) {
    return changed(request, event.at, 'withdrawn', { status: 'withdrawn' });
  }
  return refused({ code: 'not-withdrawable', status: request.status });
}

/**
 * Pending, scheduled and held changes expire when their time is up. An approved one waiting for a lock does
 * too when its window has an end: it must not start after `endBy`.
 */
function expire(request: ChangeRequest, event: Extract<ChangeEvent, { type: 'expire' }>): ChangeDecision {
  const expirable =
    request.status === 'pending' ||
    request.status === 'scheduled' ||
    request.status === 'held' ||
    (request.status === 'approved' && request.window?.endBy !== undefined);
  if (!expirable) {
    return refused({ code: 'not-pending', status: request.status });
  }
  if (!isDue(request, event.at)) {
    return refused({ code: 'not-due', expiresAt: request.expiresAt });
  }
  return changed(request, event.at, 'expired', { status: 'expired' });
}

function checkCalendar(
  request: ChangeRequest,
  event: Extract<ChangeEvent, { type: 'calendar-checked' }>,
): ChangeDecision {
  const calendar: CalendarState = { state: event.state, calendars: [...event.calendars] };
  if (request.status === 'approved' && event.state === 'CLOSED' && !request.emergency) {
    return changed(request, event.at, 'held', {
      status: 'held',
      calendar,
      held: { at: event.at.toISOString() },
    });
  }
  if (request.status === 'held' && event.state === 'OPEN') {
    if (isDue(request, event.at)) {
      return refused({ code: 'expired', expiresAt: request.expiresAt, whileHeld: true });
    }
    return changed(request, event.at, 'released', { status: 'approved', calendar, held: undefined });
  }
  return refused({ code: 'nothing-to-do', calendar: event.state, status: request.status });
}

/** Approve and reject need a pending request whose time has not run out. */
function refuseUnlessVotable(request: ChangeRequest, at: Date): ChangeDecision | undefined {
  if (request.status === 'expired' || (request.status === 'pending' && isDue(request, at))) {
    return refused({ code: 'expired', expiresAt: request.expiresAt });
  }
  if (request.status !== 'pending') {
    return refused({
      code: 'not-pending',
      status: request.status,
      ...(request.rejection ? { rejectedBy: request.rejection.by } : {}),
    });
  }
  return undefined;
}

/** One person, one vote; then the voter must be an approver of the level being asked. */
function refuseUnlessEligible(
  request: ChangeRequest,
  template: ChangeTemplate,
  voter: { voter: string; voterGroups: readonly string[] },
): { kind: 'eligible'; level: ChangeLevel } | Extract<ChangeDecision, { kind: 'refused' }> {
  const earlier = request.votes.find((vote) => vote.userId === voter.voter);
  if (earlier) {
    return refused({ code: 'already-voted', level: levelRef(template, earlier.level) });
  }
  const level = template.levels[request.level];
  if (!level) {
    return refused({ code: 'level-removed', template: template.name, level: { index: request.level } });
  }
  if (isApprover(level, voter)) return { kind: 'eligible', level };
  const later = template.levels.findIndex(
    (other, index) => index > request.level && isApprover(other, voter),
  );
  return refused({
    code: 'not-eligible',
    level: levelRef(template, request.level),
    approvers: level.approvers,
    ...(later >= 0 ? { laterLevel: levelRef(template, later) } : {}),
  });
}

function isApprover(level: ChangeLevel, voter: { voter: string; voterGroups: readonly string[] }): boolean {
  const { users, userGroups } = level.approvers;
  return (
    (users?.includes(voter.voter) ?? false) ||
    (userGroups?.some((group) => voter.voterGroups.includes(group)) ?? false)
  );
}

/** A level of the template, with its name when it has one. */
function levelRef(template: ChangeTemplate, index: number): LevelRef {
  const name = template.levels[index]?.name;
  return { index, ...(name ? { name } : {}) };
}

function startRefusal(request: ChangeRequest): ChangeDecision {
  if (request.status === 'started') return refused({ code: 'already-started', runId: request.runId });
  if (request.status === 'held')
    return refused({ code: 'held', calendars: request.calendar?.calendars ?? [] });
  if (request.status === 'scheduled')
    return refused({ code: 'window-not-open', startAt: request.window?.startAt ?? '' });
  return refused({ code: 'not-approved', status: request.status });
}

const isDue = (request: ChangeRequest, at: Date): boolean => at.getTime() >= Date.parse(request.expiresAt);

function changed(
  request: ChangeRequest,
  at: Date,
  outcome: ChangeOutcome,
  fields: Partial<ChangeRequest>,
): ChangeDecision {
  const next: ChangeRequest = {
    ...request,
    ...fields,
    updatedAt: at.toISOString(),
    version: request.version + 1,
  };
  // A field set to undefined is removed, so the request stays plain JSON.
  for (const key of Object.keys(fields) as Array<keyof ChangeRequest>) {
    if (next[key] === undefined) delete next[key];
  }
  return { kind: 'changed', request: next, outcome };
}

function refused(refusal: ChangeRefusal): Extract<ChangeDecision, { kind: 'refused' }> {
  return { kind: 'refused', refusal };
}
