// planEventDelivery / planEventTeardown: pure plans from what exists to what should, in a safe order.
import { describe, expect, it } from 'vitest';
import {
  desiredEventDelivery,
  type EventDeliverySettings,
} from '../../src/aws/events/desired-event-delivery.js';
import {
  type DesiredEventDelivery,
  type EventDeliveryPlan,
  type EventDeliveryState,
  samePlace,
} from '../../src/aws/events/event-delivery.js';
import { planEventDelivery } from '../../src/aws/events/plan-event-delivery.js';
import { planEventTeardown } from '../../src/aws/events/plan-event-teardown.js';
import {
  anAccount,
  anOrganization,
  HOME_ACCOUNT_ID,
  MANAGEMENT_ACCOUNT_ID,
} from '../support/organization-builder.js';

const ORGANIZATION = anOrganization({
  accounts: [
    anAccount({ id: MANAGEMENT_ACCOUNT_ID, name: 'management' }),
    anAccount({ id: HOME_ACCOUNT_ID, name: 'operations' }),
    anAccount({ id: '333333333301', name: 'payments-prod' }),
    anAccount({ id: '555555555501', name: 'dev-shared' }),
    anAccount({ id: '777777777701', name: 'legacy', status: 'SUSPENDED' }),
  ],
});

function aDesiredDelivery(overrides: Partial<EventDeliverySettings> = {}): DesiredEventDelivery {
  return desiredEventDelivery({
    homeRegion: 'ap-northeast-1',
    operationsAccountId: HOME_ACCOUNT_ID,
    organization: ORGANIZATION,
    busName: 'ssm-chatops',
    headerName: 'x-ssm-chatops-secret',
    secret: 'plan-test-secret-0123456789',
    endpointUrl: 'https://chatops.example.com/aws/events',
    regions: ['ap-northeast-1', 'us-east-1'],
    forwardRoleName: 'SsmChatOpsEventsForward',
    invokeRoleName: 'SsmChatOpsEventsInvokeRole',
    ...overrides,
  });
}

const NOTHING: EventDeliveryState = {
  central: { connections: [], apiDestinations: [], otherRuleNames: [] },
  members: [],
};

/** What exists after a successful setup for `desired`. */
function stateAfterSetup(desired: DesiredEventDelivery): EventDeliveryState {
  const { accountId, region } = desired.central;
  const connectionArn = `arn:aws:events:${region}:${accountId}:connection/${desired.connection.name}/c-1`;
  const destinationArn = `arn:aws:events:${region}:${accountId}:api-destination/${desired.apiDestination.name}/d-1`;
  return {
    central: {
      bus: {
        arn: desired.bus.arn,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: desired.permission.statementId,
              Effect: 'Allow',
              Principal: '*',
              Action: 'events:PutEvents',
              Resource: desired.bus.arn,
              Condition: { StringEquals: { 'aws:PrincipalOrgID': desired.organizationId } },
            },
          ],
        }),
      },
      connections: [{ name: desired.connection.name, arn: connectionArn, state: 'AUTHORIZED' }],
      apiDestinations: [
        {
          name: desired.apiDestination.name,
          arn: destinationArn,
          connectionArn,
          endpoint: desired.apiDestination.endpoint,
          httpMethod: 'POST',
        },
      ],
      rule: {
        pattern: desired.centralRule.pattern,
        state: 'ENABLED',
        targets: [
          { id: desired.centralRule.targetId, arn: destinationArn, roleArn: desired.centralRule.roleArn },
        ],
      },
      otherRuleNames: [],
    },
    members: desired.members.map((member) => ({
      place: member.place,
      rule: {
        pattern: member.pattern,
        state: 'ENABLED',
        targets: [{ id: member.targetId, arn: desired.bus.arn, roleArn: member.roleArn }],
      },
    })),
  };
}

const lines = (plan: EventDeliveryPlan) =>
  plan.actions.map((action) => `${action.change} ${action.sentence}`);

