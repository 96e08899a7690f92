// ChangeRequest: a run that waits for its approvals — the JSON the store keeps and the state machine moves.
import type { ChangeWindow } from './change-window.js';

/**
 * - `pending`: waiting for votes at `level`.
 * - `approved`: every level satisfied (or none needed); the start is next.
 * - `scheduled`: every level satisfied before its window opens: holds its locks and waits for `window.startAt`.
 * - `held`: approved, but a change calendar is CLOSED; released when it opens, expired when it runs out.
 * - `started`: the run was started (`runId`); a change starts at most once.
 * - `rejected`, `withdrawn`, `expired`: closed without a run.
 */
export type ChangeStatus =
  | 'pending'
  | 'scheduled'
  | 'approved'
  | 'held'
  | 'started'
  | 'rejected'
  | 'withdrawn'
  | 'expired';

/** What GetCalendarState said about the template's calendars: CLOSED when any of them is. */
export interface CalendarState {
  state: 'OPEN' | 'CLOSED';
  /** The calendars asked, as the template names them. */
  calendars: string[];
}

/** One approval. One person votes at most once per change, whatever the level (see `decideChangeEvent`). */
export interface ChangeVote {
  /** Index into the template's `levels`. */
  level: number;
  userId: string;
  /** ISO 8601. */
  at: string;
}

/** Every field is JSON: strings for times (ISO 8601), ids for people (Slack user ids). */
export interface ChangeRequest {
  id: string;
  /** Name of the `ChangeTemplate` that governs it. */
  template: string;
  /** Slack user id of the person who asked for the run. */
  requester: string;
  reason?: string;
  /** Raised as an emergency: may go ahead while a calendar is CLOSED; flagged in the audit trail. */
  emergency: boolean;
  createdAt: string;
  /** When the last transition happened. */
  updatedAt: string;
  /**
   * A pending, scheduled or held request expires then: `createdAt` + the template's `expiresAfter`, or the
   * window's `endBy` — never later than it.
   */
  expiresAt: string;
  /** When the change may start (`--start-at`, `--end-by`); absent: as soon as it is approved. */
  window?: ChangeWindow;
  status: ChangeStatus;
  /**
   * Index of the level being asked while `pending`. Equal to the number of levels once every level is
   * satisfied (0 for an auto-approved change).
   */
  level: number;
  votes: ChangeVote[];
  /** The calendars when the request was opened, or when a check last held or released it. */
  calendar?: CalendarState;
  rejection?: { by: string; reason?: string; at: string };
  /** Since when an approved change waits for `calendar` to open, while `held`. */
  held?: { at: string };
  runId?: string;
  startedAt?: string;
  /** When the run ended (succeeded, failed or was cancelled): the change's locks are released. */
  endedAt?: string;
  /** 1 when opened, +1 on every transition: the store compares it to apply a transition atomically. */
  version: number;
}
