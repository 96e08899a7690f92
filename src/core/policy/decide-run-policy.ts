// decideRunPolicy: may this subject run this runbook at every one of these targets? A denial is a value.
import type { Account } from '../organization/organization.js';
import { applicableRules, winningRule } from './applicable-rules.js';
import type { PolicyRule } from './policy-schema.js';
import type { Subject } from './subject.js';

export interface RunPolicyRequest {
  runbook: string;
  /** Resolved targets: every account × region the run would touch. */
  targets: Array<{ account: Account; region: string }>;
}

/** The allow rule that won at one target. */
export interface TargetGrant {
  accountId: string;
  accountName: string;
  region: string;
  rule: string;
  approvalTemplate?: string;
}

export interface RunDenial {
  accountId: string;
  accountName: string;
  region: string;
  /** The deny rule that won here; undefined when no rule grants the target at all. */
  rule?: string;
}

export type PolicyDecision =
  | {
      kind: 'allow';
      /** The winning rule of each target, each named once, in target order. */
      rules: string[];
      /** The distinct change templates of the winning rules: empty means no approval is needed. */
      approvalTemplates: string[];
      perTarget: TargetGrant[];
    }
  | { kind: 'deny'; denials: RunDenial[] };

/**
 * Decides a run target by target, the most specific applicable rule winning at each (see
 * `rule-specificity.ts`). The run is allowed only when every target is; a denial lists exactly the targets
 * refused. An empty target set is denied with no denials: there is nothing to authorize, and callers are
 * expected to report "no targets" before asking.
 */
export function decideRunPolicy(
  policies: readonly PolicyRule[],
  subject: Subject,
  request: RunPolicyRequest,
): PolicyDecision {
  if (request.targets.length === 0) return { kind: 'deny', denials: [] };
  const applicable = applicableRules(policies, subject, request.runbook);
  const grants: TargetGrant[] = [];
  const denials: RunDenial[] = [];
  for (const { account, region } of request.targets) {
    const place = { accountId: account.id, accountName: account.name, region };
    const winner = winningRule(applicable, account, region)?.rule;
    if (winner?.effect === 'allow') {
      const template = winner.approvalTemplate;
      grants.push({ ...place, rule: winner.name, ...(template ? { approvalTemplate: template } : {}) });
    } else {
      denials.push({ ...place, ...(winner ? { rule: winner.name } : {}) });
    }
  }
  if (denials.length > 0) return { kind: 'deny', denials };
  return {
    kind: 'allow',
    rules: distinct(grants.map((grant) => grant.rule)),
    approvalTemplates: distinct(grants.flatMap((grant) => grant.approvalTemplate ?? [])),
    perTarget: grants,
  };
}

const distinct = (values: string[]): string[] => [...new Set(values)];
