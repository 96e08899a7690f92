// The change-request state machine: every status × every event, then the rules that make approvals rigorous.

import { describe, expect, it } from 'vitest';
import type { ChangeDecision, ChangeEvent } from '../../src/core/approval/change-event.js';
import type { ChangeRequest, ChangeStatus } from '../../src/core/approval/change-request.js';
import { decideChangeEvent } from '../../src/core/approval/decide-change-event.js';
import { eligibleApprovers } from '../../src/core/approval/eligible-approvers.js';
import { changeRefusalText } from '../../src/slack/render/render-change-refusal.js';
import {
  aChangeRequest,
  aChangeTemplate,
  CREATED_AT,
  EXPIRES_AT,
  GROUPS,
  PEOPLE,
} from '../support/approval-builders.js';

const template = aChangeTemplate();
const BEFORE_EXPIRY = new Date('2026-06-02T09:00:00.000Z');
const AT_EXPIRY = new Date(EXPIRES_AT);
const JUST_BEFORE_EXPIRY = new Date(AT_EXPIRY.getTime() - 1);
const FREEZE = ['ProductionFreeze'];

const bob = { voter: PEOPLE.bob, voterGroups: [GROUPS.sreLeads] };
const carol = { voter: PEOPLE.carol, voterGroups: [GROUPS.sreLeads] };
const dave = { voter: PEOPLE.dave, voterGroups: [GROUPS.security] };

const vote = (userId: string, level: number) => ({ level, userId, at: '2026-06-02T02:00:00.000Z' });
const bothLevelsVoted = [vote(PEOPLE.bob, 0), vote(PEOPLE.dave, 1)];

/** One request in each status, as the state machine would have left it. */
const IN_STATUS: Record<ChangeStatus, ChangeRequest> = {
  pending: aChangeRequest(),
  scheduled: aChangeRequest({
    status: 'scheduled',
    level: 2,
    votes: bothLevelsVoted,
    window: { startAt: '2026-06-02T08:00:00.000Z' },
  }),
  approved: aChangeRequest({ status: 'approved', level: 2, votes: bothLevelsVoted }),
  held: aChangeRequest({
    status: 'held',
    level: 2,
    votes: bothLevelsVoted,
    held: { at: '2026-06-02T03:00:00.000Z' },
    calendar: { state: 'CLOSED', calendars: ['ProductionFreeze'] },
  }),
  started: aChangeRequest({ status: 'started', level: 2, votes: bothLevelsVoted, runId: 'run-7k3m9q2x' }),
  rejected: aChangeRequest({
    status: 'rejected',
    rejection: { by: PEOPLE.bob, reason: 'Not during the sale', at: '2026-06-02T02:00:00.000Z' },
  }),
  withdrawn: aChangeRequest({ status: 'withdrawn' }),
  expired: aChangeRequest({ status: 'expired' }),
};

/** Each kind of event, well formed, so that only the status decides. The expiry job runs when it is due. */
const EVENTS: Record<string, ChangeEvent> = {
  approve: { type: 'approve', ...bob, at: BEFORE_EXPIRY },
  reject: { type: 'reject', ...bob, reason: 'Not during the sale', at: BEFORE_EXPIRY },
  withdraw: { type: 'withdraw', by: PEOPLE.requester, at: BEFORE_EXPIRY },
  expire: { type: 'expire', at: AT_EXPIRY },
  'calendar CLOSED': { type: 'calendar-checked', state: 'CLOSED', calendars: FREEZE, at: BEFORE_EXPIRY },
  'calendar OPEN': { type: 'calendar-checked', state: 'OPEN', calendars: FREEZE, at: BEFORE_EXPIRY },
  start: { type: 'start', runId: 'run-9x8w7v6u', at: BEFORE_EXPIRY },
  'run-ended': { type: 'run-ended', at: BEFORE_EXPIRY },
  'window-opened': { type: 'window-opened', at: BEFORE_EXPIRY },
};

