// Finds the event bus an operation names, in the caller's own account and region.
import type { CallContext } from '../service.js';
import type { EventBusRecord } from './event-bus-registry.js';
import { type EventsScope, resolveBusName } from './events-arn.js';
import { notFound } from './operation-input.js';

export const callerScope = (ctx: CallContext): EventsScope => ({
  accountId: ctx.principal.accountId,
  region: ctx.region,
});

/** The bus `nameOrArn` names (default when absent); rules and permissions live only on the caller's own buses. */
export function callerBus(ctx: CallContext, nameOrArn: string | undefined): EventBusRecord {
  const scope = callerScope(ctx);
  const resolved = resolveBusName(nameOrArn, scope);
  const own =
    resolved && resolved.scope.accountId === scope.accountId && resolved.scope.region === scope.region;
  const bus = own ? ctx.world.events.buses.get(scope, resolved.name) : undefined;
  if (!bus) throw notFound(`Event bus ${resolved?.name ?? nameOrArn} does not exist.`);
  return bus;
}
