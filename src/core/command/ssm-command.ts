// What `/ssm …` can ask for, as a tagged union: the parser's only output.
import type { AskedWindow } from '../approval/change-window.js';

export type RunMode = 'multi-account' | 'fan-out';

/** "10" or "25%": how many targets at once, or how many errors are tolerated. */
export type RateLimit = { kind: 'count'; value: number } | { kind: 'percent'; value: number };

export interface RunTargets {
  /** Account ids or names as typed; `all` means every active account. Names are resolved later. */
  accounts: string[] | 'all';
  organizationalUnits: string[];
  excludeAccounts: string[];
  regions: string[];
  /**
   * Exact account × region pairs (a retry of some targets): when given, the run goes to exactly these, each
   * checked like any other target; `accounts`, `organizationalUnits` and `regions` then only say what they were.
   */
  pairs?: Array<{ accountId: string; region: string }>;
}

export interface RunCommand {
  kind: 'run';
  /** Undefined when the runbook was not given: the bot opens the modal instead. */
  runbook?: string;
  /** Raw `Name=value` values; typing against the runbook's schema happens later. */
  parameters: Record<string, string>;
  targets: RunTargets;
  mode?: RunMode;
  concurrency?: RateLimit;
  maxErrors?: RateLimit;
  reason?: string;
  /** Raise it as an emergency change: may start while a change calendar is CLOSED (who may is the template's). */
  emergency?: boolean;
  /** `--start-at`, `--end-by`: when a change may start, resolved against the clock by the use case. */
  window?: AskedWindow;
  dryRun: boolean;
}

/** Which places `/ssm compliance` shows; no accounts and no OUs means every account, no regions every enabled one. */
export interface ComplianceScope {
  accounts: string[];
  organizationalUnits: string[];
  regions: string[];
}

export type SsmCommand =
  | RunCommand
  | { kind: 'help'; topic?: string }
  | { kind: 'list'; prefix?: string }
  | { kind: 'status'; id: string }
  | { kind: 'cancel'; id: string }
  | { kind: 'history'; filter?: string; limit?: number }
  /** The organization readiness check (operators only). */
  | { kind: 'doctor' }
  /** Patch compliance of the accounts and regions named (none: every account, every enabled region). */
  | { kind: 'compliance'; scope: ComplianceScope }
  /** A mistake in the text: what was wrong, and how to write it. */
  | { kind: 'usage-error'; message: string; usage: string };

export const RUN_USAGE =
  '/ssm run <runbook> [Name=value …] [--accounts 111111111111,222222222222|all] [--ou ou-xxxx-yyyyyyyy …] ' +
  '[--exclude-accounts …] [--regions ap-northeast-1,us-east-1] [--mode multi-account|fan-out] ' +
  '[--concurrency N|N%] [--max-errors N|N%] [--reason "…"] [--start-at "in 2h"|ISO] [--end-by …] [--emergency] [--dry-run]';

export const SUBCOMMAND_USAGE = {
  run: RUN_USAGE,
  help: '/ssm help [command]',
  list: '/ssm list [prefix]',
  status: '/ssm status <run-id|change-id>',
  cancel: '/ssm cancel <run-id>',
  history: '/ssm history [runbook|@user|account] [--limit N]',
  doctor: '/ssm doctor',
  compliance:
    '/ssm compliance [--accounts 111111111111,payments-prod] [--ou ou-xxxx-yyyyyyyy …] [--regions …]',
} as const;
