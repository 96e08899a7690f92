// What the run flows depend on: the ports, the organization-facing settings, and injected time and ids.
import type { RateLimit, RunMode } from '../core/command/ssm-command.js';
import type { PolicyRule } from '../core/policy/policy-schema.js';
import type {
  AccountDirectory,
  AutomationGateway,
  PeopleDirectory,
  RunbookCatalog,
  RunFollowScheduler,
  RunNotifier,
  RunStore,
} from '../ports.js';

export interface RunSettings {
  /** Where runs start (multi-account parents live here) and the operations account's region. */
  homeRegion: string;
  /** Regions runs may target; anything else is refused. */
  enabledRegions: string[];
  /** Regions used when the request names none. */
  defaultRegions: string[];
  defaultMode: RunMode;
  modeByRunbook: Record<string, RunMode>;
  defaultConcurrency: RateLimit;
  defaultMaxErrors: RateLimit;
  administrationRoleName: string;
  executionRoleName: string;
  /** How soon the follower looks again: `quickMs` while things move, backing off to `slowMs`. */
  followIntervals?: { quickMs: number; slowMs: number };
}

export interface Operators {
  users: string[];
  userGroups: string[];
}

export interface RunContext {
  runs: RunStore;
  catalog: RunbookCatalog;
  accounts: AccountDirectory;
  automation: AutomationGateway;
  people: PeopleDirectory;
  notifier: RunNotifier;
  scheduler: RunFollowScheduler;
  policies: PolicyRule[];
  operators: Operators;
  settings: RunSettings;
  now: () => Date;
  randomBytes: (size: number) => Uint8Array;
}
