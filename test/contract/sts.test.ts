// STS through the real SDK: AssumeRole trust, ExternalId, durations, role chaining and expiry on the sandbox clock.
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxCredentials, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let env: TestSandbox;
beforeAll(async () => {
  env = await startTestSandbox();
});
beforeEach(() => env.control.reset({ timeScale: 0, throttling: false }));
afterAll(() => env.close());

const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

async function assume(
  params: ConstructorParameters<typeof AssumeRoleCommand>[0],
  credentials?: SandboxCredentials,
) {
  const result = await env.sts({ credentials, maxAttempts: 1 }).send(new AssumeRoleCommand(params));
  return {
    result,
    credentials: {
      accessKeyId: result.Credentials!.AccessKeyId!,
      secretAccessKey: result.Credentials!.SecretAccessKey!,
      sessionToken: result.Credentials!.SessionToken!,
    },
  };
}

describe('AssumeRole', () => {
  it('when the bot assumes a trusted role in a member account, then later calls act as that role there', async () => {
    const { result, credentials } = await assume({
      RoleArn: roleArn('333333333301', 'SsmChatOpsReadOnly'),
      RoleSessionName: 'worker',
    });
    expect(result.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::333333333301:assumed-role/SsmChatOpsReadOnly/worker',
    );
    expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    const identity = await env.sts({ credentials }).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('333333333301');
    expect(identity.Arn).toBe('arn:aws:sts::333333333301:assumed-role/SsmChatOpsReadOnly/worker');
    expect(identity.UserId).toMatch(/^AROA[A-Z0-9]+:worker$/);
  });

  it('when the role requires an ExternalId, then it is refused without it and granted with it', async () => {
    const params = { RoleArn: roleArn('333333333301', 'SsmChatOpsExecution'), RoleSessionName: 'fanout' };
    await expect(assume(params)).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(assume({ ...params, ExternalId: 'wrong-id' })).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    const { result } = await assume({ ...params, ExternalId: 'ssm-chatops-sandbox' });
    expect(result.AssumedRoleUser?.Arn).toContain('assumed-role/SsmChatOpsExecution/fanout');
  });

  it('when the role does not exist in the account, then AccessDenied names the caller and the role', async () => {
    const arn = roleArn('444444444402', 'AWS-SystemsManager-AutomationExecutionRole');
    await expect(assume({ RoleArn: arn, RoleSessionName: 'x1' })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::222222222222:user/ssm-chatops is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
    });
  });

  it('when the trust policy names another principal, then the caller is refused', async () => {
    // The execution role trusts only the administration role, not the bot's user.
    const arn = roleArn('333333333301', 'AWS-SystemsManager-AutomationExecutionRole');
    await expect(assume({ RoleArn: arn, RoleSessionName: 'x1' })).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });

  it('when the administration role session assumes an execution role, then the chain is allowed up to one hour', async () => {
    const admin = await assume({
      RoleArn: roleArn('222222222222', 'AWS-SystemsManager-AutomationAdministrationRole'),
      RoleSessionName: 'admin',
    });
    const params = {
      RoleArn: roleArn('333333333301', 'AWS-SystemsManager-AutomationExecutionRole'),
      RoleSessionName: 'child',
    };
    await expect(assume({ ...params, DurationSeconds: 3601 }, admin.credentials)).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('role chaining'),
    });
    const chained = await assume({ ...params, DurationSeconds: 3600 }, admin.credentials);
    expect(chained.result.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::333333333301:assumed-role/AWS-SystemsManager-AutomationExecutionRole/child',
    );
  });

  it.each([
    [{ DurationSeconds: 899 }, /greater than or equal to 900/],
    [{ DurationSeconds: 7200 }, /MaxSessionDuration/],
    [{ RoleSessionName: 'has space' }, /roleSessionName/],
    [{ RoleSessionName: 'x' }, /roleSessionName/],
    [{ RoleArn: 'arn:aws:iam::123:role/Short-but-not-an-arn' }, /is invalid/],
  ])('when the request has %o, then it is a ValidationError', async (override, message) => {
    const params = {
      RoleArn: roleArn('333333333301', 'SsmChatOpsReadOnly'),
      RoleSessionName: 'valid',
      ...override,
    };
    await expect(assume(params)).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(message),
    });
  });

  it('when the sandbox clock passes the expiration, then the temporary credentials are expired', async () => {
    const { credentials } = await assume({
      RoleArn: roleArn('333333333301', 'SsmChatOpsReadOnly'),
      RoleSessionName: 'short',
      DurationSeconds: 900,
    });
    const sts = env.sts({ credentials, maxAttempts: 1 });
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Account: '333333333301',
    });
    await env.control.advance(901);
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
  });

  it('when a session token is missing or altered, then the credentials are refused', async () => {
    const { credentials } = await assume({
      RoleArn: roleArn('333333333301', 'SsmChatOpsReadOnly'),
      RoleSessionName: 'tamper',
    });
    const tampered = { ...credentials, sessionToken: `${credentials.sessionToken}x` };
    await expect(
      env.sts({ credentials: tampered, maxAttempts: 1 }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });
});
