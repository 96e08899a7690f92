// `/ssm list [prefix]`: the runbooks the caller may run, with their descriptions; one runbook in full when the
// prefix is its whole name.
import type { Subject } from '../core/policy/subject.js';
import type { Runbook } from '../core/runbook/runbook.js';
import type { RunbookSummary } from '../ports.js';
import { visibleRunbooks } from './prepare-run-form.js';
import type { RunContext } from './run-context.js';

/** Descriptions need one DescribeDocument each; only the ones Slack can show are read. */
const DESCRIBED_AT_MOST = 60;

export async function listRunbooks(
  context: Pick<RunContext, 'catalog' | 'policies'>,
  subject: Subject,
  prefix?: string,
): Promise<RunbookSummary[]> {
  const lowerPrefix = prefix?.toLowerCase();
  const matching = (await visibleRunbooks(context, subject)).filter(
    (summary) => !lowerPrefix || summary.name.toLowerCase().startsWith(lowerPrefix),
  );
  const described = await Promise.all(
    matching.slice(0, DESCRIBED_AT_MOST).map(async (summary) => {
      if (summary.description) return summary;
      const runbook = await context.catalog.describe(summary.name);
      return { ...summary, description: runbook?.description };
    }),
  );
  return [...described, ...matching.slice(DESCRIBED_AT_MOST)];
}

export type RunbookListingResult =
  | { kind: 'list'; runbooks: RunbookSummary[] }
  /** The prefix named one runbook the caller may run: its full description and parameters. */
  | { kind: 'one'; runbook: Runbook };

/** `/ssm list <exact name>` shows that runbook whole; anything else lists. */
export async function listOrDescribeRunbooks(
  context: Pick<RunContext, 'catalog' | 'policies'>,
  subject: Subject,
  prefix?: string,
): Promise<RunbookListingResult> {
  const runbooks = await listRunbooks(context, subject, prefix);
  const lower = prefix?.toLowerCase();
  const named =
    runbooks.find((summary) => summary.name === prefix) ??
    runbooks.find((summary) => summary.name.toLowerCase() === lower);
  const runbook = named && (await context.catalog.describe(named.name));
  return runbook ? { kind: 'one', runbook } : { kind: 'list', runbooks };
}
