// Reads what exists of the event delivery: the central bus and its resources, and each member's forwarding rule.
import {
  DescribeEventBusCommand,
  DescribeRuleCommand,
  type EventBridgeClient,
  ListApiDestinationsCommand,
  ListConnectionsCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { mapConcurrently } from '../../core/map-concurrently.js';
import { isRegionRefused } from '../aws-failure.js';
import type {
  ApiDestinationState,
  CentralDeliveryState,
  ConnectionState,
  DesiredEventDelivery,
  EventDeliveryState,
  MemberDeliveryState,
  RuleState,
} from './event-delivery.js';
import type { EventDeliveryClients } from './event-delivery-clients.js';

/** Member accounts read at once; each read is an AssumeRole (cached) and two EventBridge calls. */
const DEFAULT_CONCURRENCY = 8;

/**
 * What exists, for planning. A member that cannot be read (AssumeRole denied, EventBridge refusing) is marked
 * unreadable with AWS's reason and the others are read on (a region the account has not enabled is said as
 * such: AWS refuses the credentials there); a failure to read the operations account throws,
 * because nothing can be planned without it.
 */
export async function readEventDeliveryState(
  desired: DesiredEventDelivery,
  clients: EventDeliveryClients,
  options: { concurrency?: number } = {},
): Promise<EventDeliveryState> {
  const central = await readCentral(desired, clients.clientFor(desired.central));
  const members = await mapConcurrently(
    desired.members,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    async (member): Promise<MemberDeliveryState> => {
      try {
        const rule = await readRule(clients.clientFor(member.place), 'default', member.ruleName);
        return rule ? { place: member.place, rule } : { place: member.place };
      } catch (error) {
        if (isRegionRefused(error)) return { place: member.place, regionNotEnabled: true };
        return { place: member.place, unreadable: describeError(error) };
      }
    },
  );
  return { central, members };
}

async function readCentral(
  desired: DesiredEventDelivery,
  client: EventBridgeClient,
): Promise<CentralDeliveryState> {
  const busName = desired.bus.name;
  const bus = await ifFound(client.send(new DescribeEventBusCommand({ Name: busName })));
  const prefix = desired.resourcePrefix;
  const connections: ConnectionState[] = [];
  for await (const page of pages((NextToken) =>
    client.send(new ListConnectionsCommand({ NamePrefix: prefix, NextToken })),
  )) {
    for (const connection of page.Connections ?? []) {
      if (connection.Name && connection.ConnectionArn)
        connections.push({
          name: connection.Name,
          arn: connection.ConnectionArn,
          state: connection.ConnectionState,
        });
    }
  }
  const apiDestinations: ApiDestinationState[] = [];
  for await (const page of pages((NextToken) =>
    client.send(new ListApiDestinationsCommand({ NamePrefix: prefix, NextToken })),
  )) {
    for (const destination of page.ApiDestinations ?? []) {
      if (!destination.Name || !destination.ApiDestinationArn) continue;
      apiDestinations.push({
        name: destination.Name,
        arn: destination.ApiDestinationArn,
        connectionArn: destination.ConnectionArn,
        endpoint: destination.InvocationEndpoint,
        httpMethod: destination.HttpMethod,
      });
    }
  }
  // Without the bus there are no rules on it (and ListRules on a missing bus answers ResourceNotFound).
  const rule = bus ? await readRule(client, busName, desired.centralRule.name) : undefined;
  const otherRuleNames: string[] = [];
  if (bus) {
    for await (const page of pages((NextToken) =>
      client.send(new ListRulesCommand({ EventBusName: busName, NextToken })),
    )) {
      for (const listed of page.Rules ?? []) {
        if (listed.Name && listed.Name !== desired.centralRule.name) otherRuleNames.push(listed.Name);
      }
    }
  }
  return {
    ...(bus?.Arn ? { bus: { arn: bus.Arn, policy: bus.Policy } } : {}),
    connections,
    apiDestinations,
    ...(rule ? { rule } : {}),
    otherRuleNames,
  };
}

/** The rule and its targets, or undefined when the rule does not exist. */
async function readRule(
  client: EventBridgeClient,
  busName: string,
  ruleName: string,
): Promise<RuleState | undefined> {
  const described = await ifFound(
    client.send(new DescribeRuleCommand({ Name: ruleName, EventBusName: busName })),
  );
  if (!described) return undefined;
  const targets: RuleState['targets'] = [];
  for await (const page of pages((NextToken) =>
    client.send(new ListTargetsByRuleCommand({ Rule: ruleName, EventBusName: busName, NextToken })),
  )) {
    for (const target of page.Targets ?? []) {
      if (target.Id && target.Arn) {
        targets.push({
          id: target.Id,
          arn: target.Arn,
          ...(target.RoleArn ? { roleArn: target.RoleArn } : {}),
        });
      }
    }
  }
  return { pattern: described.EventPattern, state: described.State, targets };
}

/** Every page of a NextToken-paged list (the EventBridge client has no paginators). */
async function* pages<T extends { NextToken?: string }>(
  list: (nextToken: string | undefined) => Promise<T>,
): AsyncGenerator<T> {
  let nextToken: string | undefined;
  do {
    const page = await list(nextToken);
    yield page;
    nextToken = page.NextToken;
  } while (nextToken);
}

/** The answer, or undefined when AWS says the resource does not exist. */
async function ifFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** `AccessDenied: User … is not authorized …`: AWS's error name and message, as people read them. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message && error.message !== error.name ? `${error.name}: ${error.message}` : error.name;
}
