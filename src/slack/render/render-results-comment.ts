// The comment of the message that shares a run's results files in its thread.
import type { Run } from '../../core/run/run.js';
import { inlineCode } from './escape-mrkdwn.js';
import { plural } from './plural.js';

/** `:page_facing_up: Results of run-… for each of its 6 targets: CSV for spreadsheets, JSON for scripts.` */
export function renderResultsComment(run: Pick<Run, 'id' | 'children'>): string {
  return (
    `:page_facing_up: Results of ${inlineCode(run.id)} for each of its ${plural(run.children.length, 'target')} ` +
    '(account, OU, region, execution, status, failed step, message, duration, outputs): CSV for spreadsheets, ' +
    'JSON for scripts.'
  );
}
