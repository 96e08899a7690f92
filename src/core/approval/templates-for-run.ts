// templatesForRun: which change template governs a run — the ones its policy rules name, and those whose `governs` matches.
import type { Account } from '../organization/organization.js';
import { compileGlob } from '../policy/compile-glob.js';
import { targetRank } from '../policy/rule-specificity.js';
import type { ChangeTemplate } from './change-template-schema.js';

export interface RunToGovern {
  runbook: string;
  /** Every account × region the run would touch. */
  targets: ReadonlyArray<{ account: Account; region: string }>;
  /** The templates named by the policy rules that allowed the run (`PolicyDecision.approvalTemplates`). */
  policyTemplates: readonly string[];
}

/** `several`: the caller refuses the run and asks to split it, one template per run. */
export type GoverningTemplates =
  | { kind: 'none' }
  | { kind: 'one'; template: ChangeTemplate }
  | { kind: 'several'; names: string[] };

/**
 * A template governs a run when a policy rule that allowed it names the template, or when its `governs`
 * matches at least one target: the runbook matches one of its globs, and the target's account and region
 * are covered (an account listed by id or name, or an OU in the account's path, nested ones included; an
 * omitted key covers any). A template without `governs` applies only where policy names it. Names come
 * back in the order the templates are defined.
 *
 * Throws when a policy names a template that does not exist: the config loader refuses such a file, so
 * this is a fault, and failing closed keeps a run that needs approval from starting without one.
 */
export function templatesForRun(templates: readonly ChangeTemplate[], run: RunToGovern): GoverningTemplates {
  const unknown = run.policyTemplates.filter((name) => !templates.some((template) => template.name === name));
  if (unknown.length > 0) throw new Error(`policy names undefined approval templates: ${unknown.join(', ')}`);
  const governing = templates.filter(
    (template) => run.policyTemplates.includes(template.name) || governsSomeTarget(template, run),
  );
  if (governing.length === 0) return { kind: 'none' };
  if (governing.length === 1) return { kind: 'one', template: governing[0]! };
  return { kind: 'several', names: governing.map((template) => template.name) };
}

function governsSomeTarget(template: ChangeTemplate, run: RunToGovern): boolean {
  const governs = template.governs;
  if (!governs) return false;
  if (governs.runbooks && !governs.runbooks.some((pattern) => compileGlob(pattern).test(run.runbook))) {
    return false;
  }
  return run.targets.some(
    ({ account, region }) =>
      (!governs.regions || governs.regions.includes(region)) && targetRank(governs, account) !== undefined,
  );
}
