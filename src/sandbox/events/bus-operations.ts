// EventBridge operations on buses and their resource policies: Create/Delete/Describe/ListEventBuses,
// PutPermission and RemovePermission.
import { AwsServiceError, validationError } from '../aws-error.js';
import type { OperationHandler } from '../service.js';
import { parsePolicyDocument } from './bus-policy.js';
import { callerBus, callerScope } from './caller-bus.js';
import type { EventBusRecord } from './event-bus-registry.js';
import { BUS_NAME, BUS_NAME_OR_ARN, DEFAULT_BUS } from './events-arn.js';
import { alreadyExists, notFound, OperationInput, page } from './operation-input.js';

const STATEMENT_ID = /^[a-zA-Z0-9-_]{1,64}$/;
const MAX_POLICY_LENGTH = 10_240;

const describeBus = (bus: EventBusRecord) => ({
  Name: bus.name,
  Arn: bus.arn,
  Description: bus.description,
  Policy: bus.policy.document(),
  CreationTime: bus.creationTime,
  LastModifiedTime: bus.lastModifiedTime,
});

export const busOperations: Record<string, OperationHandler> = {
  CreateEventBus: (raw, ctx) => {
    const input = new OperationInput(raw);
    const name = input.string('Name', { pattern: BUS_NAME, max: 256 });
    const description = input.optionalString('Description', { max: 512 });
    if (input.raw('EventSourceName') !== undefined) {
      throw validationError('Partner event sources are not supported by the sandbox.');
    }
    if (name.includes('/')) throw validationError("Event bus name must not contain '/'.");
    const scope = callerScope(ctx);
    if (ctx.world.events.buses.get(scope, name)) throw alreadyExists(`Event bus ${name} already exists.`);
    const bus = ctx.world.events.buses.create(scope, name, description);
    return { EventBusArn: bus.arn, Description: bus.description };
  },

  DeleteEventBus: (raw, ctx) => {
    const name = new OperationInput(raw).string('Name', { pattern: BUS_NAME, max: 256 });
    if (name === DEFAULT_BUS) throw validationError('Cannot delete event bus default.');
    // Deleting a bus that does not exist succeeds, as at AWS; its rules go with it.
    ctx.world.events.buses.delete(callerScope(ctx), name);
    return {};
  },

  DescribeEventBus: (raw, ctx) => {
    const name = new OperationInput(raw).optionalString('Name', { pattern: BUS_NAME_OR_ARN, max: 1600 });
    return describeBus(callerBus(ctx, name));
  },

  ListEventBuses: (raw, ctx) => {
    const input = new OperationInput(raw);
    const prefix = input.optionalString('NamePrefix', { pattern: BUS_NAME, max: 256 });
    const limit = input.optionalNumber('Limit', { min: 1, max: 100 }) ?? 100;
    const buses = ctx.world.events.buses
      .list(callerScope(ctx))
      .filter((bus) => prefix === undefined || bus.name.startsWith(prefix));
    const result = page(buses, input.optionalString('NextToken', { max: 2048 }), limit);
    return { EventBuses: result.items.map(describeBus), NextToken: result.nextToken };
  },

  PutPermission: (raw, ctx) => {
    const input = new OperationInput(raw);
    const bus = callerBus(ctx, input.optionalString('EventBusName', { pattern: BUS_NAME, max: 256 }));
    const policy = input.optionalString('Policy');
    if (policy !== undefined) {
      if (policy.length > MAX_POLICY_LENGTH) {
        throw new AwsServiceError('PolicyLengthExceededException', 'The policy is too long.');
      }
      const statements = parsePolicyDocument(policy);
      if (typeof statements === 'string') throw validationError(statements);
      bus.policy.replace(statements);
    } else {
      const { sid, principal, condition } = readPermission(input);
      bus.policy.addPermission(sid, principal, condition);
    }
    bus.lastModifiedTime = ctx.world.clock.now();
    return {};
  },

  RemovePermission: (raw, ctx) => {
    const input = new OperationInput(raw);
    const bus = callerBus(ctx, input.optionalString('EventBusName', { pattern: BUS_NAME, max: 256 }));
    if (input.optionalBoolean('RemoveAllPermissions')) {
      bus.policy.clear();
    } else {
      const sid = input.string('StatementId', { pattern: STATEMENT_ID, max: 64 });
      if (bus.policy.isEmpty) throw notFound('EventBus does not have a policy.');
      if (!bus.policy.remove(sid)) throw notFound('Statement with the provided id does not exist.');
    }
    bus.lastModifiedTime = ctx.world.clock.now();
    return {};
  },
};

/** The single statement PutPermission describes with Action, Principal, StatementId and Condition. */
function readPermission(input: OperationInput) {
  const action = input.optionalString('Action', { max: 64 });
  const principal = input.optionalString('Principal', { max: 12 });
  const sid = input.optionalString('StatementId', { max: 64 });
  const rawCondition = input.raw('Condition') as
    | { Type?: unknown; Key?: unknown; Value?: unknown }
    | undefined;
  if (principal === undefined) throw validationError('Parameter Principal must be specified.');
  if (rawCondition && principal !== '*') {
    throw new AwsServiceError(
      'InvalidParameterValue',
      "Value of the parameter 'principal' must be '*' when the parameter 'condition' is set.",
    );
  }
  if (!/^(\d{12}|\*)$/.test(principal)) {
    throw new AwsServiceError(
      'InvalidParameterValue',
      `Value ${principal} at 'principal' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\d{12}|\\*)`,
    );
  }
  if (action !== 'events:PutEvents') {
    throw validationError("Provided value in parameter 'action' is not supported.");
  }
  if (sid === undefined || !STATEMENT_ID.test(sid)) {
    throw new AwsServiceError('InvalidParameterValue', 'StatementId must match ^[a-zA-Z0-9-_]{1,64}$');
  }
  let condition: { type: string; key: string; value: string } | undefined;
  if (rawCondition) {
    const { Type, Key, Value } = rawCondition;
    if (Type !== 'StringEquals') throw validationError('Condition Type must be StringEquals.');
    if (Key !== 'aws:PrincipalOrgID') throw validationError('Condition Key must be aws:PrincipalOrgID.');
    if (typeof Value !== 'string' || Value.length === 0)
      throw validationError('Condition Value must be specified.');
    condition = { type: Type, key: Key, value: Value };
  }
  return { sid, principal, condition };
}
