// The deploy templates and the bot agree: role names are the config's defaults, the events resources are what
// `ssm-chatops events setup` builds, every AWS call in the source is allowed to whoever makes it, and no role is
// granted what nobody calls.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUTOMATION_STATUS_PATTERN,
  desiredEventDelivery,
  EVENT_DELIVERY_NAMES,
} from '../../src/aws/events/desired-event-delivery.js';
import { organizationPermission } from '../../src/aws/events/organization-permission.js';
import { fileSchema } from '../../src/config/config-schema.js';
import { roleArn } from '../../src/core/organization/arn.js';
import { scanAwsCalls } from './support/aws-calls-in-source.js';
import {
  allows,
  type CloudFormationTemplate,
  listOf,
  loadTemplate,
  type PolicyStatement,
  permissionStatements,
  resolveIntrinsics,
  resourcesIn,
  type StackPlace,
  trustStatements,
} from './support/cloudformation-template.js';

const ROOT = resolve(import.meta.dirname, '../..');
const member = loadTemplate(resolve(ROOT, 'deploy/member-account.yaml'));
const operations = loadTemplate(resolve(ROOT, 'deploy/operations-account.yaml'));
const config = fileSchema.parse({});

const OPERATIONS_ACCOUNT = '111111111111';
const MEMBER_ACCOUNT = '222222222222';
const HOME_REGION = 'us-east-1';
const OTHER_REGION = 'eu-west-1';
const ORGANIZATION_ID = 'o-abcdefghij';
const EXTERNAL_ID = 'ssm-chatops-external-id';
const ENDPOINT_URL = 'https://bot.example.com/aws/events';

const memberIn = (region: string, accountId = MEMBER_ACCOUNT): StackPlace => ({
  accountId,
  region,
  parameters: { OperationsAccountId: OPERATIONS_ACCOUNT, HomeRegion: HOME_REGION, ExternalId: EXTERNAL_ID },
});
const operationsWith = (parameters: Record<string, string> = {}): StackPlace => ({
  accountId: OPERATIONS_ACCOUNT,
  region: HOME_REGION,
  parameters: {
    OrganizationId: ORGANIZATION_ID,
    EventsEndpointUrl: ENDPOINT_URL,
    EventsSecretArn: `arn:aws:secretsmanager:${HOME_REGION}:${OPERATIONS_ACCOUNT}:secret:ssm-chatops-events-AbCdEf`,
    ...parameters,
  },
});
const MEMBER_HOME = memberIn(HOME_REGION);
const OPERATIONS = operationsWith();

/** The resource's properties as CloudFormation would create them in `place`. */
function created(template: CloudFormationTemplate, place: StackPlace, logicalId: string) {
  const resource = resourcesIn(template, place)[logicalId];
  if (!resource) throw new Error(`${logicalId} is not created in ${place.accountId} ${place.region}`);
  return resolveIntrinsics(resource.Properties, template, place) as Record<string, unknown>;
}

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

/**
 * Who makes each AWS call, read from the code: the bot's own identity (task role) at home; the read role to follow
 * executions in members (ssm-automation-gateway describe/describeExecutions); the fan-out role to start, stop and
 * check fan-out places (gateway startInAccount/stop, ssm-target-readiness); whoever runs `events setup` at home
 * (operations account) and the events setup role in members (event-delivery-clients). `pending` marks calls that
 * other work of issue 16 makes (doctor, compliance): granted ahead, and not yet in this source.
 */
