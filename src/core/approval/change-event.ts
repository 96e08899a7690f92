// The events a change request answers to, and what deciding one yields: the vocabulary of decideChangeEvent.
import type { RunStatus } from '../run/run.js';
import type { CalendarState, ChangeRequest, ChangeStatus } from './change-request.js';

/** What can happen to a change request. `at` comes from the injected clock. */
export type ChangeEvent =
  | { type: 'approve'; voter: string; voterGroups: readonly string[]; at: Date }
  | { type: 'reject'; voter: string; voterGroups: readonly string[]; reason?: string; at: Date }
  | { type: 'withdraw'; by: string; at: Date }
  /** The delayed expiry job. */
  | { type: 'expire'; at: Date }
  /** The window job (or the sweep) at a scheduled change's `window.startAt`: it becomes approved and goes on. */
  | { type: 'window-opened'; at: Date }
  /** GetCalendarState before the start, or while held. */
  | ({ type: 'calendar-checked'; at: Date } & CalendarState)
  | { type: 'start'; runId: string; at: Date }
  /**
   * The claimed start never created its run (the bot could not post in the run's channel) and the wait for it
   * is over: the change closes without a run, as `expired`, and releases its locks.
   */
  | { type: 'start-lapsed'; at: Date }
  /** The run succeeded, failed or was cancelled; `ending` says how, for the request's thread. */
  | { type: 'run-ended'; at: Date; ending?: RunEnding };

/** How a change's run ended, for the last note of its thread: "Completed with errors: 5 of 6 targets succeeded". */
export interface RunEnding {
  /** Where the run's message is. */
  channelId: string;
  status: RunStatus;
  succeeded: number;
  total: number;
}

/** What a transition did, for the audit trail and the message shown in Slack. */
export type ChangeOutcome =
  | 'vote-recorded'
  | 'level-approved'
  | 'approved'
  /** Approved before its window: waits, holding its locks. */
  | 'scheduled'
  | 'window-opened'
  | 'rejected'
  | 'withdrawn'
  | 'expired'
  | 'held'
  | 'released'
  | 'started'
  | 'start-lapsed'
  | 'run-ended';

/** Users and user groups who may do something (approve at a level, raise an emergency change). */
export interface Approvers {
  users?: readonly string[];
  userGroups?: readonly string[];
}

/** A level of a template, counting from 0, with its name when the template gives one. */
export interface LevelRef {
  index: number;
  name?: string;
}

/**
 * Why an event changes nothing: a code and the facts a reader needs. The sentences are written by the Slack
 * renderer (`slack/render/render-change-refusal.ts`), never here.
 */
export type ChangeRefusal =
  | { code: 'expired'; expiresAt: string; whileHeld?: boolean }
  | { code: 'not-pending'; status: ChangeStatus; rejectedBy?: string }
  | { code: 'self-approval'; template: string }
  | { code: 'self-rejection' }
  | { code: 'already-voted'; level: LevelRef }
  /** The template lost the level the change is waiting for (edited under a live change). */
  | { code: 'level-removed'; template: string; level: LevelRef }
  | { code: 'not-eligible'; level: LevelRef; approvers: Approvers; laterLevel?: LevelRef }
  | { code: 'reason-required'; template: string }
  | { code: 'not-requester'; requester: string }
  | { code: 'not-withdrawable'; status: ChangeStatus }
  | { code: 'not-due'; expiresAt: string }
  | { code: 'window-not-open'; startAt: string }
  | { code: 'not-scheduled'; status: ChangeStatus }
  | { code: 'nothing-to-do'; calendar: CalendarState['state']; status: ChangeStatus }
  | { code: 'held'; calendars: string[] }
  | { code: 'not-approved'; status: ChangeStatus }
  | { code: 'already-started'; runId?: string }
  | { code: 'not-started'; status: ChangeStatus }
  | { code: 'already-ended' };

export type ChangeRefusalCode = ChangeRefusal['code'];

export type ChangeDecision =
  | { kind: 'changed'; request: ChangeRequest; outcome: ChangeOutcome }
  /** Nothing changes. */
  | { kind: 'refused'; refusal: ChangeRefusal };
