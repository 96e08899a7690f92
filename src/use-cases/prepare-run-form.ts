// What the run modal shows: the runbooks the caller may pick, or one runbook's form with its target choices,
// its defaults, and what the command already said.
import type { RateLimit, RunMode } from '../core/command/ssm-command.js';
import type { Organization, OrganizationalUnit } from '../core/organization/organization.js';
import { runbooksVisibleTo } from '../core/policy/runbooks-visible-to.js';
import type { Subject } from '../core/policy/subject.js';
import { runModeFor } from '../core/run/run-mode-for.js';
import type { RunRequest } from '../core/run/run-request.js';
import { describeParameterForm, type ParameterForm } from '../core/runbook/describe-parameter-form.js';
import type { Runbook } from '../core/runbook/runbook.js';
import { findAccount } from '../core/targets/find-account.js';
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
      /** What the form shows where the request says nothing. */
      defaults: { regions: string[]; mode: RunMode; concurrency: RateLimit; maxErrors: RateLimit };
      /** What the command already said, with the accounts it named that the organization has. */
      prefill: { request: RunRequest; accounts: Array<{ id: string; name: string }> };
    };

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

/**
 * The form of the runbook `request` names, filled with the rest of it; the picker when it names none, or one
 * the catalog does not have (the person picks again rather than reading an error).
 */
export async function prepareRunForm(
  context: Pick<RunContext, 'catalog' | 'policies' | 'accounts' | 'settings'>,
  subject: Subject,
  request: RunRequest | undefined,
): Promise<RunFormModel> {
  const picker = async (): Promise<RunFormModel> => ({
    kind: 'picker',
    runbooks: await visibleRunbooks(context, subject),
  });
  if (!request?.runbook) return picker();
  const [runbook, organization] = await Promise.all([
    context.catalog.describe(request.runbook),
    context.accounts.organization(),
  ]);
  if (!runbook) return picker();
  const { settings } = context;
  const reserved = runbook.assumeRoleParameter ? [runbook.assumeRoleParameter] : [];
  return {
    kind: 'form',
    runbook,
    form: describeParameterForm(runbook, { reservedParameters: reserved }),
    organizationalUnits: organization.organizationalUnits,
    enabledRegions: settings.enabledRegions,
    defaults: {
      regions: settings.defaultRegions,
      mode: runModeFor(runbook.name, settings),
      concurrency: settings.defaultConcurrency,
      maxErrors: settings.defaultMaxErrors,
    },
    prefill: { request, accounts: namedAccounts(request, organization) },
  };
}

/** The accounts the request names by id or name; a typo or an ambiguous name is left for the person to pick. */
function namedAccounts(request: RunRequest, organization: Organization) {
  if (request.targets.accounts === 'all') return [];
  return request.targets.accounts.flatMap((typed) => {
    const match = findAccount(typed, organization.accounts);
    return match.kind === 'found' ? [{ id: match.account.id, name: match.account.name }] : [];
  });
}
