// decideChangeEvent: the change-request state machine — one event in, the next request or a refusal out.
import type { ChangeDecision, ChangeEvent, ChangeOutcome, ChangeRefusalCode } from './change-event.js';
import type { CalendarState, ChangeRequest, ChangeStatus } from './change-request.js';
import type { ChangeLevel, ChangeTemplate } from './change-template-schema.js';
import { describeClosedCalendars } from './describe-closed-calendars.js';
import { mentionApprovers } from './mention-approvers.js';

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
    case 'run-ended':
      if (request.status !== 'started') {
        return refused('not-started', `This change has not started (it is ${request.status}).`);
      }
      if (request.endedAt) return refused('already-ended', 'The run of this change has already ended.');
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
    return refused(
      'self-approval',
      `You cannot approve your own change: \`${template.name}\` needs someone else.`,
    );
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
    return refused('self-rejection', 'You cannot reject your own change: withdraw it instead.');
  }
  const ballot = refuseUnlessEligible(request, template, event);
  if (ballot.kind === 'refused') return ballot;
  const reason = event.reason?.trim() || undefined;
  if (template.reasonRequired.onReject && !reason) {
    return refused('reason-required', `Rejecting a \`${template.name}\` change needs a reason: say why.`);
  }
  return changed(request, event.at, 'rejected', {
    status: 'rejected',
    rejection: { by: event.voter, ...(reason ? { reason } : {}), at: event.at.toISOString() },
  });
}

function withdraw(request: ChangeRequest, event: Extract<ChangeEvent, { type: 'withdraw' }>): ChangeDecision {
  if (event.by !== request.requester) {
    return refused('not-requester', `Only the requester, <@${request.requester}>, can withdraw this change.`);
  }
  if (request.status === 'pending' || request.status === 'approved' || request.status === 'held') {
    return changed(request, event.at, 'withdrawn', { status: 'withdrawn' });
  }
  const why =
    request.status === 'started'
      ? 'it has already started: cancel the run instead.'
      : `it is already ${request.status}.`;
  return refused('not-withdrawable', `This change cannot be withdrawn: ${why}`);
}

function expire(request: ChangeRequest, event: Extract<ChangeEvent, { type: 'expire' }>): ChangeDecision {
  if (request.status !== 'pending' && request.status !== 'held') {
    return refused('not-pending', `This change does not expire: it is ${request.status}.`);
  }
  if (!isDue(request, event.at)) {
    return refused(
      'not-due',
      `This change is not due to expire yet: it expires ${slackTime(request.expiresAt)}.`,
    );
  }
  return changed(request, event.at, 'expired', { status: 'expired' });
}

function checkCalendar(
  request: ChangeRequest,
  event: Extract<ChangeEvent, { type: 'calendar-checked' }>,
): ChangeDecision {
  const calendar: CalendarState = { state: event.state, calendars: [...event.calendars] };
  if (request.status === 'approved' && event.state === 'CLOSED' && !request.emergency) {
    const reason = `${describeClosedCalendars(event.calendars)}: the start waits for it to open, or until the change expires ${slackTime(request.expiresAt)}.`;
    return changed(request, event.at, 'held', {
      status: 'held',
      calendar,
      held: { reason, at: event.at.toISOString() },
    });
  }
  if (request.status === 'held' && event.state === 'OPEN') {
    if (isDue(request, event.at)) {
      return refused('expired', `This change expired ${slackTime(request.expiresAt)} while it was held.`);
    }
    return changed(request, event.at, 'released', { status: 'approved', calendar, held: undefined });
  }
  return refused(
    'nothing-to-do',
    `The calendar being ${event.state} changes nothing for this change (it is ${request.status}).`,
  );
}

/** Approve and reject need a pending request whose time has not run out. */
function refuseUnlessVotable(request: ChangeRequest, at: Date): ChangeDecision | undefined {
  if (request.status === 'expired' || (request.status === 'pending' && isDue(request, at))) {
    return refused(
      'expired',
      `This change expired ${slackTime(request.expiresAt)}: ask for it again if it is still needed.`,
    );
  }
  if (request.status !== 'pending') return refused('not-pending', notPendingMessage(request));
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
    return refused(
      'already-voted',
      `You already approved this change at ${levelLabel(template, earlier.level)}: one person has one vote.`,
    );
  }
  const level = template.levels[request.level];
  if (!level) {
    return refused(
      'not-eligible',
      `\`${template.name}\` no longer has a level ${request.level + 1}: the requester should withdraw this change and ask again.`,
    );
  }
  if (isApprover(level, voter)) return { kind: 'eligible', level };
  const later = template.levels.findIndex(
    (other, index) => index > request.level && isApprover(other, voter),
  );
  const hint =
    later >= 0
      ? ` You approve at ${levelLabel(template, later)}, which is asked once ${levelLabel(template, request.level)} is satisfied.`
      : '';
  return refused(
    'not-eligible',
    `This change is waiting for ${levelLabel(template, request.level)}, which ${mentionApprovers(level.approvers)} may approve; you are not one of them.${hint}`,
  );
}

function isApprover(level: ChangeLevel, voter: { voter: string; voterGroups: readonly string[] }): boolean {
  const { users, userGroups } = level.approvers;
  return (
    (users?.includes(voter.voter) ?? false) ||
    (userGroups?.some((group) => voter.voterGroups.includes(group)) ?? false)
  );
}

/** "level 1 (SRE leads)", counting from 1 as people do. */
function levelLabel(template: ChangeTemplate, index: number): string {
  const name = template.levels[index]?.name;
  return `level ${index + 1}${name ? ` (${name})` : ''}`;
}

function notPendingMessage(request: ChangeRequest): string {
  const messages: Record<Exclude<ChangeStatus, 'pending' | 'expired'>, string> = {
    approved: 'This change is already approved: there is nothing left to vote on.',
    held: 'This change is already approved and waits for its calendar: there is nothing left to vote on.',
    started: 'This change has already started: there is nothing left to vote on.',
    rejected: `This change was rejected by <@${request.rejection?.by ?? 'unknown'}>.`,
    withdrawn: 'This change was withdrawn by its requester.',
  };
  return messages[request.status as keyof typeof messages];
}

function startRefusal(request: ChangeRequest): ChangeDecision {
  if (request.status === 'started') {
    return refused('already-started', `This change has already started (run ${request.runId}).`);
  }
  if (request.status === 'held') return refused('held', `This change is held: ${request.held?.reason}`);
  return refused('not-approved', `This change cannot start: it is ${request.status}, not approved.`);
}

/** "at <date and time>" in each reader's own time zone, the ISO time where Slack cannot format it. */
function slackTime(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `at <!date^${seconds}^{date_short_pretty} {time}|${iso}>`;
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

function refused(code: ChangeRefusalCode, message: string): Extract<ChangeDecision, { kind: 'refused' }> {
  return { kind: 'refused', code, message };
}
