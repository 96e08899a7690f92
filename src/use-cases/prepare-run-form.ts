// What the run modal shows: the runbooks the caller may pick, or one runbook's form with its target choices.
import type { RateLimit, RunMode } from '../core/command/ssm-command.js';
import type { OrganizationalUnit } from '../core/organization/organization.js';
import { runbooksVisibleTo } from '../core/policy/runbooks-visible-to.js';
import type { Subject } from '../core/policy/subject.js';
import { runModeFor } from '../core/run/run-mode-for.js';
import { describeParameterForm, type ParameterForm } from '../core/runbook/describe-parameter-form.js';
import type { Runbook } from '../core/runbook/runbook.js';
import type { RunbookSummary } from '../ports.js';
import type { RunContext } from './run-context.js';

export type RunFormModel =
  | { kind: 'picker'; runbooks: RunbookSummary[] }
  | {
      kind: 'form';
      runbook: Runbook;
      form: ParameterForm;
      organizationalUnits: OrganizationalUnit[];
      enabledRegions: string[];
      /** What the form shows where the request said nothing: the configured defaults for this runbook. */
      defaults: RunFormDefaults;
    }
  | { kind: 'unknown-runbook'; name: string };

export interface RunFormDefaults {
  regions: string[];
  mode: RunMode;
  concurrency: RateLimit;
  maxErrors: RateLimit;
}

/** The runbooks the caller may run, for the picker (and the external select's search). */
export async function visibleRunbooks(
  context: Pick<RunContext, 'catalog' | 'policies'>,
  subject: Subject,
): Promise<RunbookSummary[]> {
  const all = await context.catalog.list();
  const visible = new Set(
    runbooksVisibleTo(
      context.policies,
      subject,
      all.map((summary) => summary.name),
    ),
  );
  return all.filter((summary) => visible.has(summary.name));
}

export async function prepareRunForm(
  context: RunContext,
  subject: Subject,
  runbookName: string | undefined,
): Promise<RunFormModel> {
  if (!runbookName) return { kind: 'picker', runbooks: await visibleRunbooks(context, subject) };
  const [runbook, organization] = await Promise.all([
    context.catalog.describe(runbookName),
    context.accounts.organization(),
  ]);
  if (!runbook) return { kind: 'unknown-runbook', name: runbookName };
  const reserved = runbook.assumeRoleParameter ? [runbook.assumeRoleParameter] : [];
  return {
    kind: 'form',
    runbook,
    form: describeParameterForm(runbook, { reservedParameters: reserved }),
    organizationalUnits: organization.organizationalUnits,
    enabledRegions: context.settings.enabledRegions,
    defaults: {
      regions: context.settings.defaultRegions,
      mode: runModeFor(runbook.name, context.settings),
      concurrency: context.settings.defaultConcurrency,
      maxErrors: context.settings.defaultMaxErrors,
    },
  };
}
