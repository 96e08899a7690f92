// `/ssm list [prefix]`: the runbooks the caller may run, with their descriptions.
import type { Subject } from '../core/policy/subject.js';
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