const CALLS_BY_PRINCIPAL: Record<Principal, Array<{ action: string; pending?: string }>> = {
  'task role': [
    ...[
      'sts:AssumeRole',
      'iam:PassRole',
      'ssm:StartAutomationExecution',
      'ssm:StopAutomationExecution',
      'ssm:GetAutomationExecution',
      'ssm:DescribeAutomationExecutions',
      'ssm:DescribeDocument',
      'ssm:GetDocument',
      'ssm:ListDocuments',
      'ssm:GetCalendarState',
      'organizations:DescribeOrganization',
      'organizations:ListRoots',
      'organizations:ListAccountsForParent',
      'organizations:ListOrganizationalUnitsForParent',
    ].map((action) => ({ action })),
    { action: 'organizations:ListAWSServiceAccessForOrganization', pending: 'doctor' },
    { action: 'organizations:ListDelegatedAdministrators', pending: 'doctor' },
  ],
  'events setup policy': [
    'sts:AssumeRole',
    'iam:PassRole',
    'organizations:DescribeOrganization',
    'organizations:ListRoots',
    'organizations:ListAccountsForParent',
    'organizations:ListOrganizationalUnitsForParent',
    'events:CreateEventBus',
    'events:DeleteEventBus',
    'events:DescribeEventBus',
    'events:PutPermission',
    'events:RemovePermission',
    'events:CreateConnection',
    'events:DeleteConnection',
    'events:DescribeConnection',
    'events:ListConnections',
    'events:CreateApiDestination',
    'events:DeleteApiDestination',
    'events:DescribeApiDestination',
    'events:ListApiDestinations',
    'events:ListRules',
    'events:PutRule',
    'events:DeleteRule',
    'events:DescribeRule',
    'events:PutTargets',
    'events:RemoveTargets',
    'events:ListTargetsByRule',
  ].map((action) => ({ action })),
  'read role': [
    { action: 'ssm:GetAutomationExecution' },
    { action: 'ssm:DescribeAutomationExecutions' },
    { action: 'events:DescribeRule', pending: 'doctor' },
    { action: 'events:ListTargetsByRule', pending: 'doctor' },
    { action: 'ssm:ListComplianceSummaries', pending: 'compliance' },
    { action: 'ssm:ListResourceComplianceSummaries', pending: 'compliance' },
    { action: 'ssm:DescribeInstancePatchStates', pending: 'compliance' },
    { action: 'ssm:DescribeInstanceInformation', pending: 'compliance' },
  ],
  'fan-out role': [
    'ssm:StartAutomationExecution',
    'ssm:StopAutomationExecution',
    'ssm:DescribeAutomationExecutions',
  ].map((action) => ({ action })),
  'events setup role': [
    'iam:PassRole',
    'events:DescribeRule',
    'events:ListTargetsByRule',
    'events:PutRule',
    'events:PutTargets',
    'events:RemoveTargets',
    'events:DeleteRule',
  ].map((action) => ({ action })),
  // Roles only AWS uses: the bot calls nothing as them.
  'administration role': [],
  'execution role': [],
  'events forward role': [],
  'events invoke role': [],
};

type Principal =
  | 'task role'
  | 'events setup policy'
  | 'read role'
  | 'fan-out role'
  | 'events setup role'
  | 'administration role'
  | 'execution role'
  | 'events forward role'
  | 'events invoke role';

/** Where each principal's permissions are. */
const HOLDERS: Record<Principal, [CloudFormationTemplate, StackPlace, string]> = {
  'task role': [operations, OPERATIONS, 'TaskRole'],
  'events setup policy': [operations, OPERATIONS, 'EventsSetupPolicy'],
  'administration role': [operations, OPERATIONS, 'AutomationAdministrationRole'],
  'events invoke role': [operations, OPERATIONS, 'EventsInvokeRole'],
  'read role': [member, MEMBER_HOME, 'ReadRole'],
  'fan-out role': [member, MEMBER_HOME, 'FanOutRole'],
  'events setup role': [member, MEMBER_HOME, 'EventsSetupRole'],
  'execution role': [member, MEMBER_HOME, 'AutomationExecutionRole'],
  'events forward role': [member, MEMBER_HOME, 'EventsForwardRole'],
};

/** What the templates grant for AWS itself to use, never called by the bot. */
const GRANTED_FOR_AWS: Partial<Record<Principal, string[]>> = {
  // AWS's own AWS-SystemsManager-AutomationExecutionRole / AdministrationRole templates.
  'execution role': [
    'resource-groups:ListGroupResources',
    'tag:GetResources',
    'ec2:DescribeInstances',
    'iam:PassRole',
  ],
  'administration role': ['sts:AssumeRole', 'organizations:ListAccountsForParent'],
  'events forward role': ['events:PutEvents'],
  'events invoke role': ['events:InvokeApiDestination'],
  // EventBridge keeps a connection's API key in a Secrets Manager secret, created as the caller.
  'events setup policy': [
    'secretsmanager:CreateSecret',
    'secretsmanager:UpdateSecret',
    'secretsmanager:DescribeSecret',
    'secretsmanager:DeleteSecret',
    'secretsmanager:GetSecretValue',
    'secretsmanager:PutSecretValue',
  ],
};

/** Calls that need a second permission: a role passed to the service is iam:PassRole by the caller. */
const IMPLIED_PERMISSIONS: Record<string, string[]> = {
  'ssm:StartAutomationExecution': ['iam:PassRole'], // AutomationAssumeRole of multi-account runs
  'events:PutTargets': ['iam:PassRole'], // the target's RoleArn
};

/** Calls IAM does not authorize. */
const NEEDS_NO_PERMISSION = new Set(['sts:GetCallerIdentity']);

/** The sandbox and the Slack emulator's playground call the local sandbox, never AWS. */
const scan = scanAwsCalls(ROOT, ['src'], ['src/sandbox/', 'src/slack-emulator/']);
const called = new Set(
  scan.calls
    .flatMap((call) => [call.action, ...(IMPLIED_PERMISSIONS[call.action] ?? [])])
    .filter((action) => !NEEDS_NO_PERMISSION.has(action)),
);

