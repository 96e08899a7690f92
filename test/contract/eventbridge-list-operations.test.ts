// ListConnections and ListApiDestinations through the real EventBridge client: filters, pages, shapes, no secrets.
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  type EventBridgeClient,
  ListApiDestinationsCommand,
  ListConnectionsCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPERATIONS_ACCOUNT, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const REGION = 'ap-northeast-1';

let env: TestSandbox;
let events: EventBridgeClient;

beforeAll(async () => {
  env = await startTestSandbox();
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.control.reset();
  events = env.events({ region: REGION });
});

async function aConnection(name: string): Promise<string> {
  const created = await events.send(
    new CreateConnectionCommand({
      Name: name,
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: `secret-of-${name}` } },
    }),
  );
  return created.ConnectionArn!;
}

async function anApiDestination(name: string, connectionArn: string): Promise<string> {
  const created = await events.send(
    new CreateApiDestinationCommand({
      Name: name,
      Description: `the ${name} endpoint`,
      ConnectionArn: connectionArn,
      InvocationEndpoint: `https://${name}.example.com/events`,
      HttpMethod: 'POST',
      InvocationRateLimitPerSecond: 20,
    }),
  );
  return created.ApiDestinationArn!;
}

describe('ListConnections', () => {
  it('when connections exist, then they are listed by name with their summary and never their secrets', async () => {
    const bArn = await aConnection('chatops-b');
    const aArn = await aConnection('chatops-a');
    await aConnection('other');

    const listed = await events.send(new ListConnectionsCommand({ NamePrefix: 'chatops-' }));

    expect(listed.Connections).toEqual([
      expect.objectContaining({
        Name: 'chatops-a',
        ConnectionArn: aArn,
        ConnectionState: 'AUTHORIZED',
        AuthorizationType: 'API_KEY',
        CreationTime: expect.any(Date),
        LastModifiedTime: expect.any(Date),
        LastAuthorizedTime: expect.any(Date),
      }),
      expect.objectContaining({ Name: 'chatops-b', ConnectionArn: bArn }),
    ]);
    expect(listed.Connections![0]).not.toHaveProperty('AuthParameters');
    expect(listed.NextToken).toBeUndefined();
    expect(JSON.stringify(listed)).not.toContain('secret-of-');
  });

  it('when there are more than Limit, then NextToken pages through them', async () => {
    for (const name of ['c1', 'c2', 'c3']) await aConnection(name);

    const first = await events.send(new ListConnectionsCommand({ Limit: 2 }));
    const second = await events.send(new ListConnectionsCommand({ Limit: 2, NextToken: first.NextToken }));

    expect([...first.Connections!, ...second.Connections!].map((c) => c.Name)).toEqual(['c1', 'c2', 'c3']);
    expect(second.NextToken).toBeUndefined();
  });

  it('when filtered by state, then only connections in that state are listed', async () => {
    await aConnection('c1');
    const deauthorized = await events.send(new ListConnectionsCommand({ ConnectionState: 'DEAUTHORIZED' }));
    expect(deauthorized.Connections).toEqual([]);
  });

  it('when another account or region lists, then it sees only its own connections', async () => {
    await aConnection('c1');
    const elsewhere = await env.events({ region: 'us-east-1' }).send(new ListConnectionsCommand({}));
    expect(elsewhere.Connections).toEqual([]);
  });

  it.each([
    ['a Limit over 100', { Limit: 101 }],
    ['a prefix with a space', { NamePrefix: 'has space' }],
    ['an unknown state', { ConnectionState: 'BROKEN' as never }],
    ['a forged NextToken', { NextToken: 'bm90LWEtbnVtYmVy' }],
  ])('when the request has %s, then it answers ValidationException', async (_name, input) => {
    await expect(events.send(new ListConnectionsCommand(input))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});

describe('ListApiDestinations', () => {
  it('when API destinations exist, then they are listed by name with what DescribeApiDestination shows but Description', async () => {
    const connectionArn = await aConnection('chatops');
    const arn = await anApiDestination('chatops-bot', connectionArn);
    await anApiDestination('other-bot', connectionArn);

    const listed = await events.send(new ListApiDestinationsCommand({ NamePrefix: 'chatops-' }));

    expect(listed.ApiDestinations).toEqual([
      {
        Name: 'chatops-bot',
        ApiDestinationArn: arn,
        ApiDestinationState: 'ACTIVE',
        ConnectionArn: connectionArn,
        InvocationEndpoint: 'https://chatops-bot.example.com/events',
        HttpMethod: 'POST',
        InvocationRateLimitPerSecond: 20,
        CreationTime: expect.any(Date),
        LastModifiedTime: expect.any(Date),
      },
    ]);
    expect(arn).toMatch(
      new RegExp(`^arn:aws:events:${REGION}:${OPERATIONS_ACCOUNT}:api-destination/chatops-bot/`),
    );
  });

  it('when filtered by connection, then only the destinations using it are listed', async () => {
    const first = await aConnection('first');
    const second = await aConnection('second');
    await anApiDestination('uses-first', first);
    await anApiDestination('uses-second', second);

    const listed = await events.send(new ListApiDestinationsCommand({ ConnectionArn: second }));

    expect(listed.ApiDestinations!.map((destination) => destination.Name)).toEqual(['uses-second']);
  });

  it('when there are more than Limit, then NextToken pages through them', async () => {
    const connectionArn = await aConnection('chatops');
    for (const name of ['d1', 'd2', 'd3']) await anApiDestination(name, connectionArn);

    const first = await events.send(new ListApiDestinationsCommand({ Limit: 1 }));
    const rest = await events.send(new ListApiDestinationsCommand({ Limit: 5, NextToken: first.NextToken }));

    expect([...first.ApiDestinations!, ...rest.ApiDestinations!].map((d) => d.Name)).toEqual([
      'd1',
      'd2',
      'd3',
    ]);
  });

  it.each([
    ['a Limit of 0', { Limit: 0 }],
    [
      'a ConnectionArn that is not one',
      { ConnectionArn: 'arn:aws:events:ap-northeast-1:222222222222:rule/x' },
    ],
  ])('when the request has %s, then it answers ValidationException', async (_name, input) => {
    await expect(events.send(new ListApiDestinationsCommand(input))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});
