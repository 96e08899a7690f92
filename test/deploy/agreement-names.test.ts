// The deploy templates and the bot agree on names: role names are the config's defaults, and the events resources
// are what `ssm-chatops events setup` builds.
import { describe, expect, it } from 'vitest';
import {
  AUTOMATION_STATUS_PATTERN,
  desiredEventDelivery,
  EVENT_DELIVERY_NAMES,
} from '../../src/aws/events/desired-event-delivery.js';
import { organizationPermission } from '../../src/aws/events/organization-permission.js';
import { fileSchema } from '../../src/config/config-schema.js';
import { roleArn } from '../../src/core/organization/arn.js';
import {
  allows,
  resolveIntrinsics,
  resourcesIn,
  trustStatements,
} from './support/cloudformation-template.js';
import {
  config,
  created,
  ENDPOINT_URL,
  HOME_REGION,
  MEMBER_ACCOUNT,
  MEMBER_HOME,
  member,
  memberIn,
  OPERATIONS,
  OPERATIONS_ACCOUNT,
  ORGANIZATION_ID,
  OTHER_REGION,
  operations,
  operationsWith,
  statementsOf,
} from './support/deploy-stacks.js';

describe('role names: the templates default to the config defaults', () => {
  it.each([
    ['member', 'AdministrationRoleName', config.aws.administrationRoleName, member],
    ['member', 'ExecutionRoleName', config.aws.executionRoleName, member],
    ['member', 'ReadRoleName', config.aws.readRoleName, member],
    ['member', 'FanOutRoleName', config.aws.fanOutRoleName, member],
    ['member', 'EventsSetupRoleName', config.events.setupRoleName, member],
    ['member', 'EventsForwardRoleName', config.events.forwardRoleName, member],
    ['member', 'EventBusName', config.events.busName, member],
    ['operations', 'AdministrationRoleName', config.aws.administrationRoleName, operations],
    ['operations', 'ExecutionRoleName', config.aws.executionRoleName, operations],
    ['operations', 'ReadRoleName', config.aws.readRoleName, operations],
    ['operations', 'FanOutRoleName', config.aws.fanOutRoleName, operations],
    ['operations', 'EventsSetupRoleName', config.events.setupRoleName, operations],
    ['operations', 'EventsInvokeRoleName', config.events.invokeRoleName, operations],
    ['operations', 'EventBusName', config.events.busName, operations],
    ['operations', 'EventsHeaderName', config.events.headerName, operations],
  ])(
    'when the %s stack is deployed with defaults, then %s is %s',
    (_stack, parameter, expected, template) => {
      expect(template.Parameters[parameter]?.Default).toBe(expected);
    },
  );

  it('when the member stack is deployed, then it asks for the ExternalId as the config takes it (2+ characters, no default)', () => {
    const externalId = member.Parameters.ExternalId as { Default?: string; MinLength?: number };
    expect(externalId).toMatchObject({ Type: 'String', MinLength: 2 });
    expect(externalId.Default).toBeUndefined();
    expect(fileSchema.safeParse({ aws: { externalId: 'x' } }).success).toBe(false);
    expect(fileSchema.safeParse({ aws: { externalId: 'xy' } }).success).toBe(true);
  });

  it('when the member stack runs in the home region, then it creates the roles the bot assumes, by those names', () => {
    const names = Object.entries(resourcesIn(member, MEMBER_HOME))
      .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
      .map(([logicalId]) => created(member, MEMBER_HOME, logicalId).RoleName);
    expect(names.sort()).toEqual(
      [
        config.aws.executionRoleName,
        config.aws.readRoleName,
        config.aws.fanOutRoleName,
        config.events.setupRoleName,
        config.events.forwardRoleName,
      ].sort(),
    );
  });

  it('when the member stack runs in another region, then it creates no IAM role (they are global) but forwards events', () => {
    const types = Object.values(resourcesIn(member, memberIn(OTHER_REGION))).map((resource) => resource.Type);
    expect(types).toEqual(['AWS::Events::Rule']);
  });

  it('when a multi-account run starts, then the role it passes is the one the operations stack creates', () => {
    const passed = roleArn(OPERATIONS_ACCOUNT, config.aws.administrationRoleName);
    const arn = resolveIntrinsics(
      { 'Fn::GetAtt': ['AutomationAdministrationRole', 'Arn'] },
      operations,
      OPERATIONS,
    );
    expect(arn).toBe(passed);
  });
});