function statementsOf(
  template: CloudFormationTemplate,
  place: StackPlace,
  logicalId: string,
): PolicyStatement[] {
  const resource = resourcesIn(template, place)[logicalId];
  if (!resource) throw new Error(`${logicalId} is not created in ${place.accountId} ${place.region}`);
  return permissionStatements(resource, template, place);
}

const grantedActions = (statements: PolicyStatement[]) =>
  [...new Set(statements.filter((s) => s.Effect === 'Allow').flatMap((s) => listOf(s.Action)))].sort();

const principals = Object.keys(HOLDERS) as Principal[];

describe('permissions: every AWS call the bot makes is allowed to whoever makes it, and nothing more', () => {
  it('when the source is scanned, then it finds the calls of every gateway, paginators included', () => {
    const found = new Set(scan.calls.map((call) => call.action));
    for (const action of [
      'ssm:StartAutomationExecution',
      'ssm:ListDocuments',
      'ssm:GetCalendarState',
      'organizations:ListAccountsForParent',
      'sts:AssumeRole',
      'events:PutRule',
    ]) {
      expect(found).toContain(action);
    }
    expect(scan.unknownClients).toEqual([]);
  });

  it('when the source calls AWS, then each call is assigned to the principal that makes it', () => {
    const assigned = new Set(
      Object.values(CALLS_BY_PRINCIPAL).flatMap((calls) => calls.map((c) => c.action)),
    );
    const unassigned = scan.calls.filter((call) => called.has(call.action) && !assigned.has(call.action));
    expect(unassigned, 'add these to CALLS_BY_PRINCIPAL and grant them in deploy/').toEqual([]);
  });

  it('when a call is assigned to a principal, then the source still makes it (or other work of issue 16 will)', () => {
    const stale = Object.entries(CALLS_BY_PRINCIPAL).flatMap(([principal, calls]) =>
      calls
        .filter((call) => !call.pending && !called.has(call.action))
        .map((call) => `${principal}: ${call.action}`),
    );
    expect(stale, 'no longer called: remove from CALLS_BY_PRINCIPAL and from the role').toEqual([]);
  });

  it.each(principals)('when the bot acts as the %s, then every call it makes is allowed', (principal) => {
    const [template, place, logicalId] = HOLDERS[principal];
    const statements = statementsOf(template, place, logicalId);
    const denied = CALLS_BY_PRINCIPAL[principal]
      .map((call) => call.action)
      .filter((action) => !statements.some((s) => s.Effect === 'Allow' && listOf(s.Action).includes(action)));
    expect(denied).toEqual([]);
  });

  it.each(principals)(
    'when the %s is granted an action, then something calls it (least privilege)',
    (principal) => {
      const [template, place, logicalId] = HOLDERS[principal];
      const needed = new Set([
        ...CALLS_BY_PRINCIPAL[principal].map((call) => call.action),
        ...(GRANTED_FOR_AWS[principal] ?? []),
      ]);
      const extra = grantedActions(statementsOf(template, place, logicalId)).filter(
        (action) => !needed.has(action),
      );
      expect(extra, 'granted but never called').toEqual([]);
    },
  );

  it('when the templates hold a role or policy, then its permissions are checked here', () => {
    const holders = [
      ...Object.entries(operations.Resources).map(([id, r]) => [operations, id, r.Type] as const),
      ...Object.entries(member.Resources).map(([id, r]) => [member, id, r.Type] as const),
    ]
      .filter(([, , type]) => type === 'AWS::IAM::Role' || type === 'AWS::IAM::ManagedPolicy')
      .map(([template, id]) => `${template === operations ? 'operations' : 'member'}:${id}`);
    const checked = Object.values(HOLDERS).map(
      ([template, , id]) => `${template === operations ? 'operations' : 'member'}:${id}`,
    );
    expect(holders.sort()).toEqual(checked.sort());
  });

  it('when an action of a service the bot calls is granted, then the AWS SDK has that operation (no typos)', async () => {
    const clients: Record<string, Record<string, unknown>> = {
      ssm: await import('@aws-sdk/client-ssm'),
      sts: await import('@aws-sdk/client-sts'),
      organizations: await import('@aws-sdk/client-organizations'),
      events: await import('@aws-sdk/client-eventbridge'),
    };
    // Permissions without an API operation of their own.
    const permissionOnly = new Set(['events:InvokeApiDestination']);
    const unknown = principals.flatMap((principal) => {
      const [template, place, logicalId] = HOLDERS[principal];
      return grantedActions(statementsOf(template, place, logicalId)).filter((action) => {
        const [service = '', operation = ''] = action.split(':');
        const client = clients[service];
        return client && !permissionOnly.has(action) && !(`${operation}Command` in client);
      });
    });
    expect(unknown).toEqual([]);
  });

  it('when a permission is granted, then no statement allows every action of a service', () => {
    const broad = principals.flatMap((principal) => {
      const [template, place, logicalId] = HOLDERS[principal];
      return grantedActions(statementsOf(template, place, logicalId))
        .filter((action) => action.includes('*'))
        .map((action) => `${principal}: ${action}`);
    });
    expect(broad).toEqual([]);
  });
});

