// How a run's and a child's state look in Slack: a coloured emoji and a word, the same in every message.
import type { ChildPhase } from '../../core/run/roll-up-run.js';
import type { ChildStatus, RunStatus } from '../../core/run/run.js';

/**
 * The leading emoji is the message's only colour: Block Kit has none without legacy attachments (whose
 * `color` bar the worker may still switch to for a red edge on failed runs).
 */
const RUN_CUES: Record<RunStatus, { emoji: string; label: string }> = {
  starting: { emoji: ':large_yellow_circle:', label: 'Starting' },
  running: { emoji: ':large_yellow_circle:', label: 'Running' },
  cancelling: { emoji: ':large_yellow_circle:', label: 'Cancelling' },
  succeeded: { emoji: ':large_green_circle:', label: 'Succeeded' },
  'completed-with-errors': { emoji: ':red_circle:', label: 'Completed with errors' },
  failed: { emoji: ':red_circle:', label: 'Failed' },
  cancelled: { emoji: ':white_circle:', label: 'Cancelled' },
};

export function runStatusCue(status: RunStatus): { emoji: string; label: string } {
  return RUN_CUES[status];
}

export const PHASE_EMOJI: Record<ChildPhase, string> = {
  queued: ':hourglass_flowing_sand:',
  running: ':arrows_counterclockwise:',
  succeeded: ':white_check_mark:',
  failed: ':x:',
  cancelled: ':no_entry_sign:',
  skipped: ':fast_forward:',
};

/** The order counts are listed in: the run's life from left to right. */
export const PHASES: readonly ChildPhase[] = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'skipped',
];

/** `:arrows_counterclockwise: 2 running · :white_check_mark: 3 succeeded`, phases with none left out. */
export function phaseCounts(counts: Record<ChildPhase, number>): string {
  return PHASES.filter((phase) => counts[phase] > 0)
    .map((phase) => `${PHASE_EMOJI[phase]} ${counts[phase]} ${phase}`)
    .join(' · ');
}

/** SSM's status names read as words: `TimedOut` → `Timed out`, `StartFailed` → `Start failed`. */
export function childStatusLabel(status: ChildStatus): string {
  const words = status.replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.charAt(0) + words.slice(1).toLowerCase();
}
