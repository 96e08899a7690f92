// AssumedRoleCredentials: one AssumeRole per role however many wait, kept until shortly before they expire,
// failures not kept, invalidation, and a bounded number of roles.
import type { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { AssumedRoleCredentials, type AssumedRoleOptions } from '../../src/aws/assumed-role-credentials.js';
import type { AwsClients } from '../../src/aws/aws-clients.js';

const MINUTE = 60_000;
const role = (account: string, externalId?: string) => ({
  roleArn: `arn:aws:iam::${account}:role/SsmChatOpsExecution`,
  ...(externalId && { externalId }),
});

/** STS that grants `lifetimeMs` credentials (numbered keys) unless a queued failure or a held answer comes first. */
function fakeSts(options: AssumedRoleOptions & { lifetimeMs?: number } = {}) {
  let now = Date.parse('2025-06-02T09:00:00Z');
  const failures: Error[] = [];
  const held: Array<() => void> = [];
  let hold = false;
  let issued = 0;
  const send = async (command: AssumeRoleCommand) => {
    if (hold) await new Promise<void>((release) => held.push(release));
    const failure = failures.shift();
    if (failure) throw failure;
    issued++;
    return {
      Credentials: {
        AccessKeyId: `ASIA${issued}`,
        SecretAccessKey: 'secret',
        SessionToken: `${command.input.RoleArn}|${command.input.ExternalId ?? ''}`,
        Expiration: new Date(now + (options.lifetimeMs ?? 60 * MINUTE)),
      },
    };
  };
  const clients = { sts: () => ({ send }) } as unknown as AwsClients;
  const roles = new AssumedRoleCredentials(clients, {
    renewBeforeMs: 5 * MINUTE,
    ...options,
    now: () => now,
  });
  return {
    roles,
    credentials: (which: ReturnType<typeof role>) => roles.identity(which).credentials(),
    advance: (ms: number) => {
      now += ms;
    },
    failNext: (error: Error) => failures.push(error),
    holdAnswers: () => {
      hold = true;
    },
    releaseAnswers: () => {
      hold = false;
      for (const release of held.splice(0)) release();
    },
  };
}

describe('AssumedRoleCredentials', () => {
  it('when many ask for one role at once, then one AssumeRole serves them all', async () => {
    const sts = fakeSts();
    const answers = await Promise.all([1, 2, 3].map(() => sts.credentials(role('333333333301'))));
    expect(new Set(answers.map((credentials) => credentials.accessKeyId))).toEqual(new Set(['ASIA1']));
    expect(sts.roles.assumeRoleCalls).toBe(1);
  });

  it('when roles differ (account or ExternalId), then each is assumed on its own', async () => {
    const sts = fakeSts();
    const [a, b, c] = await Promise.all([
      sts.credentials(role('333333333301')),
      sts.credentials(role('333333333302')),
      sts.credentials(role('333333333301', 'other-id')),
    ]);
    expect(a.sessionToken).toBe('arn:aws:iam::333333333301:role/SsmChatOpsExecution|');
    expect(b.sessionToken).toBe('arn:aws:iam::333333333302:role/SsmChatOpsExecution|');
    expect(c.sessionToken).toBe('arn:aws:iam::333333333301:role/SsmChatOpsExecution|other-id');
    expect(sts.roles.assumeRoleCalls).toBe(3);
  });

  it('when credentials come within renewBeforeMs of their expiry, then they are renewed, not before', async () => {
    const sts = fakeSts();
    expect((await sts.credentials(role('333333333301'))).accessKeyId).toBe('ASIA1');
    sts.advance(55 * MINUTE - 1);
    expect((await sts.credentials(role('333333333301'))).accessKeyId).toBe('ASIA1');
    sts.advance(2);
    expect((await sts.credentials(role('333333333301'))).accessKeyId).toBe('ASIA2');
    expect(sts.roles.assumeRoleCalls).toBe(2);
  });

  it('when credentials arrive already inside the renewal margin, then the next call assumes again', async () => {
    const sts = fakeSts({ lifetimeMs: 4 * MINUTE });
    await sts.credentials(role('333333333301'));
    sts.advance(2);
    expect((await sts.credentials(role('333333333301'))).accessKeyId).toBe('ASIA2');
  });

  it('when AssumeRole fails, then the failure is not kept and the next call assumes again', async () => {
    const sts = fakeSts();
    sts.failNext(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    await expect(sts.credentials(role('333333333301'))).rejects.toThrow('Rate exceeded');
    expect((await sts.credentials(role('333333333301'))).accessKeyId).toBe('ASIA1');
    expect(sts.roles.assumeRoleCalls).toBe(2);
  });

  it('when a role is invalidated, then the next call assumes it again; others keep theirs', async () => {
    const sts = fakeSts();
    await sts.credentials(role('333333333301'));
    await sts.credentials(role('333333333302'));
    sts.roles.invalidate(role('333333333301'));
    expect((await sts.credentials(role('333333333301'))).accessKeyId).toBe('ASIA3');
    expect((await sts.credentials(role('333333333302'))).accessKeyId).toBe('ASIA2');
  });

  it('when a role is invalidated while it is being assumed, then those waiting still get the credentials', async () => {
    const sts = fakeSts();
    sts.holdAnswers();
    const waiting = sts.credentials(role('333333333301'));
    sts.roles.invalidate(role('333333333301'));
    sts.releaseAnswers();
    expect((await waiting).accessKeyId).toBe('ASIA1');
    // What was invalidated is not kept.
    expect((await sts.credentials(role('333333333301'))).accessKeyId).toBe('ASIA2');
  });

  it('when more roles are used than maxRoles, then the least recently used is assumed again', async () => {
    const sts = fakeSts({ maxRoles: 2 });
    await sts.credentials(role('333333333301'));
    await sts.credentials(role('333333333302'));
    await sts.credentials(role('333333333301'));
    await sts.credentials(role('333333333303'));
    expect(sts.roles.assumeRoleCalls).toBe(3);
    expect((await sts.credentials(role('333333333301'))).accessKeyId).toBe('ASIA1');
    expect((await sts.credentials(role('333333333302'))).accessKeyId).toBe('ASIA4');
  });
});
