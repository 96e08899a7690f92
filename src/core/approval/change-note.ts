// What the bot says in a change request's thread: one note per transition or wait, as data.
import type { LevelRef } from './change-event.js';

/** Slack user ids, run ids and names only; `slack/render/render-change-note.ts` writes the sentences. */
export type ChangeNote =
  | { kind: 'vote-recorded'; by: string; level: LevelRef; votes: number; required: number }
  | { kind: 'level-approved'; by: string; satisfied: LevelRef; next: LevelRef }
  /** Every level satisfied (`by` the last voter), or approved without votes (no `by`). */
  | { kind: 'approved'; by?: string }
  | { kind: 'rejected'; by: string; reason?: string }
  | { kind: 'withdrawn'; by: string }
  | { kind: 'expired' }
  | { kind: 'held'; calendars: string[]; expiresAt: string }
  | { kind: 'released' }
  | { kind: 'run-ended'; runId: string }
  /** Asked while another change holds the locks (`onConflict: wait`): starts after that one ends. */
  | { kind: 'waits-for-lock'; holder: string; runbook: string }
  /** Approved, but another change holds the locks. */
  | { kind: 'approved-waiting-for-lock'; holder: string; runbook: string }
  | { kind: 'run-started'; runId: string; channelId: string }
  /** Approved, but the bot cannot post in the channel the run was asked in; it starts once it can, until `until`. */
  | { kind: 'run-channel-unavailable'; channelId: string; until: string }
  /** The bot still could not post there at `until`: the change closed without a run. */
  | { kind: 'start-lapsed'; channelId: string };
