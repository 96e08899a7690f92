import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  DeleteRuleCommand,
  DescribeConnectionCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  type EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutPermissionCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemovePermissionCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AwsEvent } from '../../src/sandbox/events/event-buses.js';
import { HttpReceiver } from '../support/http-receiver.js';
import {
  OPERATIONS_ACCOUNT,
  type SandboxCredentials,
  startTestSandbox,
  type TestSandbox,
} from '../support/sandbox.js';

const REGION = 'ap-northeast-1';
const MEMBER_ACCOUNT = '333333333301';
const ORG_ID = 'o-sbx7k2m9q4';
const EXECUTION_STATUS = 'EC2 Automation Execution Status-change Notification';
const STATUS_PATTERN = JSON.stringify({ source: ['aws.ssm'], 'detail-type': [EXECUTION_STATUS] });
const OPERATIONS_BUS_ARN = `arn:aws:events:${REGION}:${OPERATIONS_ACCOUNT}:event-bus/default`;

let env: TestSandbox;
const receiver = new HttpReceiver();
let operations: EventBridgeClient;

beforeAll(async () => {
  // The receiver is plain HTTP (HttpReceiver); AWS, and the sandbox by default, refuse such endpoints.
  env = await startTestSandbox({ allowHttpApiDestinations: true });
  await receiver.start();
});
afterAll(async () => {
  await env.close();
  await receiver.close();
});
beforeEach(async () => {
  await env.control.reset();
  // Real-time backoff stays short so retry tests finish quickly; the number of attempts is the default.
  env.sandbox.world.events.configureDelivery({ initialBackoffMs: 5, maxBackoffMs: 20 });
  receiver.clear();
  operations = env.events({ region: REGION });
});

/** Credentials of role SsmChatOpsReadOnly in the member account, from STS AssumeRole. */
async function memberCredentials(): Promise<SandboxCredentials> {
  return env.assumeRole(`arn:aws:iam::${MEMBER_ACCOUNT}:role/SsmChatOpsReadOnly`, 'eventbridge-test');
}

function automationEvent(overrides: Partial<AwsEvent> = {}): AwsEvent {
  return {
    version: '0',
    id: 'a3c6f1e2-5b7d-4c1a-9e8f-0d2b4a6c8e01',
    'detail-type': EXECUTION_STATUS,
    source: 'aws.ssm',
    account: MEMBER_ACCOUNT,
    time: '2026-05-01T10:00:00Z',
    region: REGION,
    resources: [
      `arn:aws:ssm:${REGION}:${MEMBER_ACCOUNT}:automation-execution/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d`,
    ],
    detail: {
      ExecutionId: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
      Definition: 'AWS-RestartEC2Instance',
      DefinitionVersion: 1,
      Status: 'Success',
    },
    ...overrides,
  };
}

