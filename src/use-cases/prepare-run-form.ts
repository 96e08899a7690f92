// What the run modal shows: the runbooks the caller may pick, or one runbook's form with its target choices,
// its defaults, and what the command already said.
import { closestMatches } from '../core/command/closest-match.js';
import type { RateLimit, RunMode } from '../core/command/ssm-command.js';
import type { Organization, OrganizationalUnit } from '../core/organization/organization.js';
import { allowedAccountScope } from '../core/policy/allowed-account-scope.js';
import { organizationalUnitsInScope } from '../core/policy/allowed-organizational-units.js';
import { rulesForSubject } from '../core/policy/applicable-rules.js';
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
  /** `unknown`: the runbook the command named, which the caller may not run or the catalog does not have. */
  | { kind: 'picker'; runbooks: RunbookSummary[]; unknown?: { name: string; suggestions: string[] } }
  /**
   * No runbook in the catalog is open to the caller, so no form is shown. `rules`: the policy rules that speak
   * to the caller (none means no rule names them, their groups or the channel).
   */
  | { kind: 'nothing-allowed'; rules: string[] }
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
 * the caller may not run (saying so, with close matches); no form at all when the caller may run nothing.
 */
export async function prepareRunForm(
  context: Pick<RunContext, 'catalog' | 'policies' | 'accounts' | 'settings'>,
  subject: Subject,
  request: RunRequest | undefined,
): Promise<RunFormModel> {
  const runbooks = await visibleRunbooks(context, subject);
  if (runbooks.length === 0) {
    return {
      kind: 'nothing-allowed',
      rules: rulesForSubject(context.policies, subject).map(({ rule }) => rule.name),
    };
  }
  if (!request?.runbook) return { kind: 'picker', runbooks };
  const named = request.runbook;
  const [runbook, organization] = await Promise.all([
    runbooks.some((summary) => summary.name === named) ? context.catalog.describe(named) : undefined,
    context.accounts.organization(),
  ]);
  if (!runbook) {
    const names = runbooks.map((summary) => summary.name);
    return { kind: 'picker', runbooks, unknown: { name: named, suggestions: closestMatches(named, names) } };
  }
  const { settings } = context;
  const reserved = runbook.assumeRoleParameter ? [runbook.assumeRoleParameter] : [];
  return {
    kind: 'form',
    runbook,
    form: describeParameterForm(runbook, { reservedParameters: reserved }),
    organizationalUnits: organizationalUnitsInScope(
      allowedAccountScope(context.policies, subject, runbook.name),
      organization.organizationalUnits,
    ),
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
