// `/ssm history [runbook|@user|account] [--limit N]`: recent runs and change requests, newest first.
import type { StoredChange } from '../core/approval/stored-change.js';
import { isOperator } from '../core/policy/is-operator.js';
import { audienceOfChange, audienceOfRun } from '../core/policy/is-visible-to.js';
import type { Subject } from '../core/policy/subject.js';
import type { Run } from '../core/run/run.js';
import type { RunOverview } from '../core/run/run-overview.js';
import type { RunContext } from './run-context.js';
import { templateNamed } from './template-named.js';
import { visibleTo } from './visible-to.js';

/** A run, or a change request that has not started one (a started change is listed as its run). */
export type HistoryItem = { kind: 'run'; run: RunOverview } | { kind: 'change'; change: StoredChange };

/** How far back the filter looks; the audit trail keeps the complete record (`ssm-chatops audit export`). */
const SCANNED = 500;

/** What `subject` may see (`isVisibleTo`, channel membership looked up) of the recent runs and changes that match `filter`. */
export async function runHistory(
  context: Pick<RunContext, 'runs' | 'approvals' | 'operators' | 'channelMembers'>,
  subject: Subject,
  filter: HistoryFilter | undefined,
  limit = 10,
): Promise<HistoryItem[]> {
  // Operators see everything: unfiltered, the newest `limit` are the answer. Anyone else may see fewer.
  const scanned = filter || !isOperator(context.operators, subject) ? SCANNED : limit;
  const runs = (await context.runs.listRecent(scanned))
    .filter((run) => matches(run, filter))
    .map((run): HistoryItem => ({ kind: 'run', run }));
  const changes = (await context.approvals.changes.listRecent(scanned))
    .filter((change) => !change.request.runId && matches(changeAsRun(change), filter))
    .map((change): HistoryItem => ({ kind: 'change', change }));
  const items = [...runs, ...changes];
  const visible = await visibleTo(
    context,
    subject,
    items.map((item) =>
      item.kind === 'run'
        ? audienceOfRun(item.run, context.approvals.templates)
        : audienceOfChange(item.change, templateNamed(context.approvals, item.change.request.template)),
    ),
  );
  return items
    .filter((_, index) => visible[index])
    .sort((a, b) => createdAt(b).localeCompare(createdAt(a)))
    .slice(0, limit);
}

const createdAt = (item: HistoryItem) =>
  item.kind === 'run' ? item.run.createdAt : item.change.request.createdAt;

/** What the filter looks at, from a change that has no run yet. */
function changeAsRun({ run }: StoredChange): Pick<Run, 'requester' | 'runbook' | 'targets'> {
  return {
    requester: run.requester,
    runbook: { name: run.plan.runbook.name },
    targets: {
      accounts: run.plan.accounts.map((account) => ({ id: account.id, name: account.name })),
      regions: run.plan.regions,
      requested: run.requested,
    },
  };
}

/**
 * A person by Slack user id, a person by the name they typed, or text that names a runbook or an account
 * (12 digits or an account name). The Slack adapter reads it from what was typed (`parseHistoryFilter`).
 */
export type HistoryFilter =
  | { kind: 'person'; userId: string }
  | { kind: 'person-name'; name: string }
  | { kind: 'text'; text: string };

function matches(
  run: Pick<Run, 'requester' | 'runbook' | 'targets'>,
  filter: HistoryFilter | undefined,
): boolean {
  if (!filter) return true;
  switch (filter.kind) {
    case 'person':
      return run.requester.userId === filter.userId;
    case 'person-name': {
      const name = filter.name.toLowerCase();
      return run.requester.userName?.toLowerCase() === name || run.requester.userId.toLowerCase() === name;
    }
    case 'text': {
      const lower = filter.text.toLowerCase();
      return (
        run.runbook.name.toLowerCase() === lower ||
        run.targets.accounts.some(
          (account) => account.id === filter.text || account.name.toLowerCase() === lower,
        )
      );
    }
  }
}