describe('desiredEventDelivery', () => {
  it('when the organization has management, operations, suspended and member accounts, then only ACTIVE members in every region forward', () => {
    const desired = aDesiredDelivery();
    expect(desired.members.map((member) => `${member.place.accountId} ${member.place.region}`)).toEqual([
      '333333333301 ap-northeast-1',
      '333333333301 us-east-1',
      '555555555501 ap-northeast-1',
      '555555555501 us-east-1',
    ]);
    expect(desired.bus.arn).toBe('arn:aws:events:ap-northeast-1:222222222222:event-bus/ssm-chatops');
    expect(desired.members[0]!.roleArn).toBe('arn:aws:iam::333333333301:role/SsmChatOpsEventsForward');
  });

  it('when the secret, header or endpoint changes, then the connection and API destination get new names; otherwise the names are stable', () => {
    const base = aDesiredDelivery();
    expect(aDesiredDelivery().connection.name).toBe(base.connection.name);
    expect(base.connection.name).toMatch(/^ssm-chatops-events-[0-9a-f]{10}$/);
    expect(aDesiredDelivery({ secret: 'another-secret-0123456789' }).connection.name).not.toBe(
      base.connection.name,
    );
    expect(aDesiredDelivery({ headerName: 'x-other' }).connection.name).not.toBe(base.connection.name);
    const moved = aDesiredDelivery({ endpointUrl: 'https://elsewhere.example.com/aws/events' });
    expect(moved.connection.name).toBe(base.connection.name);
    expect(moved.apiDestination.name).not.toBe(base.apiDestination.name);
    expect(JSON.stringify(base)).not.toContain('plan-test-secret');
  });
});

