// Why a governed run did not become a change request: a code and the facts; slack/render writes the sentence.
import type { WindowProblem } from './change-window.js';
import type { OpenRefusal } from './open-change-request.js';

export type ChangeRequestRefusal =
  | OpenRefusal
  /** The template names no approvals channel and `slack.channels.approvals` is not set. */
  | { code: 'no-approvals-channel'; template: string }
  /** An approved or running change holds the runbook on some of the targets (`onConflict: refuse`). */
  | { code: 'locked'; runbook: string; holder: string; holderRequester?: string }
  /** More than one template governs the run, each with its own approvers. */
  | { code: 'several-templates'; templates: string[] }
  /** `--emergency` on a run no template governs. */
  | { code: 'emergency-not-governed' }
  /** `--start-at`/`--end-by` on a run no template governs: only a change waits for anything. */
  | { code: 'schedule-not-governed' }
  /** The window asked cannot be used (past, ends before it starts). */
  | { code: 'window-invalid'; problem: WindowProblem };
