// What the bot says in a change request's thread: one note per transition or wait, as data.
import type { LevelRef, RunEnding } from './change-event.js';

/** Slack user ids, run ids and names only; `slack/render/render-change-note.ts` writes the sentences. */
export type ChangeNote =
  | { kind: 'vote-recorded'; by: string; level: LevelRef; votes: number; required: number }
  | { kind: 'level-approved'; by: string; satisfied: LevelRef; next: LevelRef }
  /** Every level satisfied (`by` the last voter), or approved without votes (no `by`). */
  | { kind: 'approved'; by?: string }
  | { kind: 'rejected'; by: string; reason?: string }
  | { kind: 'withdrawn'; by: string }
  /** `windowEnded`: the window's `endBy` passed before the change started (else: before it was approved). */
  | { kind: 'expired'; windowEnded?: boolean }
  /** Every level satisfied before the window (`by` the last voter; none when approved without votes). */
  | { kind: 'scheduled'; by?: string; startAt: string; endBy?: string }
  | { kind: 'window-opened' }
  | { kind: 'held'; calendars: string[]; expiresAt: string }
  | { kind: 'released' }
  /** The run ended; `ending` says how (absent only for an end recorded without its run). */
  | { kind: 'run-ended'; runId: string; ending?: RunEnding }
  /** Asked while another change holds the locks (`onConflict: wait`): starts after that one ends. */
  | { kind: 'waits-for-lock'; holder: string; runbook: string }
  /** Approved, but another change holds the locks. */
  | { kind: 'approved-waiting-for-lock'; holder: string; runbook: string }
  | { kind: 'run-started'; runId: string; channelId: string }
  /** Approved, but the bot cannot post in the channel the run was asked in; it starts once it can, until `until`. */
  | { kind: 'run-channel-unavailable'; channelId: string; until: string }
  /** The bot still could not post there at `until`: the change closed without a run. */
  | { kind: 'start-lapsed'; channelId: string };

/**
 * Notes that decide the requester's change (approved, rejected, expired, held): the requester is mentioned in the
 * request's thread and in their own channel. Votes, waits and the start are news for the approvers and the run's
 * thread; an approval without votes follows the request at once, so its requester is already looking.
 */
export function concernsRequester(note: ChangeNote): boolean {
  switch (note.kind) {
    case 'approved':
      return note.by !== undefined;
    case 'approved-waiting-for-lock':
    case 'scheduled':
    case 'rejected':
    case 'expired':
    case 'held':
    case 'start-lapsed':
      return true;
    default:
      return false;
  }
}