describe('planEventDelivery', () => {
  it('when nothing exists, then the central resources come first in dependency order, then each member place', () => {
    const desired = aDesiredDelivery();
    const plan = planEventDelivery(NOTHING, desired);
    const { connection, apiDestination } = desired;
    expect(lines(plan)).toEqual([
      'create create event bus ssm-chatops in 222222222222 ap-northeast-1',
      'create allow the accounts of organization o-sbx7k2m9q4 to put events on bus ssm-chatops (statement ssm-chatops-organization)',
      `create create connection ${connection.name} (API key in header x-ssm-chatops-secret)`,
      `create create API destination ${apiDestination.name}: POST https://chatops.example.com/aws/events`,
      'create create rule ssm-chatops-automation-status on bus ssm-chatops in 222222222222 ap-northeast-1 for Automation status changes',
      `create send the events of rule ssm-chatops-automation-status to API destination ${apiDestination.name} (as arn:aws:iam::222222222222:role/SsmChatOpsEventsInvokeRole)`,
      ...['333333333301', '555555555501'].flatMap((account) =>
        ['ap-northeast-1', 'us-east-1'].flatMap((region) => [
          `create create rule ssm-chatops-forward-automation-status in ${account} ${region} for Automation status changes`,
          `create forward the events of rule ssm-chatops-forward-automation-status in ${account} ${region} to arn:aws:events:ap-northeast-1:222222222222:event-bus/ssm-chatops (as arn:aws:iam::${account}:role/SsmChatOpsEventsForward)`,
        ]),
      ),
    ]);
    expect(plan.unreachable).toEqual([]);
    expect(plan.actions[5]!.step).toMatchObject({
      kind: 'put-target',
      arn: { apiDestination: apiDestination.name },
    });
  });

  it('when everything is as setup left it, then there is nothing to do', () => {
    const desired = aDesiredDelivery();
    expect(planEventDelivery(stateAfterSetup(desired), desired)).toEqual({ actions: [], unreachable: [] });
  });

  it.each([
    ['"*"', '*'],
    ['{"AWS": "*"}', { AWS: '*' }],
    ['{"AWS": "arn:aws:iam::*:root"}', { AWS: 'arn:aws:iam::*:root' }],
    ['{"AWS": ["*"]}', { AWS: ['*'] }],
  ])(
    'when the organization-wide permission comes back with Principal %s, then setup leaves it alone',
    (_, principal) => {
      const desired = aDesiredDelivery();
      const current = stateAfterSetup(desired);
      const policy = JSON.parse(current.central.bus!.policy!);
      policy.Statement[0].Principal = principal;
      current.central.bus!.policy = JSON.stringify(policy);
      expect(planEventDelivery(current, desired)).toEqual({ actions: [], unreachable: [] });
    },
  );

  it.each([
    ['one account', { AWS: 'arn:aws:iam::333333333301:root' }],
    ['a service', { Service: 'events.amazonaws.com' }],
    ['everyone and a service', { AWS: '*', Service: 'events.amazonaws.com' }],
  ])(
    'when the permission statement grants %s instead of every account, then it is replaced',
    (_, principal) => {
      const desired = aDesiredDelivery();
      const current = stateAfterSetup(desired);
      const policy = JSON.parse(current.central.bus!.policy!);
      policy.Statement[0].Principal = principal;
      current.central.bus!.policy = JSON.stringify(policy);
      expect(planEventDelivery(current, desired).actions).toMatchObject([
        { change: 'update', step: { kind: 'put-permission', replace: true } },
      ]);
    },
  );

  it('when a rule pattern differs only in key order and spacing, then it is left alone', () => {
    const desired = aDesiredDelivery();
    const current = stateAfterSetup(desired);
    const reordered = JSON.stringify(
      { 'detail-type': JSON.parse(desired.centralRule.pattern)['detail-type'], source: ['aws.ssm'] },
      null,
      2,
    );
    current.central.rule!.pattern = reordered;
    expect(planEventDelivery(current, desired).actions).toEqual([]);
  });

  it('when the secret changed, then a new connection and API destination are made, the target moves, and only then the old ones are deleted', () => {
    const before = aDesiredDelivery();
    const after = aDesiredDelivery({ secret: 'rotated-secret-0123456789' });
    const plan = planEventDelivery(stateAfterSetup(before), after);
    expect(lines(plan)).toEqual([
      `create create connection ${after.connection.name} (API key in header x-ssm-chatops-secret)`,
      `create create API destination ${after.apiDestination.name}: POST https://chatops.example.com/aws/events`,
      `update send the events of rule ssm-chatops-automation-status to API destination ${after.apiDestination.name} (as arn:aws:iam::222222222222:role/SsmChatOpsEventsInvokeRole)`,
      `delete delete API destination ${before.apiDestination.name}: replaced by ${after.apiDestination.name}`,
      `delete delete connection ${before.connection.name}: replaced by ${after.connection.name}`,
    ]);
  });

  it('when only the endpoint changed, then the connection is kept and the API destination replaced', () => {
    const before = aDesiredDelivery();
    const after = aDesiredDelivery({ endpointUrl: 'https://new.example.com/aws/events' });
    expect(
      planEventDelivery(stateAfterSetup(before), after).actions.map((action) => action.step.kind),
    ).toEqual(['create-api-destination', 'put-target', 'delete-api-destination']);
  });

  it('when the API destination of the wanted name was edited by hand, then it is deleted and made again', () => {
    const desired = aDesiredDelivery();
    const current = stateAfterSetup(desired);
    current.central.apiDestinations[0]!.endpoint = 'https://tampered.example.com/';
    expect(planEventDelivery(current, desired).actions.map((action) => action.step.kind)).toEqual([
      'delete-api-destination',
      'create-api-destination',
      'put-target',
    ]);
  });

  it('when the permission statement names another organization, then it is replaced', () => {
    const desired = aDesiredDelivery();
    const current = stateAfterSetup(desired);
    current.central.bus!.policy = current.central.bus!.policy!.replace('o-sbx7k2m9q4', 'o-someoneelse1');
    const plan = planEventDelivery(current, desired);
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]).toMatchObject({
      change: 'update',
      step: { kind: 'put-permission', replace: true, organizationId: 'o-sbx7k2m9q4' },
    });
  });

  it('when the bus policy is not JSON, then the permission is put as if absent', () => {
    const desired = aDesiredDelivery();
    const current = stateAfterSetup(desired);
    current.central.bus!.policy = '{not json';
    expect(planEventDelivery(current, desired).actions[0]).toMatchObject({
      change: 'create',
      step: { kind: 'put-permission', replace: false },
    });
  });

  it('when a member rule is disabled and its target points elsewhere, then both are updated there only', () => {
    const desired = aDesiredDelivery();
    const current = stateAfterSetup(desired);
    const member = current.members[1]!;
    if (!('rule' in member) || !member.rule) throw new Error('expected a rule');
    member.rule.state = 'DISABLED';
    member.rule.targets[0]!.arn = 'arn:aws:events:ap-northeast-1:999999999999:event-bus/default';
    expect(lines(planEventDelivery(current, desired))).toEqual([
      'update update rule ssm-chatops-forward-automation-status in 333333333301 us-east-1 for Automation status changes (its state is not ENABLED)',
      'update forward the events of rule ssm-chatops-forward-automation-status in 333333333301 us-east-1 to arn:aws:events:ap-northeast-1:222222222222:event-bus/ssm-chatops (as arn:aws:iam::333333333301:role/SsmChatOpsEventsForward)',
    ]);
  });

  it('when a member account has not enabled a region, then nothing is planned there and it is not unreachable', () => {
    const desired = aDesiredDelivery();
    const place = desired.members[0]!.place;
    const plan = planEventDelivery({ ...NOTHING, members: [{ place, regionNotEnabled: true }] }, desired);
    expect(plan.notEnabled).toEqual([place]);
    expect(plan.unreachable).toEqual([]);
    expect(plan.actions.some((action) => samePlace(action.place, place))).toBe(false);
    expect(planEventTeardown({ ...NOTHING, members: [{ place, regionNotEnabled: true }] }, desired)).toEqual({
      actions: [],
      unreachable: [],
      notEnabled: [place],
    });
  });

  it('when a member place could not be read, then it is reported unreachable and the others are still planned', () => {
    const desired = aDesiredDelivery();
    const current: EventDeliveryState = {
      ...NOTHING,
      members: [{ place: desired.members[0]!.place, unreadable: 'AccessDenied: not authorized' }],
    };
    const plan = planEventDelivery(current, desired);
    expect(plan.unreachable).toEqual([
      {
        place: { accountId: '333333333301', region: 'ap-northeast-1' },
        reason: 'AccessDenied: not authorized',
      },
    ]);
    expect(
      plan.actions.some(
        (action) => action.place.accountId === '333333333301' && action.place.region === 'ap-northeast-1',
      ),
    ).toBe(false);
    expect(plan.actions.filter((action) => action.place.accountId === '555555555501')).toHaveLength(4);
  });

  it('when the central bus is the default bus, then no bus is created', () => {
    const desired = aDesiredDelivery({ busName: 'default' });
    const kinds = planEventDelivery(NOTHING, desired).actions.map((action) => action.step.kind);
    expect(kinds).not.toContain('create-event-bus');
    expect(kinds[0]).toBe('put-permission');
  });
});