describe('events: the stacks build what `ssm-chatops events setup` builds', () => {
  const desired = desiredEventDelivery({
    homeRegion: HOME_REGION,
    operationsAccountId: OPERATIONS_ACCOUNT,
    organization: {
      id: ORGANIZATION_ID,
      rootId: 'r-root',
      managementAccountId: '999999999999',
      accounts: [OPERATIONS_ACCOUNT, MEMBER_ACCOUNT, '999999999999'].map((id) => ({
        id,
        name: id,
        status: 'ACTIVE' as const,
        path: ['r-root'],
      })),
      organizationalUnits: [],
    },
    busName: config.events.busName,
    headerName: config.events.headerName,
    secret: 'a-secret-of-sixteen-characters',
    endpointUrl: ENDPOINT_URL,
    regions: [HOME_REGION, OTHER_REGION],
    forwardRoleName: config.events.forwardRoleName,
    invokeRoleName: config.events.invokeRoleName,
  });

  it.each(desired.members.map((forwarding) => [forwarding.place.region, forwarding]))(
    'when the member stack runs in %s, then its forwarding rule is the one setup puts there',
    (region, forwarding) => {
      const rule = created(member, memberIn(region), 'ForwardAutomationStatusRule');
      expect(rule).toMatchObject({ Name: forwarding.ruleName, EventBusName: 'default', State: 'ENABLED' });
      expect(rule.EventPattern).toEqual(JSON.parse(forwarding.pattern));
      expect(rule.Targets).toEqual([
        { Id: forwarding.targetId, Arn: desired.bus.arn, RoleArn: forwarding.roleArn },
      ]);
    },
  );

  it('when the member stack runs in the operations account, then it forwards nothing (setup puts no rule there either)', () => {
    expect(desired.members.map((forwarding) => forwarding.place.accountId)).not.toContain(OPERATIONS_ACCOUNT);
    const inOperations = resourcesIn(member, memberIn(HOME_REGION, OPERATIONS_ACCOUNT));
    expect(inOperations).not.toHaveProperty('ForwardAutomationStatusRule');
  });

  it('when the operations stack has an endpoint, then bus, permission and rule are the ones setup makes', () => {
    const bus = created(operations, OPERATIONS, 'EventBus');
    expect(bus.Name).toBe(desired.bus.name);
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['EventBus', 'Arn'] }, operations, OPERATIONS)).toBe(
      desired.bus.arn,
    );

    const permission = created(operations, OPERATIONS, 'EventBusOrganizationPolicy');
    expect(permission.StatementId).toBe(desired.permission.statementId);
    // The policy as EventBridge stores it: `events setup` must read the stack's statement as its own.
    const stored = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: permission.StatementId, ...(permission.Statement as object) }],
    });
    expect(
      organizationPermission(stored, {
        statementId: desired.permission.statementId,
        organizationId: desired.organizationId,
        busArn: desired.bus.arn,
      }),
    ).toBe('present');

    const rule = created(operations, OPERATIONS, 'AutomationStatusRule');
    expect(rule).toMatchObject({ Name: desired.centralRule.name, EventBusName: desired.bus.name });
    expect(rule.EventPattern).toEqual(JSON.parse(desired.centralRule.pattern));
    expect(rule.EventPattern).toEqual(JSON.parse(AUTOMATION_STATUS_PATTERN));
    const apiDestinationArn = resolveIntrinsics(
      { 'Fn::GetAtt': ['BotApiDestination', 'Arn'] },
      operations,
      OPERATIONS,
    );
    expect(rule.Targets).toEqual([
      { Id: desired.centralRule.targetId, Arn: apiDestinationArn, RoleArn: desired.centralRule.roleArn },
    ]);
  });

  it('when the operations stack has an endpoint, then the API destination posts to it with the header setup uses', () => {
    const apiDestination = created(operations, OPERATIONS, 'BotApiDestination');
    expect(apiDestination).toMatchObject({
      InvocationEndpoint: desired.apiDestination.endpoint,
      HttpMethod: 'POST',
    });
    const connection = created(operations, OPERATIONS, 'BotConnection');
    expect(connection).toMatchObject({
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: desired.connection.headerName } },
    });
    // Names with setup's prefix are setup's generations, which it replaces and deletes: the stack's are not.
    for (const name of [connection.Name, apiDestination.Name]) {
      expect(name).not.toMatch(new RegExp(`^${EVENT_DELIVERY_NAMES.resourcePrefix}`));
    }
  });

  it('when the operations stack has no endpoint, then it makes no events resources but keeps the invoke role', () => {
    const types = Object.values(resourcesIn(operations, operationsWith({ EventsEndpointUrl: '' }))).map(
      (resource) => resource.Type,
    );
    expect(types.filter((type) => type.startsWith('AWS::Events::'))).toEqual([]);
    expect(created(operations, operationsWith({ EventsEndpointUrl: '' }), 'EventsInvokeRole').RoleName).toBe(
      config.events.invokeRoleName,
    );
  });

  it('when EventBridge delivers, then forward and invoke roles may do it, for the stack and for setup', () => {
    const forward = statementsOf(member, MEMBER_HOME, 'EventsForwardRole');
    expect(allows(forward, 'events:PutEvents', desired.bus.arn)).toBe(true);
    const invoke = statementsOf(operations, OPERATIONS, 'EventsInvokeRole');
    const setupApiDestination = `arn:aws:events:${HOME_REGION}:${OPERATIONS_ACCOUNT}:api-destination/${desired.apiDestination.name}/x`;
    const stackApiDestination = resolveIntrinsics(
      { 'Fn::GetAtt': ['BotApiDestination', 'Arn'] },
      operations,
      OPERATIONS,
    ) as string;
    expect(allows(invoke, 'events:InvokeApiDestination', setupApiDestination)).toBe(true);
    expect(allows(invoke, 'events:InvokeApiDestination', stackApiDestination)).toBe(true);
    for (const role of [
      trustStatements(member.Resources.EventsForwardRole!, member, MEMBER_HOME),
      trustStatements(operations.Resources.EventsInvokeRole!, operations, OPERATIONS),
    ]) {
      expect(role).toEqual([
        { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]);
    }
  });
});