describe('trust: each role can be used exactly as the bot uses it', () => {
  const memberRole = (name: string) => roleArn(MEMBER_ACCOUNT, name);

  it.each([
    ['ReadRole', 'read role'],
    ['FanOutRole', 'fan-out role'],
    ['EventsSetupRole', 'events setup role'],
  ])('when the operations account assumes the %s, then it must send the ExternalId', (logicalId) => {
    expect(trustStatements(member.Resources[logicalId]!, member, MEMBER_HOME)).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${OPERATIONS_ACCOUNT}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } },
      },
    ]);
  });

  it('when multi-account Automation reaches a member, then the execution role trusts the administration role', () => {
    const trust = trustStatements(member.Resources.AutomationExecutionRole!, member, MEMBER_HOME);
    expect(trust).toContainEqual({
      Effect: 'Allow',
      Principal: { AWS: roleArn(OPERATIONS_ACCOUNT, config.aws.administrationRoleName) },
      Action: 'sts:AssumeRole',
    });
    const administration = statementsOf(operations, OPERATIONS, 'AutomationAdministrationRole');
    expect(allows(administration, 'sts:AssumeRole', memberRole(config.aws.executionRoleName))).toBe(true);
  });

  it('when the bot assumes member roles, then the task role allows the ARNs the gateways build, in the organization only', () => {
    const task = statementsOf(operations, OPERATIONS, 'TaskRole');
    for (const name of [config.aws.readRoleName, config.aws.fanOutRoleName]) {
      expect(allows(task, 'sts:AssumeRole', memberRole(name))).toBe(true);
    }
    expect(allows(task, 'sts:AssumeRole', memberRole(config.events.setupRoleName))).toBe(false);
    expect(allows(task, 'sts:AssumeRole', memberRole(config.aws.executionRoleName))).toBe(false);
    const memberRoles = task.find((s) =>
      listOf(s.Resource).some((r) => r.endsWith(`/${config.aws.readRoleName}`)),
    );
    expect(memberRoles?.Condition).toEqual({ StringEquals: { 'aws:ResourceOrgID': ORGANIZATION_ID } });
  });

  it('when a multi-account run starts, then the task role may pass the administration role to SSM only', () => {
    const task = statementsOf(operations, OPERATIONS, 'TaskRole');
    const administration = roleArn(OPERATIONS_ACCOUNT, config.aws.administrationRoleName);
    expect(allows(task, 'iam:PassRole', administration)).toBe(true);
    const passing = task.filter((s) => listOf(s.Action).includes('iam:PassRole'));
    expect(passing.flatMap((s) => listOf(s.Resource))).toEqual([administration]);
    expect(passing[0]?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } });
    // The readiness check proves the chain multi-account runs use: the task role may assume the administration role.
    expect(allows(task, 'sts:AssumeRole', administration)).toBe(true);
    expect(
      trustStatements(operations.Resources.AutomationAdministrationRole!, operations, OPERATIONS),
    ).toContainEqual({
      Effect: 'Allow',
      Principal: { AWS: roleArn(OPERATIONS_ACCOUNT, 'SsmChatOpsBot') },
      Action: 'sts:AssumeRole',
    });
  });

  it('when `events setup` runs, then it may assume the setup roles and pass the forward and invoke roles', () => {
    const setupPolicy = statementsOf(operations, OPERATIONS, 'EventsSetupPolicy');
    expect(allows(setupPolicy, 'sts:AssumeRole', memberRole(config.events.setupRoleName))).toBe(true);
    expect(
      allows(setupPolicy, 'iam:PassRole', roleArn(OPERATIONS_ACCOUNT, config.events.invokeRoleName)),
    ).toBe(true);
    const setupRole = statementsOf(member, MEMBER_HOME, 'EventsSetupRole');
    expect(allows(setupRole, 'iam:PassRole', memberRole(config.events.forwardRoleName))).toBe(true);
    const memberRule = `arn:aws:events:${OTHER_REGION}:${MEMBER_ACCOUNT}:rule/${EVENT_DELIVERY_NAMES.memberRule}`;
    expect(allows(setupRole, 'events:PutRule', memberRule)).toBe(true);
    const centralRule = `arn:aws:events:${HOME_REGION}:${OPERATIONS_ACCOUNT}:rule/${config.events.busName}/${EVENT_DELIVERY_NAMES.centralRule}`;
    expect(allows(setupPolicy, 'events:PutTargets', centralRule)).toBe(true);
  });
});
