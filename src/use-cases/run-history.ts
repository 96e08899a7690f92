// `/ssm history [runbook|@user|account] [--limit N]`: recent runs, newest first.
import type { Run } from '../core/run/run.js';
import type { RunContext } from './run-context.js';

/** How far back the filter looks; the audit trail (approvals feature) keeps the complete record. */
const SCANNED = 500;

export async function runHistory(
  context: Pick<RunContext, 'runs'>,
  filter: string | undefined,
  limit = 10,
): Promise<Run[]> {
  const recent = await context.runs.listRecent(filter ? SCANNED : limit);
  return recent.filter((run) => matches(run, filter)).slice(0, limit);
}

/**
 * `@alice`, `<@U123>` or `<@U123|alice>` is a person (Slack sends either, as the command escapes or not),
 * 12 digits or an account name is an account, anything else a runbook.
 */
function matches(run: Run, filter: string | undefined): boolean {
  if (!filter) return true;
  const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(filter);
  if (mention) return run.requester.userId === mention[1];
  if (filter.startsWith('@')) {
    const name = filter.slice(1).toLowerCase();
    return run.requester.userName?.toLowerCase() === name || run.requester.userId.toLowerCase() === name;
  }
  const lower = filter.toLowerCase();
  return (
    run.runbook.name.toLowerCase() === lower ||
    run.targets.accounts.some((account) => account.id === filter || account.name.toLowerCase() === lower)
  );
}
