// Event buses per account and region, with their rules and targets; every account and region has a default bus.
import type { SandboxClock } from '../clock.js';
import { BusPolicy } from './bus-policy.js';
import type { EventPattern } from './event-pattern.js';
import { busArn, DEFAULT_BUS, type EventsScope } from './events-arn.js';

export const RULE_STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'] as const;
export type RuleState = (typeof RULE_STATES)[number];

/** A rule target as PutTargets stored it; ListTargetsByRule echoes these fields. */
export interface RuleTarget {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  HttpParameters?: Record<string, unknown>;
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
}

export interface RuleRecord {
  name: string;
  arn: string;
  busName: string;
  pattern?: EventPattern;
  scheduleExpression?: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  /** The account that created the rule (CreatedBy). */
  createdBy: string;
  targets: Map<string, RuleTarget>;
}

export interface EventBusRecord {
  name: string;
  arn: string;
  scope: EventsScope;
  description?: string;
  policy: BusPolicy;
  rules: Map<string, RuleRecord>;
  creationTime: Date;
  lastModifiedTime: Date;
}

export class EventBusRegistry {
  private readonly buses = new Map<string, EventBusRecord>();

  constructor(private readonly clock: SandboxClock) {}

  /** The named bus; the default bus always exists, so it is made on first use. */
  get(scope: EventsScope, name: string): EventBusRecord | undefined {
    const existing = this.buses.get(key(scope, name));
    if (existing || name !== DEFAULT_BUS) return existing;
    return this.add(scope, DEFAULT_BUS);
  }

  create(scope: EventsScope, name: string, description?: string): EventBusRecord {
    return this.add(scope, name, description);
  }

  delete(scope: EventsScope, name: string): boolean {
    return this.buses.delete(key(scope, name));
  }

  /** The buses of one account and region, default first, then by name. */
  list(scope: EventsScope): EventBusRecord[] {
    this.get(scope, DEFAULT_BUS);
    return [...this.buses.values()]
      .filter((bus) => bus.scope.accountId === scope.accountId && bus.scope.region === scope.region)
      .sort((a, b) =>
        a.name === DEFAULT_BUS ? -1 : b.name === DEFAULT_BUS ? 1 : a.name.localeCompare(b.name),
      );
  }

  private add(scope: EventsScope, name: string, description?: string): EventBusRecord {
    const arn = busArn(scope, name);
    const now = this.clock.now();
    const bus: EventBusRecord = {
      name,
      arn,
      scope: { accountId: scope.accountId, region: scope.region },
      description,
      policy: new BusPolicy(arn),
      rules: new Map(),
      creationTime: now,
      lastModifiedTime: now,
    };
    this.buses.set(key(scope, name), bus);
    return bus;
  }
}

const key = (scope: EventsScope, name: string) => `${scope.accountId}/${scope.region}/${name}`;
