// Matches an event against the rules of its bus and delivers it to each matching rule's targets.
import type { ApiDestinationInvoker, DeliverySettings } from './api-destination-invoker.js';
import type { ConnectionStore } from './connection-store.js';
import type { DeliveryLog, DeliveryRecord } from './delivery-log.js';
import type { DeliveryTracker } from './delivery-tracker.js';
import type { EventBusRecord, EventBusRegistry, RuleRecord, RuleTarget } from './event-bus-registry.js';
import type { AwsEvent } from './event-buses.js';
import { parseTargetArn } from './events-arn.js';
import { targetInput } from './target-input.js';

export interface EventRouterDeps {
  registry: EventBusRegistry;
  connections: ConnectionStore;
  tracker: DeliveryTracker;
  invoker: ApiDestinationInvoker;
  log: DeliveryLog;
  settings: () => DeliverySettings;
  /** The organization id when `accountId` is a member, for `aws:PrincipalOrgID` conditions. */
  orgIdOf: (accountId: string) => string | undefined;
}

type Delivery = { bus: EventBusRecord; rule: RuleRecord; target: RuleTarget; event: AwsEvent };
type Outcome = Pick<DeliveryRecord, 'outcome' | 'attempts' | 'status' | 'reason'>;

export class EventRouter {
  constructor(private readonly deps: EventRouterDeps) {}

  /**
   * Starts delivery of `event` to every target of every enabled rule on `bus` that matches it.
   * `forwarded` marks an event that reached this bus from another bus: EventBridge does not pass
   * such events on to a further bus.
   */
  route(bus: EventBusRecord, event: AwsEvent, forwarded = false): void {
    for (const rule of bus.rules.values()) {
      if (rule.state === 'DISABLED' || !rule.pattern?.matches(event)) continue;
      for (const target of rule.targets.values()) {
        const delivery = { bus, rule, target, event };
        this.deps.tracker.start(async () => this.record(delivery, await this.deliver(delivery, forwarded)));
      }
    }
  }

  private deliver(delivery: Delivery, forwarded: boolean): Promise<Outcome> | Outcome {
    const ref = parseTargetArn(delivery.target.Arn);
    switch (ref?.kind) {
      case 'event-bus':
        if (forwarded)
          return { outcome: 'dropped', reason: 'events from another bus are not forwarded again' };
        return this.forward(delivery, ref.scope, ref.name);
      case 'api-destination':
        return this.invoke(delivery, ref.scope, ref.name);
      default:
        return {
          outcome: 'dropped',
          reason: 'the sandbox delivers only to event buses and API destinations',
        };
    }
  }

  private forward({ bus, target, event }: Delivery, scope: EventBusRecord['scope'], name: string): Outcome {
    const destination = this.deps.registry.get(scope, name);
    if (!destination) return { outcome: 'failed', reason: `event bus ${target.Arn} does not exist` };
    // The bus owner's own buses in other regions need no resource policy; other accounts' buses do.
    const sender = bus.scope.accountId;
    const allowed =
      destination.scope.accountId === sender ||
      destination.policy.allowsPutEvents({
        accountId: sender,
        roleArn: target.RoleArn,
        orgId: this.deps.orgIdOf(sender),
        source: event.source,
        detailType: event['detail-type'],
      });
    if (!allowed) return { outcome: 'denied', reason: `${destination.arn} does not allow ${sender}` };
    this.route(destination, event, true);
    return { outcome: 'delivered' };
  }

  private async invoke(
    { bus, target, event }: Delivery,
    scope: EventBusRecord['scope'],
    name: string,
  ): Promise<Outcome> {
    if (scope.accountId !== bus.scope.accountId || scope.region !== bus.scope.region) {
      return { outcome: 'failed', reason: 'API destinations must be in the account and region of the rule' };
    }
    const destination = this.deps.connections.apiDestination(scope, name);
    if (!destination) return { outcome: 'failed', reason: `API destination ${name} does not exist` };
    const connection = this.deps.connections.connectionByArn(destination.connectionArn);
    if (connection?.state !== 'AUTHORIZED') {
      return { outcome: 'failed', reason: `connection ${destination.connectionArn} is not authorized` };
    }
    const retries = target.RetryPolicy?.MaximumRetryAttempts;
    const parameters = target.HttpParameters as
      | { HeaderParameters?: Record<string, string>; QueryStringParameters?: Record<string, string> }
      | undefined;
    const result = await this.deps.invoker.invoke({
      destination,
      connection,
      body: targetInput(target, event),
      targetParameters: parameters,
      maxAttempts: Math.max(1, Math.min(this.deps.settings().maxAttempts, (retries ?? Infinity) + 1)),
    });
    return result.delivered
      ? { outcome: 'delivered', attempts: result.attempts, status: result.status }
      : { outcome: 'failed', attempts: result.attempts, status: result.status, reason: result.error };
  }

  private record({ bus, rule, target, event }: Delivery, outcome: Outcome): void {
    this.deps.log.add({
      eventId: event.id,
      busArn: bus.arn,
      ruleArn: rule.arn,
      targetId: target.Id,
      targetArn: target.Arn,
      ...outcome,
    });
  }
}
