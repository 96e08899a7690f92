// describeChangeOutcome: each transition of a change as one audit entry (action, level, votes, reason, calendars)
// and one note for the request's thread, keyed by the change's version so it is posted once.
import { describe, expect, it } from 'vitest';
import type { ChangeRequest } from '../../src/core/approval/change-request.js';
import type { AuditActor } from '../../src/core/audit/audit-entry.js';
import { describeChangeOutcome } from '../../src/use-cases/describe-change-outcome.js';
import { aChangeTemplate, EXPIRES_AT, GROUPS, PEOPLE } from '../support/approval-builders.js';
import { aStoredChange } from '../support/stored-change-builder.js';

const ID = 'chg-4f7h2k9p';
const AT = '2026-06-02T02:00:00.000Z';
/** Level 1 needs two SRE leads; level 2 one of carol and dave. */
const template = aChangeTemplate({
  levels: [
    { name: 'SRE leads', approvers: { userGroups: [GROUPS.sreLeads] }, minApprovals: 2 },
    { name: 'Security', approvers: { users: [PEOPLE.carol, PEOPLE.dave] } },
  ],
});
const person = (userId: string): AuditActor => ({ kind: 'user', userId });
const SYSTEM: AuditActor = { kind: 'system', name: 'ssm-chatops' };
const SRE = { index: 0, name: 'SRE leads' };
const SECURITY = { index: 1, name: 'Security' };

const describeAfter = (
  request: Partial<ChangeRequest>,
  outcome: Parameters<typeof describeChangeOutcome>[2],
  actor: AuditActor,
) => describeChangeOutcome(aStoredChange({ request: { version: 4, ...request } }), template, outcome, actor);

describe('describeChangeOutcome', () => {
  it('when a vote leaves the level short, then the entry and the note count the votes at that level', () => {
    const described = describeAfter(
      { level: 0, votes: [{ level: 0, userId: PEOPLE.bob, at: AT }] },
      'vote-recorded',
      person(PEOPLE.bob),
    );

    expect(described.audit).toEqual({
      action: 'change.vote',
      actor: person(PEOPLE.bob),
      subject: { changeId: ID },
      runbook: 'AWS-RestartEC2Instance',
      template: 'prod-change',
      outcome: 'pending',
      level: SRE,
      votes: { count: 1, required: 2 },
    });
    expect(described.thread).toEqual({
      key: 'v4',
      note: { kind: 'vote-recorded', by: PEOPLE.bob, level: SRE, votes: 1, required: 2 },
    });
  });

  it('when a vote satisfies a level, then both name the level just satisfied, and the note the next one', () => {
    const votes = [PEOPLE.bob, PEOPLE.carol].map((userId) => ({ level: 0, userId, at: AT }));
    const described = describeAfter({ level: 1, votes }, 'level-approved', person(PEOPLE.carol));

    expect(described.audit).toMatchObject({
      action: 'change.level-approved',
      level: SRE,
      votes: { count: 2, required: 2 },
    });
    expect(described.thread?.note).toEqual({
      kind: 'level-approved',
      by: PEOPLE.carol,
      satisfied: SRE,
      next: SECURITY,
    });
  });

  it('when the last level approves, then the entry names that level and the note the last voter', () => {
    const votes = [
      { level: 0, userId: PEOPLE.bob, at: AT },
      { level: 0, userId: PEOPLE.carol, at: AT },
      { level: 1, userId: PEOPLE.dave, at: AT },
    ];
    const described = describeAfter({ status: 'approved', level: 2, votes }, 'approved', person(PEOPLE.dave));

    expect(described.audit).toMatchObject({
      action: 'change.approved',
      outcome: 'approved',
      level: SECURITY,
      votes: { count: 1, required: 1 },
    });
    expect(described.thread?.note).toEqual({ kind: 'approved', by: PEOPLE.dave });
  });

  it('when a change is approved without votes (an emergency), then neither names a level or a voter', () => {
    const described = describeAfter({ status: 'approved', emergency: true }, 'approved', SYSTEM);

    expect(described.audit).not.toHaveProperty('level');
    expect(described.audit).not.toHaveProperty('votes');
    expect(described.thread?.note).toEqual({ kind: 'approved' });
  });

  it('when it is rejected with a reason, then the reason is a field of the entry and part of the note', () => {
    const described = describeAfter(
      { status: 'rejected', rejection: { by: PEOPLE.bob, at: AT, reason: 'Not during the sale' } },
      'rejected',
      person(PEOPLE.bob),
    );

    expect(described.audit).toMatchObject({ action: 'change.rejected', reason: 'Not during the sale' });
    expect(described.thread?.note).toEqual({
      kind: 'rejected',
      by: PEOPLE.bob,
      reason: 'Not during the sale',
    });
  });

  it('when the calendar holds it, then the entry lists the calendars and the note says until when it may wait', () => {
    const described = describeAfter(
      { status: 'held', calendar: { state: 'CLOSED', calendars: ['ProductionFreeze'] } },
      'held',
      SYSTEM,
    );

    expect(described.audit).toMatchObject({
      action: 'change.held',
      actor: SYSTEM,
      outcome: 'held',
      details: { calendars: ['ProductionFreeze'] },
    });
    expect(described.thread?.note).toEqual({
      kind: 'held',
      calendars: ['ProductionFreeze'],
      expiresAt: EXPIRES_AT,
    });
  });

  it.each([
    ['withdrawn', 'withdrawn', 'change.withdrawn', { kind: 'withdrawn', by: PEOPLE.requester }],
    ['expired', 'expired', 'change.expired', { kind: 'expired' }],
    ['released', 'approved', 'change.released', { kind: 'released' }],
  ] as const)('when it is %s, then the entry is %s and the note says so', (outcome, status, action, note) => {
    const actor = outcome === 'withdrawn' ? person(PEOPLE.requester) : SYSTEM;
    const described = describeAfter({ status }, outcome, actor);

    expect(described.audit).toMatchObject({ action, actor, outcome: status });
    expect(described.thread).toEqual({ key: 'v4', note });
  });

  it('when its start is claimed, then neither is written here: proceedWithChange announces the run', () => {
    expect(describeAfter({ status: 'started', runId: 'run-4f7h2k9p' }, 'started', SYSTEM)).toEqual({});
  });

  it('when its run ends, then the thread names the run, and the run’s own entry is the audit', () => {
    const described = describeAfter(
      { status: 'started', runId: 'run-4f7h2k9p', endedAt: AT },
      'run-ended',
      SYSTEM,
    );

    expect(described.audit).toBeUndefined();
    expect(described.thread?.note).toEqual({ kind: 'run-ended', runId: 'run-4f7h2k9p' });
  });
});
