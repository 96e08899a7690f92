// EventBridge API destinations: Create/Describe/List/DeleteApiDestination.
import { validationError } from '../aws-error.js';
import type { CallContext, OperationHandler } from '../service.js';
import { callerScope } from './caller-bus.js';
import type { ApiDestinationHttpMethod, ApiDestinationRecord } from './connection-store.js';
import { apiDestinationArn, RESOURCE_NAME } from './events-arn.js';
import { alreadyExists, notFound, OperationInput, page } from './operation-input.js';

const HTTP_METHODS: readonly ApiDestinationHttpMethod[] = [
  'POST',
  'GET',
  'HEAD',
  'OPTIONS',
  'PUT',
  'PATCH',
  'DELETE',
];
/** ListApiDestinations' ConnectionArn constraint, from the API reference. */
const CONNECTION_ARN =
  /^arn:aws([a-z]|-)*:events:([a-z]|\d|-)*:(\d{12})?:connection\/[.\-_A-Za-z0-9]+\/[-A-Za-z0-9]+$/;
// AWS's default and maximum invocation rate.
const DEFAULT_RATE_PER_SECOND = 300;

export const apiDestinationOperations: Record<string, OperationHandler> = {
  CreateApiDestination: (raw, ctx) => {
    const input = new OperationInput(raw);
    const name = input.string('Name', { pattern: RESOURCE_NAME, max: 64 });
    const scope = callerScope(ctx);
    const store = ctx.world.events.connections;
    if (store.apiDestination(scope, name))
      throw alreadyExists(`An api-destination '${name}' already exists.`);
    const connectionArn = input.string('ConnectionArn', { max: 1600 });
    const connection = store.connectionByArn(connectionArn);
    if (
      !connection ||
      connection.scope.accountId !== scope.accountId ||
      connection.scope.region !== scope.region
    ) {
      throw notFound(`Connection '${connectionArn.split('/')[1] ?? connectionArn}' does not exist.`);
    }
    const endpoint = input.string('InvocationEndpoint', { max: 2048 });
    // AWS invokes only HTTPS endpoints and refuses others at creation; plain HTTP only by the sandbox's option.
    const schemes = ctx.world.allowHttpApiDestinations ? ['https:', 'http:'] : ['https:'];
    if (!hasScheme(endpoint, schemes)) {
      throw validationError(`Invalid InvocationEndpoint ${endpoint}: the endpoint must be an HTTPS URL.`);
    }
    const method = input.optionalEnum('HttpMethod', HTTP_METHODS);
    if (method === undefined) throw validationError('Parameter(s) HttpMethod must be specified.');
    const uuid = ctx.world.ids.uuid();
    const now = ctx.world.clock.now();
    const destination: ApiDestinationRecord = {
      name,
      arn: apiDestinationArn(scope, name, uuid),
      scope,
      description: input.optionalString('Description', { max: 512 }),
      connectionArn: connection.arn,
      invocationEndpoint: endpoint,
      httpMethod: method,
      invocationRateLimitPerSecond:
        input.optionalNumber('InvocationRateLimitPerSecond', { min: 1, max: DEFAULT_RATE_PER_SECOND }) ??
        DEFAULT_RATE_PER_SECOND,
      state: 'ACTIVE',
      creationTime: now,
      lastModifiedTime: now,
    };
    store.addApiDestination(destination);
    return {
      ApiDestinationArn: destination.arn,
      ApiDestinationState: destination.state,
      CreationTime: destination.creationTime,
      LastModifiedTime: destination.lastModifiedTime,
    };
  },

  DescribeApiDestination: (raw, ctx) => {
    const destination = findDestination(new OperationInput(raw), ctx);
    return { ...summary(destination), Description: destination.description };
  },

  ListApiDestinations: (raw, ctx) => {
    const input = new OperationInput(raw);
    const prefix = input.optionalString('NamePrefix', { pattern: RESOURCE_NAME, max: 64 });
    const connectionArn = input.optionalString('ConnectionArn', { pattern: CONNECTION_ARN, max: 1600 });
    const limit = input.optionalNumber('Limit', { min: 1, max: 100 }) ?? 100;
    const destinations = ctx.world.events.connections
      .apiDestinationsIn(callerScope(ctx))
      .filter((destination) => prefix === undefined || destination.name.startsWith(prefix))
      .filter((destination) => connectionArn === undefined || destination.connectionArn === connectionArn);
    const result = page(destinations, input.optionalString('NextToken', { max: 2048 }), limit);
    return { ApiDestinations: result.items.map(summary), NextToken: result.nextToken };
  },

  DeleteApiDestination: (raw, ctx) => {
    const destination = findDestination(new OperationInput(raw), ctx);
    ctx.world.events.connections.deleteApiDestination(destination.scope, destination.name);
    return {};
  },
};

/** What DescribeApiDestination and ListApiDestinations both show (the list leaves out Description). */
const summary = (destination: ApiDestinationRecord) => ({
  ApiDestinationArn: destination.arn,
  Name: destination.name,
  ApiDestinationState: destination.state,
  ConnectionArn: destination.connectionArn,
  InvocationEndpoint: destination.invocationEndpoint,
  HttpMethod: destination.httpMethod,
  InvocationRateLimitPerSecond: destination.invocationRateLimitPerSecond,
  CreationTime: destination.creationTime,
  LastModifiedTime: destination.lastModifiedTime,
});

function findDestination(input: OperationInput, ctx: CallContext): ApiDestinationRecord {
  const name = input.string('Name', { pattern: RESOURCE_NAME, max: 64 });
  const destination = ctx.world.events.connections.apiDestination(callerScope(ctx), name);
  if (!destination)
    throw notFound(`Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`);
  return destination;
}

function hasScheme(text: string, schemes: readonly string[]): boolean {
  try {
    return schemes.includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
