// EventBridge PutEvents: custom events from callers, checked entry by entry, then routed like any other event.
import type { CallContext, OperationHandler } from '../service.js';
import { callerScope } from './caller-bus.js';
import type { EventBusRecord } from './event-bus-registry.js';
import type { AwsEvent } from './event-buses.js';
import { resolveBusName } from './events-arn.js';
import { OperationInput } from './operation-input.js';

type Failure = { ErrorCode: string; ErrorMessage: string };
type Accepted = { bus: EventBusRecord; event: AwsEvent };

const failure = (ErrorCode: string, ErrorMessage: string): Failure => ({ ErrorCode, ErrorMessage });
const requiredArgument = (name: string) =>
  failure('InvalidArgument', `Parameter ${name} is not valid. Reason: ${name} is a required argument.`);
const isFailure = (value: object): value is Failure => 'ErrorCode' in value;

export const putEventsOperation: OperationHandler = (raw, ctx) => {
  const entries = new OperationInput(raw).list('Entries', { min: 1, max: 10 });
  const accepted: Accepted[] = [];
  const results = entries.map((entry) => {
    const checked = checkEntry((entry ?? {}) as Record<string, unknown>, ctx);
    if (isFailure(checked)) return checked;
    accepted.push(checked);
    return { EventId: checked.event.id };
  });
  // Delivery starts only after the whole request is checked, and runs after the answer is sent.
  for (const { bus, event } of accepted) ctx.world.events.putOnBus(bus, event);
  return {
    FailedEntryCount: results.filter(isFailure).length,
    Entries: results,
  };
};

function checkEntry(entry: Record<string, unknown>, ctx: CallContext): Accepted | Failure {
  const { Source, DetailType, Detail, EventBusName, Resources, Time } = entry;
  if (typeof Source !== 'string' || Source === '') return requiredArgument('Source');
  if (typeof DetailType !== 'string' || DetailType === '') return requiredArgument('DetailType');
  if (typeof Detail !== 'string' || Detail === '') return requiredArgument('Detail');
  let detail: unknown;
  try {
    detail = JSON.parse(Detail);
  } catch {
    return failure('MalformedDetail', 'Detail is malformed.');
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return failure('MalformedDetail', 'Detail is malformed.');
  }
  // Sources beginning with `aws.` belong to AWS services; callers cannot impersonate them.
  if (Source.startsWith('aws.'))
    return failure('NotAuthorizedForSourceException', 'Not authorized for the source.');
  if (
    Resources !== undefined &&
    (!Array.isArray(Resources) || !Resources.every((r) => typeof r === 'string'))
  ) {
    return failure('InvalidArgument', 'Parameter Resources is not valid.');
  }
  const bus = targetBus(ctx, typeof EventBusName === 'string' ? EventBusName : undefined, Source, DetailType);
  if (isFailure(bus)) return bus;
  const time = typeof Time === 'number' ? new Date(Time * 1000) : ctx.world.clock.now();
  const event: AwsEvent = {
    version: '0',
    id: ctx.world.ids.uuid(),
    'detail-type': DetailType,
    source: Source,
    account: ctx.principal.accountId,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: bus.scope.region,
    resources: (Resources as string[] | undefined) ?? [],
    detail: detail as Record<string, unknown>,
  };
  return { bus, event };
}

/** The caller's own bus, or another account's bus whose policy lets the caller put events on it. */
function targetBus(
  ctx: CallContext,
  nameOrArn: string | undefined,
  source: string,
  detailType: string,
): EventBusRecord | Failure {
  const scope = callerScope(ctx);
  const resolved = resolveBusName(nameOrArn, scope);
  if (!resolved || resolved.scope.region !== scope.region) {
    return failure('InvalidArgument', 'Parameter EventBusName is not valid.');
  }
  const events = ctx.world.events;
  const bus = events.buses.get(resolved.scope, resolved.name);
  if (!bus) return failure('ResourceNotFoundException', `Event bus ${resolved.name} does not exist.`);
  if (bus.scope.accountId === scope.accountId) return bus;
  const allowed = bus.policy.allowsPutEvents({
    accountId: scope.accountId,
    roleArn: ctx.principal.roleArn,
    orgId: events.orgIdOf(scope.accountId),
    source,
    detailType,
  });
  return allowed
    ? bus
    : failure(
        'AccessDeniedException',
        `User: ${ctx.principal.arn} is not authorized to perform: events:PutEvents on resource: ${bus.arn}`,
      );
}
