// The deploy templates and the bot agree on permissions: every AWS call in the source is allowed to whoever makes
// it, no role is granted what nobody calls, and each role trusts exactly who uses it.
import { describe, expect, it } from 'vitest';
import { EVENT_DELIVERY_NAMES } from '../../src/aws/events/desired-event-delivery.js';
import { roleArn } from '../../src/core/organization/arn.js';
import { scanAwsCalls } from './support/aws-calls-in-source.js';
import {
  CALLS_BY_PRINCIPAL,
  GRANTED_FOR_AWS,
  HOLDERS,
  IMPLIED_PERMISSIONS,
  NEEDS_NO_PERMISSION,
  type Principal,
} from './support/calls-by-principal.js';
import { allows, listOf, type PolicyStatement, trustStatements } from './support/cloudformation-template.js';
import {
  config,
  EXTERNAL_ID,
  HOME_REGION,
  MEMBER_ACCOUNT,
  MEMBER_HOME,
  member,
  OPERATIONS,
  OPERATIONS_ACCOUNT,
  ORGANIZATION_ID,
  OTHER_REGION,
  operations,
  ROOT,
  statementsOf,
} from './support/deploy-stacks.js';

/** The sandbox and the Slack emulator's playground call the local sandbox, never AWS. */
const scan = scanAwsCalls(ROOT, ['src'], ['src/sandbox/', 'src/slack-emulator/']);
const called = new Set(
  scan.calls
    .flatMap((call) => [call.action, ...(IMPLIED_PERMISSIONS[call.action] ?? [])])
    .filter((action) => !NEEDS_NO_PERMISSION.has(action)),
);

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