/** `→ status (outcome)` when the request changes, `✗ code` when the event is refused. */
const EXPECTED: Record<ChangeStatus, Record<keyof typeof EVENTS, string>> = {
  scheduled: {
    approve: '✗ not-pending',
    reject: '✗ not-pending',
    withdraw: '→ withdrawn (withdrawn)',
    expire: '→ expired (expired)',
    'calendar CLOSED': '✗ nothing-to-do',
    'calendar OPEN': '✗ nothing-to-do',
    start: '✗ window-not-open',
    'run-ended': '✗ not-started',
    'window-opened': '→ approved (window-opened)',
  },
  pending: {
    approve: '→ pending (level-approved)',
    reject: '→ rejected (rejected)',
    withdraw: '→ withdrawn (withdrawn)',
    expire: '→ expired (expired)',
    'calendar CLOSED': '✗ nothing-to-do',
    'calendar OPEN': '✗ nothing-to-do',
    start: '✗ not-approved',
    'run-ended': '✗ not-started',
    'window-opened': '✗ not-scheduled',
  },
  approved: {
    approve: '✗ not-pending',
    reject: '✗ not-pending',
    withdraw: '→ withdrawn (withdrawn)',
    expire: '✗ not-pending',
    'calendar CLOSED': '→ held (held)',
    'calendar OPEN': '✗ nothing-to-do',
    start: '→ started (started)',
    'run-ended': '✗ not-started',
    'window-opened': '✗ not-scheduled',
  },
  held: {
    approve: '✗ not-pending',
    reject: '✗ not-pending',
    withdraw: '→ withdrawn (withdrawn)',
    expire: '→ expired (expired)',
    'calendar CLOSED': '✗ nothing-to-do',
    'calendar OPEN': '→ approved (released)',
    start: '✗ held',
    'run-ended': '✗ not-started',
    'window-opened': '✗ not-scheduled',
  },
  started: {
    approve: '✗ not-pending',
    reject: '✗ not-pending',
    withdraw: '✗ not-withdrawable',
    expire: '✗ not-pending',
    'calendar CLOSED': '✗ nothing-to-do',
    'calendar OPEN': '✗ nothing-to-do',
    start: '✗ already-started',
    'run-ended': '→ started (run-ended)',
    'window-opened': '✗ not-scheduled',
  },
  rejected: {
    approve: '✗ not-pending',
    reject: '✗ not-pending',
    withdraw: '✗ not-withdrawable',
    expire: '✗ not-pending',
    'calendar CLOSED': '✗ nothing-to-do',
    'calendar OPEN': '✗ nothing-to-do',
    start: '✗ not-approved',
    'run-ended': '✗ not-started',
    'window-opened': '✗ not-scheduled',
  },
  withdrawn: {
    approve: '✗ not-pending',
    reject: '✗ not-pending',
    withdraw: '✗ not-withdrawable',
    expire: '✗ not-pending',
    'calendar CLOSED': '✗ nothing-to-do',
    'calendar OPEN': '✗ nothing-to-do',
    start: '✗ not-approved',
    'run-ended': '✗ not-started',
    'window-opened': '✗ not-scheduled',
  },
  expired: {
    approve: '✗ expired',
    reject: '✗ expired',
    withdraw: '✗ not-withdrawable',
    expire: '✗ not-pending',
    'calendar CLOSED': '✗ nothing-to-do',
    'calendar OPEN': '✗ nothing-to-do',
    start: '✗ not-approved',
    'run-ended': '✗ not-started',
    'window-opened': '✗ not-scheduled',
  },
};

const summary = (decision: ChangeDecision): string =>
  decision.kind === 'changed'
    ? `→ ${decision.request.status} (${decision.outcome})`
    : `✗ ${decision.refusal.code}`;

const decide = (request: ChangeRequest, event: ChangeEvent, under = template) =>
  decideChangeEvent(request, under, event);

function changedRequest(decision: ChangeDecision): ChangeRequest {
  if (decision.kind !== 'changed') throw new Error(`expected a change, got ${decision.refusal.code}`);
  return decision.request;
}

function refusal(decision: ChangeDecision): { code: string; message: string } {
  if (decision.kind !== 'refused') throw new Error(`expected a refusal, got ${decision.outcome}`);
  // The sentence is the Slack renderer's: checked here with the decision that gives it its facts.
  return { code: decision.refusal.code, message: changeRefusalText(decision.refusal) };
}

