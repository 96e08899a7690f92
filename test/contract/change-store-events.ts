// The events the ChangeStore contract sends, decided by the real state machine so races end as they will in use.
import type { ChangeEvent } from '../../src/core/approval/change-event.js';
import type { ChangeTemplate } from '../../src/core/approval/change-template-schema.js';
import { decideChangeEvent } from '../../src/core/approval/decide-change-event.js';
import type { StoredChange } from '../../src/core/approval/stored-change.js';
import { aChangeTemplate, GROUPS, PEOPLE } from '../support/approval-builders.js';

/** An hour after the default change was opened: a day before it expires. */
export const AN_HOUR_IN = new Date('2026-06-02T02:00:00.000Z');

/** `decide` for ChangeStore.transition: `decideChangeEvent` under `template` (default `prod-change`). */
export const decide =
  (event: ChangeEvent, template: ChangeTemplate = aChangeTemplate()) =>
  (change: StoredChange) =>
    decideChangeEvent(change.request, template, event);

export const approveBy = (voter: string, voterGroups: string[] = []): ChangeEvent => ({
  type: 'approve',
  voter,
  voterGroups,
  at: AN_HOUR_IN,
});

/** bob, an SRE lead: passes level 1 of `prod-change`. */
export const bobApproves = approveBy(PEOPLE.bob, [GROUPS.sreLeads]);
export const startRun = (runId: string): ChangeEvent => ({ type: 'start', runId, at: AN_HOUR_IN });
export const withdrawn: ChangeEvent = { type: 'withdraw', by: PEOPLE.requester, at: AN_HOUR_IN };
export const runEnded: ChangeEvent = { type: 'run-ended', at: AN_HOUR_IN };

/** `n` distinct Slack user ids, none of them the requester. */
export const voters = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `U0VOTER${String(i).padStart(3, '0')}`);

/** `prod-change` with one level of `users`, needing `minApprovals` of them. */
export const oneLevelOf = (users: string[], minApprovals: number): ChangeTemplate =>
  aChangeTemplate({ levels: [{ name: 'Everyone', approvers: { users }, minApprovals }] });
