// What a run request resolved to: the runbook, checked parameters, the account × region matrix and limits.
import type { RateLimit, RunMode } from '../command/ssm-command.js';
import type { Account, Target } from '../organization/organization.js';

export interface RunPlan {
  runbook: { name: string; description?: string; version?: string; steps?: string[] };
  /** Values as SSM takes them, checked against the runbook's schema; the bot-managed role is not in here. */
  parameters: Record<string, string[]>;
  accounts: Account[];
  regions: string[];
  /** accounts × regions, in the order runs start and the thread lists them. */
  targets: Target[];
  /** Accounts an OU or `all` covered but that cannot run (suspended), so the preview can say so. */
  skipped: Array<{ account: Account; reason: string }>;
  mode: RunMode;
  concurrency: RateLimit;
  maxErrors: RateLimit;
  reason?: string;
  /** The policy rules that allowed it, and the change templates that govern it (empty: no approval). */
  policy: { rules: string[]; approvalTemplates: string[] };
}