describe('planEventTeardown', () => {
  it('when setup is complete, then members stop forwarding first, then the central rule, API destination, connection, permission and bus go', () => {
    const desired = aDesiredDelivery();
    const plan = planEventTeardown(stateAfterSetup(desired), desired);
    const central = plan.actions.filter((action) => action.place.accountId === HOME_ACCOUNT_ID);
    expect(plan.actions.slice(0, 2).map((action) => action.sentence)).toEqual([
      'remove the targets of rule ssm-chatops-forward-automation-status in 333333333301 ap-northeast-1',
      'delete rule ssm-chatops-forward-automation-status in 333333333301 ap-northeast-1',
    ]);
    expect(plan.actions.slice(-central.length)).toEqual(central);
    expect(central.map((action) => action.step.kind)).toEqual([
      'remove-targets',
      'delete-rule',
      'delete-api-destination',
      'delete-connection',
      'remove-permission',
      'delete-event-bus',
    ]);
    expect(plan.actions.every((action) => action.change === 'delete')).toBe(true);
  });

  it('when nothing exists, then there is nothing to do', () => {
    expect(planEventTeardown(NOTHING, aDesiredDelivery())).toEqual({ actions: [], unreachable: [] });
  });

  it('when other rules live on the central bus, then the bus is kept', () => {
    const desired = aDesiredDelivery();
    const current = stateAfterSetup(desired);
    current.central.otherRuleNames = ['someone-elses-rule'];
    const kinds = planEventTeardown(current, desired).actions.map((action) => action.step.kind);
    expect(kinds).not.toContain('delete-event-bus');
  });

  it('when the central bus is the default bus, then it is never deleted', () => {
    const desired = aDesiredDelivery({ busName: 'default' });
    const kinds = planEventTeardown(stateAfterSetup(desired), desired).actions.map(
      (action) => action.step.kind,
    );
    expect(kinds).not.toContain('delete-event-bus');
    expect(kinds).toContain('remove-permission');
  });

  it('when earlier generations of the connection exist, then teardown deletes them all, whatever the secret now is', () => {
    const desired = aDesiredDelivery();
    const current = stateAfterSetup(desired);
    current.central.connections.push({ name: 'ssm-chatops-events-0123456789', arn: 'arn:old' });
    const deleted = planEventTeardown(current, aDesiredDelivery({ secret: '' }))
      .actions.filter((action) => action.step.kind === 'delete-connection')
      .map((action) => action.sentence);
    expect(deleted).toEqual([
      `delete connection ${desired.connection.name}`,
      'delete connection ssm-chatops-events-0123456789',
    ]);
  });
});
