// Throttling, injected faults and latency through the real SDK, including the SDK's own retries.
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isTransient } from '../../src/aws/aws-failure.js';
import { RecordingHandler } from '../support/aws-model/recording-handler.js';
import { HOME_CREDENTIALS, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let env: TestSandbox;
beforeAll(async () => {
  env = await startTestSandbox();
});
beforeEach(() => env.control.reset({ timeScale: 0, throttling: false }));
afterAll(() => env.close());

describe('throttling', () => {
  it('when Organizations calls exceed the token bucket, then the excess gets TooManyRequestsException (429) and is counted', async () => {
    await env.control.setThrottling({
      enabled: true,
      rates: { 'organizations:ListRoots': { ratePerSecond: 0.001, burst: 3 } },
    });
    const org = env.organizations({ maxAttempts: 1 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => org.send(new ListRootsCommand({}))),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(
      rejected.map((outcome) => {
        const reason = outcome.reason as Error & { $metadata: { httpStatusCode: number } };
        return [reason.name, reason.$metadata.httpStatusCode];
      }),
    ).toEqual([
      ['TooManyRequestsException', 429],
      ['TooManyRequestsException', 429],
    ]);
    const report = await env.control.calls();
    const row = report.rows.find((entry) => entry.operation === 'ListRoots');
    expect(row).toMatchObject({ ok: 3, throttled: 2, accountId: '222222222222', region: 'ap-northeast-1' });
  });

  it('when buckets are per account and region, then another region is not throttled', async () => {
    await env.control.setThrottling({
      enabled: true,
      rates: { 'organizations:ListRoots': { ratePerSecond: 0.001, burst: 1 } },
    });
    await env.organizations({ region: 'ap-northeast-1' }).send(new ListRootsCommand({}));
    await expect(
      env.organizations({ region: 'us-east-1', maxAttempts: 1 }).send(new ListRootsCommand({})),
    ).resolves.toBeDefined();
  });

  it('when the first two attempts are throttled, then the SDK retries with backoff and succeeds', async () => {
    await env.control.addFault({
      kind: 'api-error',
      service: 'sts',
      operation: 'GetCallerIdentity',
      errorCode: 'Throttling',
      remaining: 2,
    });
    const identity = await env.sts({ maxAttempts: 3 }).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('222222222222');
    expect(identity.$metadata.attempts).toBe(3);
  });
});

describe('injected throttling', () => {
  it.each([
    ['ThrottlingException', 400],
    ['TooManyRequestsException', undefined],
  ] as const)(
    'when %s is injected into Organizations, then it answers TooManyRequestsException 429, which the SDK and the bot retry',
    async (errorCode, httpStatus) => {
      await env.control.addFault({
        kind: 'api-error',
        service: 'organizations',
        operation: 'ListRoots',
        errorCode,
        httpStatus,
        remaining: 1,
      });
      const refused = await env
        .organizations({ maxAttempts: 1 })
        .send(new ListRootsCommand({}))
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
      expect(isTransient(refused)).toBe(true);

      await env.control.addFault({ kind: 'api-error', service: 'organizations', errorCode, remaining: 2 });
      const roots = await env.organizations({ maxAttempts: 3 }).send(new ListRootsCommand({}));
      expect(roots.$metadata.attempts).toBe(3);
    },
  );
});

describe('injected faults', () => {
  it('when an AccessDenied fault targets Organizations without a status, then it answers 403 as its model says', async () => {
    await env.control.addFault({
      kind: 'api-error',
      service: 'organizations',
      errorCode: 'AccessDeniedException',
    });
    await expect(env.organizations({ maxAttempts: 1 }).send(new ListRootsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('when InternalFailure is injected into STS without a status, then it is a 500 Receiver fault the SDK retries', async () => {
    await env.control.addFault({ kind: 'api-error', service: 'sts', errorCode: 'InternalFailure' });
    const recorder = new RecordingHandler('sts');
    const client = new STSClient({
      endpoint: env.sandbox.url,
      region: 'ap-northeast-1',
      credentials: HOME_CREDENTIALS,
      maxAttempts: 2,
      requestHandler: recorder,
    });
    try {
      await expect(client.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
        name: 'InternalFailure',
        $metadata: { httpStatusCode: 500, attempts: 2 },
      });
    } finally {
      client.destroy();
    }
    // awsQuery names the side that failed: a 500 is the service's fault (Receiver), never the caller's (Sender).
    expect(recorder.responses.map((response) => /<Type>(\w+)<\/Type>/.exec(response.body)?.[1])).toEqual([
      'Receiver',
      'Receiver',
    ]);
  });

  it('when an AccessDenied fault targets one operation, then only that operation fails, as a typed error', async () => {
    const fault = await env.control.addFault({
      kind: 'api-error',
      service: 'organizations',
      operation: 'ListRoots',
      errorCode: 'AccessDeniedException',
    });
    await expect(env.organizations({ maxAttempts: 1 }).send(new ListRootsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(env.sts().send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
    await env.control.removeFault(fault.id);
    await expect(env.organizations().send(new ListRootsCommand({}))).resolves.toBeDefined();
  });

  it('when a fault fires with a probability, then roughly that share of calls fails', async () => {
    await env.control.addFault({
      kind: 'api-error',
      service: 'sts',
      errorCode: 'InternalFailure',
      httpStatus: 500,
      probability: 0.2,
    });
    const sts = env.sts({ maxAttempts: 1 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, () => sts.send(new GetCallerIdentityCommand({}))),
    );
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected').length;
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(60);
  });

  it('when latency is added, then calls take at least that long', async () => {
    await env.control.setLatency(120);
    const started = performance.now();
    await env.sts().send(new GetCallerIdentityCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });
});
