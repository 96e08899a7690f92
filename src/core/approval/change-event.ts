// The events a change request answers to, and what deciding one yields: the vocabulary of decideChangeEvent.
import type { CalendarState, ChangeRequest } from './change-request.js';

/** What can happen to a change request. `at` comes from the injected clock. */
export type ChangeEvent =
  | { type: 'approve'; voter: string; voterGroups: readonly string[]; at: Date }
  | { type: 'reject'; voter: string; voterGroups: readonly string[]; reason?: string; at: Date }
  | { type: 'withdraw'; by: string; at: Date }
  /** The delayed expiry job. */
  | { type: 'expire'; at: Date }
  /** GetCalendarState before the start, or while held. */
  | ({ type: 'calendar-checked'; at: Date } & CalendarState)
  | { type: 'start'; runId: string; at: Date }
  /** The run succeeded, failed or was cancelled. */
  | { type: 'run-ended'; at: Date };

/** What a transition did, for the audit trail and the message shown in Slack. */
export type ChangeOutcome =
  | 'vote-recorded'
  | 'level-approved'
  | 'approved'
  | 'rejected'
  | 'withdrawn'
  | 'expired'
  | 'held'
  | 'released'
  | 'started'
  | 'run-ended';

export type ChangeRefusalCode =
  | 'expired'
  | 'not-pending'
  | 'self-approval'
  | 'self-rejection'
  | 'already-voted'
  | 'not-eligible'
  | 'reason-required'
  | 'not-requester'
  | 'not-withdrawable'
  | 'not-due'
  | 'nothing-to-do'
  | 'held'
  | 'not-approved'
  | 'already-started'
  | 'not-started'
  | 'already-ended';

export type ChangeDecision =
  | { kind: 'changed'; request: ChangeRequest; outcome: ChangeOutcome }
  /** Nothing changes; `message` is a full sentence for an ephemeral Slack reply. */
  | { kind: 'refused'; code: ChangeRefusalCode; message: string };