/** The member account forwards Automation status events to the operations account's default bus. */
async function forwardFromMember(): Promise<void> {
  const member = env.events({ region: REGION, credentials: await memberCredentials() });
  await member.send(new PutRuleCommand({ Name: 'forward-ssm-status', EventPattern: STATUS_PATTERN }));
  const result = await member.send(
    new PutTargetsCommand({
      Rule: 'forward-ssm-status',
      Targets: [
        {
          Id: 'operations-bus',
          Arn: OPERATIONS_BUS_ARN,
          RoleArn: `arn:aws:iam::${MEMBER_ACCOUNT}:role/EventBridgeForwarder`,
        },
      ],
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
}

async function allowOrganization(): Promise<void> {
  await operations.send(
    new PutPermissionCommand({
      Action: 'events:PutEvents',
      Principal: '*',
      StatementId: 'OrganizationMembers',
      Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: ORG_ID },
    }),
  );
}

/** On the operations bus: an API_KEY connection, an API destination to the receiver, and a rule to it. */
async function deliverToReceiver(
  options: { pattern?: string; input?: { Input?: string; InputPath?: string }; rate?: number } = {},
): Promise<string> {
  const connection = await operations.send(
    new CreateConnectionCommand({
      Name: 'chatops-receiver',
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-chatops-key', ApiKeyValue: 'k-123-secret' } },
    }),
  );
  const destination = await operations.send(
    new CreateApiDestinationCommand({
      Name: 'chatops-receiver',
      ConnectionArn: connection.ConnectionArn,
      InvocationEndpoint: `${receiver.url}/aws/events`,
      HttpMethod: 'POST',
      InvocationRateLimitPerSecond: options.rate ?? 50,
    }),
  );
  await operations.send(
    new PutRuleCommand({ Name: 'ssm-status-to-chatops', EventPattern: options.pattern ?? STATUS_PATTERN }),
  );
  await operations.send(
    new PutTargetsCommand({
      Rule: 'ssm-status-to-chatops',
      Targets: [
        {
          Id: 'chatops',
          Arn: destination.ApiDestinationArn,
          RoleArn: `arn:aws:iam::${OPERATIONS_ACCOUNT}:role/EventBridgeInvokeApiDestinations`,
          ...options.input,
        },
      ],
    }),
  );
  return destination.ApiDestinationArn!;
}

describe('cross-account forwarding to an API destination', () => {
  it('when a member account forwards an Automation status event to the permitted operations bus, then the receiver gets exactly one POST with the API key and the original event', async () => {
    await allowOrganization();
    await deliverToReceiver();
    await forwardFromMember();
    const event = automationEvent();

    env.sandbox.world.events.publish(event);
    await env.control.eventsIdle();

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/aws/events');
    expect(request!.headers['x-chatops-key']).toBe('k-123-secret');
    expect(request!.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request!.body)).toEqual(event);
  });

  it('when the operations bus has no permission for the organization, then nothing is delivered', async () => {
    await deliverToReceiver();
    await forwardFromMember();

    env.sandbox.world.events.publish(automationEvent());
    await env.control.eventsIdle();

    expect(receiver.requests).toHaveLength(0);
    expect(env.sandbox.world.events.deliveries.list()).toMatchObject([
      { targetId: 'operations-bus', outcome: 'denied' },
    ]);
  });

  it('when the permission names the member account instead of the organization, then the event is delivered', async () => {
    await operations.send(
      new PutPermissionCommand({
        Action: 'events:PutEvents',
        Principal: MEMBER_ACCOUNT,
        StatementId: 'PaymentsProd',
      }),
    );
    await deliverToReceiver();
    await forwardFromMember();

    env.sandbox.world.events.publish(automationEvent());
    await env.control.eventsIdle();

    expect(receiver.requests).toHaveLength(1);
  });

  it('when the event does not match the forwarding rule, then nothing is delivered', async () => {
    await allowOrganization();
    await deliverToReceiver();
    await forwardFromMember();

    env.sandbox.world.events.publish(
      automationEvent({ 'detail-type': 'EC2 Automation Step Status-change Notification' }),
    );
    await env.control.eventsIdle();

    expect(receiver.requests).toHaveLength(0);
    expect(env.sandbox.world.events.deliveries.list()).toEqual([]);
  });

  it('when an event forwarded once would be forwarded again to another account, then EventBridge drops it', async () => {
    await allowOrganization();
    await forwardFromMember();
    await operations.send(new PutRuleCommand({ Name: 'onward', EventPattern: STATUS_PATTERN }));
    await operations.send(
      new PutTargetsCommand({
        Rule: 'onward',
        Targets: [{ Id: 'log-archive', Arn: `arn:aws:events:${REGION}:666666666601:event-bus/default` }],
      }),
    );

    env.sandbox.world.events.publish(automationEvent());
    await env.control.eventsIdle();

    expect(env.sandbox.world.events.deliveries.list()).toMatchObject([
      { targetId: 'operations-bus', outcome: 'delivered' },
      { targetId: 'log-archive', outcome: 'dropped' },
    ]);
  });
});

describe('API destination delivery', () => {
  it('when the receiver answers 500 twice and then 200, then the event is delivered once after retries', async () => {
    await deliverToReceiver();
    receiver.answerWith(500, 500, 200);

    env.sandbox.world.events.publish(automationEvent({ account: OPERATIONS_ACCOUNT }));
    await env.control.eventsIdle();

    expect(receiver.requests.map((request) => request.body)).toHaveLength(3);
    expect(new Set(receiver.requests.map((request) => request.body)).size).toBe(1);
    expect(env.sandbox.world.events.deliveries.list()).toMatchObject([
      { outcome: 'delivered', attempts: 3, status: 200 },
    ]);
  });

  it('when the receiver answers 429 until attempts run out, then the event is given up after the configured attempts', async () => {
    await deliverToReceiver();
    receiver.answerWith(429, 429, 429, 429, 429, 429);

    env.sandbox.world.events.publish(automationEvent({ account: OPERATIONS_ACCOUNT }));
    await env.control.eventsIdle();

    const attempts = env.sandbox.world.events.deliverySettings.maxAttempts;
    expect(receiver.requests).toHaveLength(attempts);
    expect(env.sandbox.world.events.deliveries.list()).toMatchObject([
      { outcome: 'failed', attempts, status: 429 },
    ]);
  });

  it('when the receiver answers 400, then the event is not retried', async () => {
    await deliverToReceiver();
    receiver.answerWith(400);

    env.sandbox.world.events.publish(automationEvent({ account: OPERATIONS_ACCOUNT }));
    await env.control.eventsIdle();

    expect(receiver.requests).toHaveLength(1);
    expect(env.sandbox.world.events.deliveries.list()).toMatchObject([
      { outcome: 'failed', attempts: 1, status: 400 },
    ]);
  });

  it('when the sandbox is reset while a delivery waits to retry, then the wait ends and nothing more is sent', async () => {
    await deliverToReceiver();
    const world = env.sandbox.world;
    world.events.configureDelivery({ initialBackoffMs: 60_000 });
    receiver.answerWith(503);
    const answered = receiver.nextRequest();

    world.events.publish(automationEvent({ account: OPERATIONS_ACCOUNT }));
    await answered;
    await env.control.reset();
    await world.events.idle();

    expect(receiver.requests).toHaveLength(1);
  });

  it('when the target has an InputPath, then the receiver gets only that part of the event', async () => {
    await deliverToReceiver({ input: { InputPath: '$.detail' } });

    env.sandbox.world.events.publish(automationEvent({ account: OPERATIONS_ACCOUNT }));
    await env.control.eventsIdle();

    expect(JSON.parse(receiver.requests[0]!.body)).toEqual(automationEvent().detail);
  });

  it('when the target has a constant Input, then the receiver gets that text', async () => {
    await deliverToReceiver({ input: { Input: '{"kind":"automation-status"}' } });

    env.sandbox.world.events.publish(automationEvent({ account: OPERATIONS_ACCOUNT }));
    await env.control.eventsIdle();

    expect(receiver.requests[0]!.body).toBe('{"kind":"automation-status"}');
  });

  it('when events arrive faster than InvocationRateLimitPerSecond, then requests are spaced by the limit', async () => {
    await deliverToReceiver({ rate: 10 });

    for (const id of ['e1', 'e2', 'e3']) {
      env.sandbox.world.events.publish(automationEvent({ id, account: OPERATIONS_ACCOUNT }));
    }
    await env.control.eventsIdle();

    const times = receiver.requests.map((request) => request.atMs);
    expect(times).toHaveLength(3);
    // 10 per second: the third request starts at least ~200 ms after the first (a little slack for timers).
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(180);
  });

  it('when a connection uses BASIC auth, then requests carry an Authorization header and DescribeConnection hides the password', async () => {
    const connection = await operations.send(
      new CreateConnectionCommand({
        Name: 'basic-receiver',
        AuthorizationType: 'BASIC',
        AuthParameters: { BasicAuthParameters: { Username: 'bot', Password: 'p@ss' } },
      }),
    );
    const destination = await operations.send(
      new CreateApiDestinationCommand({
        Name: 'basic-receiver',
        ConnectionArn: connection.ConnectionArn,
        InvocationEndpoint: `${receiver.url}/basic`,
        HttpMethod: 'PUT',
      }),
    );
    await operations.send(
      new PutRuleCommand({ Name: 'custom-to-basic', EventPattern: '{"source":["chatops.test"]}' }),
    );
    await operations.send(
      new PutTargetsCommand({
        Rule: 'custom-to-basic',
        Targets: [
          {
            Id: 'basic',
            Arn: destination.ApiDestinationArn,
            RoleArn: 'arn:aws:iam::222222222222:role/Invoke',
          },
        ],
      }),
    );

    const put = await operations.send(
      new PutEventsCommand({ Entries: [{ Source: 'chatops.test', DetailType: 'Ping', Detail: '{"n":1}' }] }),
    );
    await env.control.eventsIdle();

    expect(put.FailedEntryCount).toBe(0);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.method).toBe('PUT');
    expect(receiver.requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('bot:p@ss').toString('base64')}`,
    );
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({
      source: 'chatops.test',
      'detail-type': 'Ping',
      account: OPERATIONS_ACCOUNT,
      region: REGION,
      id: put.Entries![0]!.EventId,
      detail: { n: 1 },
    });
    const described = await operations.send(new DescribeConnectionCommand({ Name: 'basic-receiver' }));
    expect(described.AuthParameters?.BasicAuthParameters).toEqual({ Username: 'bot' });
    expect(JSON.stringify(described)).not.toContain('p@ss');
  });
});

describe('EventBridge API', () => {
  it('when PutEvents names an aws. source, then the entry fails as AWS answers and nothing is delivered', async () => {
    await deliverToReceiver();
    const result = await operations.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'aws.ssm', DetailType: EXECUTION_STATUS, Detail: '{"Status":"Success"}' },
          { Source: 'chatops.test', DetailType: 'Ping', Detail: 'not json' },
          { Source: 'chatops.test', DetailType: 'Ping', Detail: '{}' },
        ],
      }),
    );
    await env.control.eventsIdle();

    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries![0]).toMatchObject({ ErrorCode: 'NotAuthorizedForSourceException' });
    expect(result.Entries![1]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(result.Entries![2]!.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(receiver.requests).toHaveLength(0);
  });

  it('when PutEvents carries more than 10 entries, then the request is rejected', async () => {
    const entries = Array.from({ length: 11 }, () => ({
      Source: 'chatops.test',
      DetailType: 'Ping',
      Detail: '{}',
    }));
    await expect(operations.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('when a pattern is not valid, then PutRule and TestEventPattern answer InvalidEventPatternException', async () => {
    await expect(
      operations.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source": "aws.ssm"}' })),
    ).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
    await expect(
      operations.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{not json' })),
    ).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
    });
    await expect(
      operations.send(
        new TestEventPatternCommand({
          EventPattern: '{"source": []}',
          Event: JSON.stringify(automationEvent()),
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
  });

  it('when TestEventPattern is asked about a matching and a non-matching pattern, then it answers each', async () => {
    const event = JSON.stringify(automationEvent());
    const yes = await operations.send(
      new TestEventPatternCommand({ EventPattern: STATUS_PATTERN, Event: event }),
    );
    const no = await operations.send(
      new TestEventPatternCommand({ EventPattern: '{"detail":{"Status":["Failed"]}}', Event: event }),
    );
    expect([yes.Result, no.Result]).toEqual([true, false]);
  });

  it('when a rule is put without a pattern or a schedule, then PutRule answers ValidationException', async () => {
    await expect(operations.send(new PutRuleCommand({ Name: 'empty' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('when a rule has a rate or cron schedule on the default bus, then it is kept and described as AWS does', async () => {
    for (const [Name, ScheduleExpression] of [
      ['nightly', 'rate(1 day)'],
      ['hourly', 'rate(2 hours)'],
      ['weekdays', 'cron(0 9 ? * MON-FRI *)'],
    ]) {
      await operations.send(new PutRuleCommand({ Name, ScheduleExpression }));
      await expect(operations.send(new DescribeRuleCommand({ Name }))).resolves.toMatchObject({
        ScheduleExpression,
        State: 'ENABLED',
      });
    }
  });

  it('when a schedule is malformed or on a custom bus, then PutRule refuses it as AWS does', async () => {
    await operations.send(new CreateEventBusCommand({ Name: 'scheduled' }));
    const refusals = [
      [{ Name: 'bad', ScheduleExpression: 'rate(1 days)' }, 'Parameter ScheduleExpression is not valid.'],
      [{ Name: 'bad', ScheduleExpression: 'every day' }, 'Parameter ScheduleExpression is not valid.'],
      [{ Name: 'bad', ScheduleExpression: 'cron(0 9 * *)' }, 'Parameter ScheduleExpression is not valid.'],
      [
        { Name: 'custom', ScheduleExpression: 'rate(1 day)', EventBusName: 'scheduled' },
        'ScheduleExpression is supported only on the default event bus.',
      ],
    ] as const;
    for (const [input, message] of refusals) {
      await expect(operations.send(new PutRuleCommand(input))).rejects.toMatchObject({
        name: 'ValidationException',
        message,
      });
    }
  });

  it('when an API destination names an http:// endpoint, then AWS (and the sandbox by default) refuse it', async () => {
    const strict = await startTestSandbox();
    try {
      const client = strict.events({ region: REGION });
      const { ConnectionArn } = await client.send(
        new CreateConnectionCommand({
          Name: 'plain',
          AuthorizationType: 'API_KEY',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'k' } },
        }),
      );
      const create = (InvocationEndpoint: string) =>
        client.send(
          new CreateApiDestinationCommand({
            Name: 'plain',
            ConnectionArn,
            InvocationEndpoint,
            HttpMethod: 'POST',
          }),
        );
      await expect(create('http://chatops.example.com/aws/events')).rejects.toMatchObject({
        name: 'ValidationException',
        $metadata: { httpStatusCode: 400 },
      });
      await expect(create('https://chatops.example.com/aws/events')).resolves.toMatchObject({
        ApiDestinationState: 'ACTIVE',
      });
    } finally {
      await strict.close();
    }
  });

  it('when rules live on the default and a custom bus, then their ARNs, descriptions and listings are as AWS shows them', async () => {
    const custom = await operations.send(
      new CreateEventBusCommand({ Name: 'chatops', Description: 'bot events' }),
    );
    expect(custom.EventBusArn).toBe(`arn:aws:events:${REGION}:${OPERATIONS_ACCOUNT}:event-bus/chatops`);
    const onDefault = await operations.send(
      new PutRuleCommand({ Name: 'a-rule', EventPattern: STATUS_PATTERN }),
    );
    const onCustom = await operations.send(
      new PutRuleCommand({
        Name: 'b-rule',
        EventPattern: STATUS_PATTERN,
        EventBusName: 'chatops',
        State: 'DISABLED',
      }),
    );
    expect(onDefault.RuleArn).toBe(`arn:aws:events:${REGION}:${OPERATIONS_ACCOUNT}:rule/a-rule`);
    expect(onCustom.RuleArn).toBe(`arn:aws:events:${REGION}:${OPERATIONS_ACCOUNT}:rule/chatops/b-rule`);

    const described = await operations.send(
      new DescribeRuleCommand({ Name: 'b-rule', EventBusName: custom.EventBusArn }),
    );
    expect(described).toMatchObject({
      State: 'DISABLED',
      EventBusName: 'chatops',
      EventPattern: STATUS_PATTERN,
      CreatedBy: OPERATIONS_ACCOUNT,
    });

    await operations.send(new PutRuleCommand({ Name: 'a-rule-2', EventPattern: STATUS_PATTERN }));
    const first = await operations.send(new ListRulesCommand({ NamePrefix: 'a-', Limit: 1 }));
    const second = await operations.send(
      new ListRulesCommand({ NamePrefix: 'a-', Limit: 1, NextToken: first.NextToken }),
    );
    expect([...first.Rules!, ...second.Rules!].map((rule) => rule.Name)).toEqual(['a-rule', 'a-rule-2']);
    expect(second.NextToken).toBeUndefined();

    await expect(operations.send(new CreateEventBusCommand({ Name: 'chatops' }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
    });
    await expect(operations.send(new DescribeRuleCommand({ Name: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('when a rule still has targets, then DeleteRule refuses until they are removed', async () => {
    await deliverToReceiver();
    await expect(
      operations.send(new DeleteRuleCommand({ Name: 'ssm-status-to-chatops' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    });
    await operations.send(new RemoveTargetsCommand({ Rule: 'ssm-status-to-chatops', Ids: ['chatops'] }));
    await operations.send(new DeleteRuleCommand({ Name: 'ssm-status-to-chatops' }));
    await expect(
      operations.send(new DescribeRuleCommand({ Name: 'ssm-status-to-chatops' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('when targets are bad or too many, then PutTargets reports failed entries or LimitExceededException', async () => {
    await operations.send(new PutRuleCommand({ Name: 'fan-out', EventPattern: STATUS_PATTERN }));
    const bus = (n: number) => ({
      Id: `bus-${n}`,
      Arn: `arn:aws:events:us-east-1:${OPERATIONS_ACCOUNT}:event-bus/b${n}`,
    });
    const result = await operations.send(
      new PutTargetsCommand({
        Rule: 'fan-out',
        Targets: [
          bus(1),
          { ...bus(2), Input: '{}', InputPath: '$.detail' },
          { ...bus(3), Input: 'not json' },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(2);
    expect(result.FailedEntries!.map((entry) => entry.TargetId)).toEqual(['bus-2', 'bus-3']);
    const listed = await operations.send(new ListTargetsByRuleCommand({ Rule: 'fan-out' }));
    expect(listed.Targets!.map((target) => target.Id)).toEqual(['bus-1']);

    // The SDK treats LimitExceededException as throttling and retries it; one attempt is enough here.
    const once = env.events({ region: REGION, maxAttempts: 1 });
    await expect(
      once.send(new PutTargetsCommand({ Rule: 'fan-out', Targets: [2, 3, 4, 5, 6].map(bus) })),
    ).rejects.toMatchObject({ name: 'LimitExceededException' });
    await expect(
      operations.send(new PutTargetsCommand({ Rule: 'fan-out', Targets: [{ Id: 'x', Arn: 'not-an-arn' }] })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      operations.send(new PutTargetsCommand({ Rule: 'missing', Targets: [bus(1)] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('when permissions are put and removed, then DescribeEventBus shows the policy AWS would', async () => {
    await allowOrganization();
    const described = await operations.send(new DescribeEventBusCommand({}));
    expect(JSON.parse(described.Policy!)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OrganizationMembers',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: OPERATIONS_BUS_ARN,
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
        },
      ],
    });
    await operations.send(new RemovePermissionCommand({ StatementId: 'OrganizationMembers' }));
    expect((await operations.send(new DescribeEventBusCommand({}))).Policy).toBeUndefined();
    await expect(
      operations.send(new RemovePermissionCommand({ StatementId: 'OrganizationMembers' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      operations.send(
        new PutPermissionCommand({
          Action: 'events:DeleteRule',
          Principal: MEMBER_ACCOUNT,
          StatementId: 'x',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('when an API destination names a connection that does not exist, then CreateApiDestination answers ResourceNotFoundException', async () => {
    await expect(
      operations.send(
        new CreateApiDestinationCommand({
          Name: 'orphan',
          ConnectionArn: `arn:aws:events:${REGION}:${OPERATIONS_ACCOUNT}:connection/none/00000000-0000-4000-8000-000000000000`,
          InvocationEndpoint: `${receiver.url}/x`,
          HttpMethod: 'POST',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('when a connection name is taken, then CreateConnection answers ResourceAlreadyExistsException', async () => {
    const create = () =>
      operations.send(
        new CreateConnectionCommand({
          Name: 'dup',
          AuthorizationType: 'API_KEY',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'v' } },
        }),
      );
    await create();
    await expect(create()).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
  });
});