const approve = (request: ChangeRequest, who: { voter: string; voterGroups: string[] }, at = BEFORE_EXPIRY) =>
  decide(request, { type: 'approve', ...who, at });

describe('decideChangeEvent: every status × every event', () => {
  const cases = Object.entries(EXPECTED).flatMap(([status, row]) =>
    Object.entries(row).map(([event, expected]) => [status as ChangeStatus, event, expected] as const),
  );

  it('covers every status and every event type', () => {
    const statuses: ChangeStatus[] = [
      'pending',
      'scheduled',
      'approved',
      'held',
      'started',
      'rejected',
      'withdrawn',
      'expired',
    ];
    const types: Array<ChangeEvent['type']> = [
      'approve',
      'reject',
      'withdraw',
      'expire',
      'calendar-checked',
      'start',
      'run-ended',
      'window-opened',
    ];
    expect(Object.keys(EXPECTED).sort()).toEqual([...statuses].sort());
    expect([...new Set(Object.values(EVENTS).map((event) => event.type))].sort()).toEqual([...types].sort());
    expect(cases).toHaveLength(statuses.length * Object.keys(EVENTS).length);
  });

  it.each(cases)('when the request is %s and the event is %s, then %s', (status, event, expected) => {
    const request = IN_STATUS[status];
    const before = structuredClone(request);
    const decision = decide(request, EVENTS[event]!);
    expect(summary(decision)).toBe(expected);
    expect(request).toEqual(before);
    if (decision.kind === 'changed') {
      expect(decision.request.version).toBe(request.version + 1);
      expect(decision.request.updatedAt).toBe(EVENTS[event]!.at.toISOString());
      expect(JSON.parse(JSON.stringify(decision.request))).toEqual(decision.request);
    } else {
      expect(changeRefusalText(decision.refusal)).toMatch(/^[A-Z`].*\.$/s);
    }
  });
});

describe('decideChangeEvent: approving level by level', () => {
  it('when a level-2 approver clicks while level 1 is open, then they are told to wait for level 1', () => {
    expect(refusal(approve(aChangeRequest(), dave))).toEqual({
      code: 'not-eligible',
      message:
        'This change is waiting for level 1 (SRE leads), which <!subteam^S0SRELEADS> may approve; you are not one of them.' +
        ' You approve at level 2 (Security), which is asked once level 1 (SRE leads) is satisfied.',
    });
  });

  it('when level 1 is approved, then level 2 is asked, its approvers may vote, and the last vote approves', () => {
    const afterBob = changedRequest(approve(aChangeRequest(), bob));
    expect(afterBob).toMatchObject({
      status: 'pending',
      level: 1,
      votes: [{ level: 0, userId: PEOPLE.bob }],
    });
    const decision = approve(afterBob, dave);
    expect(decision).toMatchObject({ kind: 'changed', outcome: 'approved' });
    expect(changedRequest(decision)).toMatchObject({
      status: 'approved',
      level: 2,
      votes: [
        { level: 0, userId: PEOPLE.bob },
        { level: 1, userId: PEOPLE.dave, at: BEFORE_EXPIRY.toISOString() },
      ],
      version: 3,
    });
  });

  it('when level 1 is approved, then its approvers who are not at level 2 can no longer vote', () => {
    const afterBob = changedRequest(approve(aChangeRequest(), bob));
    const other = { voter: 'U0SRELEAD9', voterGroups: [GROUPS.sreLeads] };
    expect(refusal(approve(afterBob, other))).toEqual({
      code: 'not-eligible',
      message:
        'This change is waiting for level 2 (Security), which <@U0APPROVE2> or <@U0APPROVE3> may approve; you are not one of them.',
    });
  });

  it('when a level needs two approvals, then the first is recorded, the second passes the level', () => {
    const twoLeads = aChangeTemplate({
      levels: [
        { approvers: { userGroups: [GROUPS.sreLeads] }, minApprovals: 2 },
        { approvers: { users: [PEOPLE.dave] } },
      ],
    });
    const first = approve(aChangeRequest(), bob);
    const once = decide(aChangeRequest(), { type: 'approve', ...bob, at: BEFORE_EXPIRY }, twoLeads);
    expect(first).toMatchObject({ outcome: 'level-approved' });
    expect(once).toMatchObject({ kind: 'changed', outcome: 'vote-recorded', request: { level: 0 } });
    const twice = decide(changedRequest(once), { type: 'approve', ...carol, at: BEFORE_EXPIRY }, twoLeads);
    expect(twice).toMatchObject({ kind: 'changed', outcome: 'level-approved', request: { level: 1 } });
    const done = decide(changedRequest(twice), { type: 'approve', ...dave, at: BEFORE_EXPIRY }, twoLeads);
    expect(done).toMatchObject({ kind: 'changed', outcome: 'approved', request: { status: 'approved' } });
  });

  it('when the eligibility comes from a group, then any member may approve and others may not', () => {
    const member = { voter: 'U0NEWLEAD1', voterGroups: ['S0SOMEOTHER', GROUPS.sreLeads] };
    expect(approve(aChangeRequest(), member)).toMatchObject({ kind: 'changed', outcome: 'level-approved' });
    expect(refusal(approve(aChangeRequest(), { voter: PEOPLE.mallory, voterGroups: [] }))).toEqual({
      code: 'not-eligible',
      message:
        'This change is waiting for level 1 (SRE leads), which <!subteam^S0SRELEADS> may approve; you are not one of them.',
    });
  });

  it('when a level has no name, then it is called by its number', () => {
    const unnamed = aChangeTemplate({ levels: [{ approvers: { users: [PEOPLE.bob] } }] });
    const decision = decide(aChangeRequest(), { type: 'approve', ...dave, at: BEFORE_EXPIRY }, unnamed);
    expect(refusal(decision).message).toBe(
      'This change is waiting for level 1, which <@U0APPROVE1> may approve; you are not one of them.',
    );
  });

  it('when the template lost the level being asked, then the vote is refused, not thrown', () => {
    const shorter = aChangeTemplate({ levels: [{ approvers: { users: [PEOPLE.bob] } }] });
    const decision = decide(
      aChangeRequest({ level: 1 }),
      { type: 'approve', ...dave, at: BEFORE_EXPIRY },
      shorter,
    );
    expect(refusal(decision).code).toBe('level-removed');
  });
});

describe('decideChangeEvent: one person, one vote', () => {
  it('when someone approves twice at the same level, then the second click changes nothing', () => {
    const twoLeads = aChangeTemplate({
      levels: [{ approvers: { userGroups: [GROUPS.sreLeads] }, minApprovals: 2 }],
    });
    const once = changedRequest(
      decide(aChangeRequest(), { type: 'approve', ...bob, at: BEFORE_EXPIRY }, twoLeads),
    );
    expect(refusal(decide(once, { type: 'approve', ...bob, at: BEFORE_EXPIRY }, twoLeads))).toEqual({
      code: 'already-voted',
      message: 'You already approved this change at level 1: one person has one vote.',
    });
  });

  it('when an approver of both levels approved level 1, then they cannot also approve level 2', () => {
    const afterCarol = changedRequest(approve(aChangeRequest(), carol));
    expect(refusal(approve(afterCarol, carol))).toEqual({
      code: 'already-voted',
      message: 'You already approved this change at level 1 (SRE leads): one person has one vote.',
    });
    expect(approve(afterCarol, dave)).toMatchObject({ outcome: 'approved' });
  });

  it('when an approver of both levels approved level 1, then they cannot reject at level 2 either', () => {
    const afterCarol = changedRequest(approve(aChangeRequest(), carol));
    const decision = decide(afterCarol, {
      type: 'reject',
      ...carol,
      reason: 'Second thoughts',
      at: BEFORE_EXPIRY,
    });
    expect(refusal(decision).code).toBe('already-voted');
  });
});

describe('decideChangeEvent: self-approval', () => {
  const requesterAsLead = { voter: PEOPLE.requester, voterGroups: [GROUPS.sreLeads] };

  it('when the requester approves their own change by default, then it is refused', () => {
    expect(refusal(approve(aChangeRequest(), requesterAsLead))).toEqual({
      code: 'self-approval',
      message: 'You cannot approve your own change: `prod-change` needs someone else.',
    });
  });

  it('when the template allows self-approval, then the requester’s vote counts like any other', () => {
    const lenient = aChangeTemplate({ allowSelfApproval: true });
    const decision = decide(
      aChangeRequest(),
      { type: 'approve', ...requesterAsLead, at: BEFORE_EXPIRY },
      lenient,
    );
    expect(decision).toMatchObject({ kind: 'changed', outcome: 'level-approved' });
  });

  it('when self-approval is allowed but the requester is not an approver, then they still may not approve', () => {
    const lenient = aChangeTemplate({ allowSelfApproval: true });
    const decision = decide(
      aChangeRequest(),
      { type: 'approve', voter: PEOPLE.requester, voterGroups: [GROUPS.platform], at: BEFORE_EXPIRY },
      lenient,
    );
    expect(refusal(decision).code).toBe('not-eligible');
  });
});

describe('decideChangeEvent: rejection', () => {
  it('when an approver rejects with a reason, then the change is rejected, naming who and why', () => {
    const decision = decide(aChangeRequest(), {
      type: 'reject',
      ...bob,
      reason: '  Not during the sale ',
      at: BEFORE_EXPIRY,
    });
    expect(changedRequest(decision)).toMatchObject({
      status: 'rejected',
      rejection: { by: PEOPLE.bob, reason: 'Not during the sale', at: BEFORE_EXPIRY.toISOString() },
    });
    expect(refusal(approve(changedRequest(decision), carol)).message).toBe(
      'This change was rejected by <@U0APPROVE1>.',
    );
  });

  it('when the reason is missing or blank and the template requires one, then the rejection is refused', () => {
    for (const reason of [undefined, '   ']) {
      expect(
        refusal(decide(aChangeRequest(), { type: 'reject', ...bob, reason, at: BEFORE_EXPIRY })),
      ).toEqual({
        code: 'reason-required',
        message: 'Rejecting a `prod-change` change needs a reason: say why.',
      });
    }
  });

  it('when the template does not require a reason, then a bare rejection is recorded without one', () => {
    const terse = aChangeTemplate({ reasonRequired: { onReject: false } });
    const decision = decide(aChangeRequest(), { type: 'reject', ...bob, at: BEFORE_EXPIRY }, terse);
    expect(changedRequest(decision).rejection).toEqual({ by: PEOPLE.bob, at: BEFORE_EXPIRY.toISOString() });
  });

  it('when the requester rejects their own change, then they are told to withdraw it', () => {
    const lenient = aChangeTemplate({ allowSelfApproval: true });
    const decision = decide(
      aChangeRequest(),
      {
        type: 'reject',
        voter: PEOPLE.requester,
        voterGroups: [GROUPS.sreLeads],
        reason: 'Oops',
        at: BEFORE_EXPIRY,
      },
      lenient,
    );
    expect(refusal(decision)).toEqual({
      code: 'self-rejection',
      message: 'You cannot reject your own change: withdraw it instead.',
    });
  });

  it('when someone who may not approve at the current level rejects, then it is refused', () => {
    const decision = decide(aChangeRequest(), { type: 'reject', ...dave, reason: 'No', at: BEFORE_EXPIRY });
    expect(refusal(decision).code).toBe('not-eligible');
  });
});

describe('decideChangeEvent: expiry', () => {
  it('when a vote comes a millisecond before expiresAt, then it counts; at expiresAt, then it is refused', () => {
    expect(approve(aChangeRequest(), bob, JUST_BEFORE_EXPIRY)).toMatchObject({ kind: 'changed' });
    const late = refusal(approve(aChangeRequest(), bob, AT_EXPIRY));
    expect(late.code).toBe('expired');
    expect(late.message).toBe(
      'This change expired at <!date^1780448400^{date_short} {time}|2026-06-03 01:00 UTC>: ask for it again if it is still needed.',
    );
  });

  it('when a rejection comes at expiresAt, then it is refused as expired', () => {
    const decision = decide(aChangeRequest(), { type: 'reject', ...bob, reason: 'No', at: AT_EXPIRY });
    expect(refusal(decision).code).toBe('expired');
  });

  it('when the expiry job runs early, then it is not due; at expiresAt exactly, then the change expires', () => {
    expect(refusal(decide(aChangeRequest(), { type: 'expire', at: JUST_BEFORE_EXPIRY })).code).toBe(
      'not-due',
    );
    const decision = decide(aChangeRequest(), { type: 'expire', at: AT_EXPIRY });
    expect(decision).toMatchObject({ kind: 'changed', outcome: 'expired', request: { status: 'expired' } });
  });

  it('when the expiry job runs twice, then the second run changes nothing', () => {
    const expired = changedRequest(decide(aChangeRequest(), { type: 'expire', at: AT_EXPIRY }));
    expect(refusal(decide(expired, { type: 'expire', at: AT_EXPIRY })).code).toBe('not-pending');
  });
});

describe('decideChangeEvent: withdrawal', () => {
  it('when someone else withdraws the change, then it is refused naming the requester', () => {
    expect(
      refusal(decide(aChangeRequest(), { type: 'withdraw', by: PEOPLE.bob, at: BEFORE_EXPIRY })),
    ).toEqual({
      code: 'not-requester',
      message: 'Only the requester, <@U0REQUEST1>, can withdraw this change.',
    });
  });

  it('when the requester withdraws a started change, then they are told to cancel the run', () => {
    const decision = decide(IN_STATUS.started, { type: 'withdraw', by: PEOPLE.requester, at: BEFORE_EXPIRY });
    expect(refusal(decision).message).toBe(
      'This change cannot be withdrawn: it has already started: cancel the run instead.',
    );
  });
});

describe('decideChangeEvent: calendars', () => {
  const closed: ChangeEvent = {
    type: 'calendar-checked',
    state: 'CLOSED',
    calendars: FREEZE,
    at: BEFORE_EXPIRY,
  };
  const open: ChangeEvent = { type: 'calendar-checked', state: 'OPEN', calendars: FREEZE, at: BEFORE_EXPIRY };

  it('when the calendar closed before the start, then the approved change is held by that calendar', () => {
    const held = changedRequest(decide(IN_STATUS.approved, closed));
    expect(held).toMatchObject({
      status: 'held',
      calendar: { state: 'CLOSED', calendars: FREEZE },
      held: { at: BEFORE_EXPIRY.toISOString() },
    });
    expect(refusal(decide(held, { type: 'start', runId: 'run-1', at: BEFORE_EXPIRY }))).toEqual({
      code: 'held',
      message: 'This change is held: the change calendar `ProductionFreeze` is CLOSED.',
    });
  });

  it('when the calendar opens again, then the held change is released and may start', () => {
    const held = changedRequest(decide(IN_STATUS.approved, closed));
    const released = changedRequest(decide(held, open));
    expect(released.status).toBe('approved');
    expect(released).not.toHaveProperty('held');
    expect(released.calendar).toEqual({ state: 'OPEN', calendars: FREEZE });
    expect(decide(released, { type: 'start', runId: 'run-1', at: BEFORE_EXPIRY })).toMatchObject({
      outcome: 'started',
    });
  });

  it('when the calendar opens after the held change expired, then it is not released', () => {
    const held = changedRequest(decide(IN_STATUS.approved, closed));
    expect(refusal(decide(held, { ...open, at: AT_EXPIRY })).code).toBe('expired');
  });

  it('when an approved emergency change meets a CLOSED calendar, then it is not held', () => {
    const emergency = { ...IN_STATUS.approved, emergency: true };
    expect(refusal(decide(emergency, closed)).code).toBe('nothing-to-do');
  });

  it('when several calendars are checked, then the hold names them all', () => {
    const decision = decide(IN_STATUS.approved, {
      ...closed,
      calendars: ['ProductionFreeze', 'PaymentsFreeze'],
    });
    const held = changedRequest(decision);
    expect(held.calendar?.calendars).toEqual(['ProductionFreeze', 'PaymentsFreeze']);
    expect(refusal(decide(held, { type: 'start', runId: 'run-1', at: BEFORE_EXPIRY })).message).toMatch(
      /the change calendars `ProductionFreeze`, `PaymentsFreeze` are not all OPEN\.$/,
    );
  });
});

describe('decideChangeEvent: the start happens once', () => {
  const start = (runId: string): ChangeEvent => ({ type: 'start', runId, at: BEFORE_EXPIRY });

  it('when an approved change starts, then the run is recorded; a second start is refused', () => {
    const started = changedRequest(decide(IN_STATUS.approved, start('run-1')));
    expect(started).toMatchObject({
      status: 'started',
      runId: 'run-1',
      startedAt: BEFORE_EXPIRY.toISOString(),
    });
    expect(refusal(decide(started, start('run-2')))).toEqual({
      code: 'already-started',
      message: 'This change has already started (run run-1).',
    });
  });

  it('when twenty starters race on one snapshot through a compare-and-set store, then exactly one starts', () => {
    let stored = IN_STATUS.approved;
    const snapshot = stored;
    const started: string[] = [];
    for (let index = 0; index < 20; index++) {
      let current = snapshot;
      for (;;) {
        const decision = decide(current, start(`run-${index}`));
        if (decision.kind === 'refused') break;
        // The store applies the decision only if nobody moved the request since it was read.
        if (stored.version === current.version) {
          stored = decision.request;
          started.push(decision.request.runId!);
          break;
        }
        current = stored;
      }
    }
    expect(started).toEqual(['run-0']);
    expect(stored).toMatchObject({
      status: 'started',
      runId: 'run-0',
      version: IN_STATUS.approved.version + 1,
    });
  });

  it('when the run ends, then the end is recorded once, releasing its locks', () => {
    const ended = changedRequest(decide(IN_STATUS.started, { type: 'run-ended', at: BEFORE_EXPIRY }));
    expect(ended).toMatchObject({ status: 'started', endedAt: BEFORE_EXPIRY.toISOString() });
    expect(refusal(decide(ended, { type: 'run-ended', at: BEFORE_EXPIRY })).code).toBe('already-ended');
  });
});

describe('decideChangeEvent: faults', () => {
  it('when the template is not the request’s, then it throws: the caller loaded the wrong one', () => {
    expect(() =>
      decide(aChangeRequest(), EVENTS.approve!, aChangeTemplate({ name: 'other-change' })),
    ).toThrow(/governed by prod-change, not other-change/);
  });
});

describe('eligibleApprovers', () => {
  it('when level 1 is asked, then its approvers are returned', () => {
    expect(eligibleApprovers(template, aChangeRequest())).toEqual({
      users: [],
      userGroups: [GROUPS.sreLeads],
    });
  });

  it('when level 2 is asked, then people who already voted and the requester are left out', () => {
    const levels = [
      { approvers: { users: [PEOPLE.carol] } },
      { approvers: { users: [PEOPLE.carol, PEOPLE.dave, PEOPLE.requester], userGroups: [GROUPS.security] } },
    ];
    const request = aChangeRequest({ level: 1, votes: [vote(PEOPLE.carol, 0)] });
    expect(eligibleApprovers(aChangeTemplate({ levels }), request)).toEqual({
      users: [PEOPLE.dave],
      userGroups: [GROUPS.security],
    });
    const lenient = aChangeTemplate({ levels, allowSelfApproval: true });
    expect(eligibleApprovers(lenient, request).users).toEqual([PEOPLE.dave, PEOPLE.requester]);
  });

  it('when the request is not pending, then nobody is asked', () => {
    for (const status of ['approved', 'held', 'started', 'rejected', 'withdrawn', 'expired'] as const) {
      expect(eligibleApprovers(template, IN_STATUS[status])).toEqual({ users: [], userGroups: [] });
    }
  });
});

it('the builders agree with each other', () => {
  expect(Date.parse(EXPIRES_AT) - Date.parse(CREATED_AT)).toBe(template.expiresAfter);
});
