// The sandbox's HTTP front: SigV4 checks, protocol errors and the control API, through the real SDK.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let env: TestSandbox;
beforeAll(async () => {
  env = await startTestSandbox();
});
afterAll(() => env.close());

describe('sandbox authentication', () => {
  it('when signed with the home key, then STS names the bot principal in the operations account', async () => {
    const identity = await env.sts().send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('222222222222');
    expect(identity.Arn).toBe('arn:aws:iam::222222222222:user/ssm-chatops');
  });

  it('when the secret is wrong, then STS answers SignatureDoesNotMatch', async () => {
    const sts = env.sts({
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'wrong' },
      maxAttempts: 1,
    });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('when the access key is unknown, then STS answers InvalidClientTokenId', async () => {
    const sts = env.sts({
      credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
  });

  it('when the request carries no signature, then the sandbox refuses it', async () => {
    const response = await fetch(env.sandbox.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});

describe('sandbox control API', () => {
  it('when the clock is advanced, then simulated time moves by exactly that much', async () => {
    const before = new Date((await env.control.clock()).now).getTime();
    const after = new Date((await env.control.advance(90)).now).getTime();
    expect(after - before).toBe(90_000);
  });

  it('when a fault rule is malformed, then the control API names the bad field', async () => {
    await expect(env.control.addFault({ kind: 'api-error', probability: 3 })).rejects.toThrow(/probability/);
  });

  it('when an STS call is made, then the call log counts it per operation', async () => {
    await env.control.resetCalls();
    await env.sts().send(new GetCallerIdentityCommand({}));
    const report = await env.control.calls();
    expect(report.byOperation['sts:GetCallerIdentity']).toBe(1);
  });
});
