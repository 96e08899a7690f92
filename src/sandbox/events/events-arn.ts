// ARNs of EventBridge resources: how they are built and what a target ARN points at.

export const DEFAULT_BUS = 'default';

/** Name patterns from the EventBridge API reference. */
export const BUS_NAME = /^[/.\-_A-Za-z0-9]+$/;
export const BUS_NAME_OR_ARN = /^(arn:aws[\w-]*:events:[a-z0-9-]+:\d{12}:event-bus\/)?[/.\-_A-Za-z0-9]+$/;
export const RESOURCE_NAME = /^[.\-_A-Za-z0-9]+$/;

/** Where a resource lives: every EventBridge resource is per account and region. */
export interface EventsScope {
  accountId: string;
  region: string;
}

export const busArn = ({ region, accountId }: EventsScope, name: string) =>
  `arn:aws:events:${region}:${accountId}:event-bus/${name}`;

/** Rules on the default bus have `rule/NAME`; rules on custom buses `rule/BUS/NAME`. */
export const ruleArn = ({ region, accountId }: EventsScope, busName: string, name: string) =>
  busName === DEFAULT_BUS
    ? `arn:aws:events:${region}:${accountId}:rule/${name}`
    : `arn:aws:events:${region}:${accountId}:rule/${busName}/${name}`;

export const connectionArn = ({ region, accountId }: EventsScope, name: string, uuid: string) =>
  `arn:aws:events:${region}:${accountId}:connection/${name}/${uuid}`;

export const apiDestinationArn = ({ region, accountId }: EventsScope, name: string, uuid: string) =>
  `arn:aws:events:${region}:${accountId}:api-destination/${name}/${uuid}`;

/** What a target ARN points at, as far as the sandbox can deliver. */
export type TargetRef =
  | { kind: 'event-bus'; scope: EventsScope; name: string }
  | { kind: 'api-destination'; scope: EventsScope; name: string }
  | { kind: 'other'; service: string };

const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/;

/** Parses any AWS ARN loosely; undefined when the text is not in ARN format. */
export function parseTargetArn(arn: string): TargetRef | undefined {
  const match = ARN.exec(arn);
  if (!match) return undefined;
  const [, service, region, accountId, resource] = match;
  if (service !== 'events' || !region || !accountId) return { kind: 'other', service: service! };
  const scope = { region, accountId };
  if (resource!.startsWith('event-bus/')) return { kind: 'event-bus', scope, name: resource!.slice(10) };
  if (resource!.startsWith('api-destination/')) {
    const [name] = resource!.slice(16).split('/');
    return name ? { kind: 'api-destination', scope, name } : undefined;
  }
  return { kind: 'other', service: 'events' };
}

/** An `EventBusName` parameter: a bare name in the caller's scope, or a bus ARN. */
export function resolveBusName(
  nameOrArn: string | undefined,
  caller: EventsScope,
): { scope: EventsScope; name: string } | undefined {
  if (nameOrArn === undefined || nameOrArn === '') return { scope: caller, name: DEFAULT_BUS };
  if (!nameOrArn.startsWith('arn:')) return { scope: caller, name: nameOrArn };
  const ref = parseTargetArn(nameOrArn);
  return ref?.kind === 'event-bus' ? { scope: ref.scope, name: ref.name } : undefined;
}
