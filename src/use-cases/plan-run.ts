// Plan a run: find the runbook, check its parameters, resolve the targets and ask the policy. Every
// expected outcome (unknown runbook, bad value, missing pieces, denial) comes back as a value.
import { closestMatches } from '../core/command/closest-match.js';
import type { Account } from '../core/organization/organization.js';
import { decideRunPolicy, type RunDenial } from '../core/policy/decide-run-policy.js';
import { runbooksVisibleTo } from '../core/policy/runbooks-visible-to.js';
import type { Subject } from '../core/policy/subject.js';
import { runModeFor } from '../core/run/run-mode-for.js';
import type { RunPlan } from '../core/run/run-plan.js';
import type { RunRequest } from '../core/run/run-request.js';
import { bindParameters } from '../core/runbook/bind-parameters.js';
import type { ParameterProblem } from '../core/runbook/parameter-problem.js';
import type { Runbook } from '../core/runbook/runbook.js';
import { resolveTargets, type TargetProblem } from '../core/targets/resolve-targets.js';
import type { RunContext } from './run-context.js';

/** What is missing for a run to be planned; the command opens the modal for it, the modal marks the fields. */
export type MissingPiece = 'runbook' | 'targets' | { parameter: string };

export type PlanRunResult =
  | { kind: 'planned'; plan: RunPlan; runbook: Runbook }
  | { kind: 'incomplete'; runbook?: Runbook; missing: MissingPiece[] }
  | { kind: 'unknown-runbook'; name: string; suggestions: string[] }
  | {
      kind: 'invalid';
      runbook: Runbook;
      parameterProblems: ParameterProblem[];
      targetProblems: TargetProblem[];
    }
  | { kind: 'denied'; runbook: Runbook; denials: RunDenial[] };

export async function planRun(
  context: RunContext,
  request: RunRequest,
  subject: Subject,
): Promise<PlanRunResult> {
  if (!request.runbook) return { kind: 'incomplete', missing: ['runbook'] };
  const runbook = await context.catalog.describe(request.runbook);
  if (!runbook) {
    const visible = runbooksVisibleTo(
      context.policies,
      subject,
      (await context.catalog.list()).map((summary) => summary.name),
    );
    return {
      kind: 'unknown-runbook',
      name: request.runbook,
      suggestions: closestMatches(request.runbook, visible),
    };
  }

  const reserved = runbook.assumeRoleParameter ? [runbook.assumeRoleParameter] : [];
  const bound = bindParameters(runbook, request.parameters, { reservedParameters: reserved });
  const parameterProblems = bound.ok ? [] : bound.problems;
  const missingParameters = parameterProblems.filter((problem) => problem.kind === 'missing');
  const noTargets = request.targets.accounts.length === 0 && request.targets.organizationalUnits.length === 0;

  const organization = await context.accounts.organization();
  const resolved = noTargets
    ? undefined
    : resolveTargets(request.targets, organization, {
        enabledRegions: context.settings.enabledRegions,
        defaultRegions: context.settings.defaultRegions,
        homeAccountId: await context.automation.homeAccountId(),
      });
  const targetProblems = resolved && !resolved.ok ? resolved.problems : [];

  // Only gaps, nothing wrong: ask for the rest (the modal) instead of refusing.
  if (missingParameters.length === parameterProblems.length && targetProblems.length === 0) {
    const missing: MissingPiece[] = [
      ...(noTargets ? (['targets'] as const) : []),
      ...missingParameters.map((problem) => ({ parameter: problem.parameter })),
    ];
    if (missing.length > 0) return { kind: 'incomplete', runbook, missing };
  }
  if (!bound.ok || !resolved?.ok) {
    return { kind: 'invalid', runbook, parameterProblems, targetProblems };
  }

  const decision = decideRunPolicy(context.policies, subject, {
    runbook: runbook.name,
    targets: resolved.targets.map((target) => ({
      account: accountOf(resolved.accounts, target.accountId),
      region: target.region,
    })),
  });
  if (decision.kind === 'deny') return { kind: 'denied', runbook, denials: decision.denials };

  const mode = runModeFor(runbook.name, context.settings, request.mode);
  const plan: RunPlan = {
    runbook: {
      name: runbook.name,
      description: runbook.description,
      version: runbook.documentVersion,
      ...(runbook.steps && { steps: runbook.steps }),
    },
    parameters: bound.values,
    accounts: resolved.accounts,
    regions: resolved.regions,
    targets: resolved.targets,
    skipped: resolved.skipped,
    mode,
    concurrency: request.concurrency ?? context.settings.defaultConcurrency,
    maxErrors: request.maxErrors ?? context.settings.defaultMaxErrors,
    reason: request.reason,
    policy: { rules: decision.rules, approvalTemplates: decision.approvalTemplates },
  };
  return { kind: 'planned', plan, runbook };
}

function accountOf(accounts: Account[], id: string): Account {
  const account = accounts.find((candidate) => candidate.id === id);
  if (!account) throw new Error(`resolved target ${id} is not among the resolved accounts`);
  return account;
}
