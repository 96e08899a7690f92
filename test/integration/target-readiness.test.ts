// SsmTargetReadiness against the sandbox through the real SDK clients: what AWS answers for a disabled region,
// a fan-out role that cannot be assumed, throttling and a slow AWS, and what is reused from the cache.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AssumedRoleCredentials } from '../../src/aws/assumed-role-credentials.js';
import { AwsClients } from '../../src/aws/aws-clients.js';
import { SsmTargetReadiness } from '../../src/aws/ssm-target-readiness.js';
import type { TargetReadiness } from '../../src/ports.js';
import { HOME_CREDENTIALS } from '../support/sandbox.js';
import { type SandboxAws, startSandboxAws } from '../support/sandbox-aws.js';

const HOME = '222222222222';
const TOKYO = 'ap-northeast-1';
const VIRGINIA = 'us-east-1';
const IRELAND = 'eu-west-1';
/** fixtures/sandbox/organization.yml: data-dev enables only Tokyo; search-prod not Ireland. */
const DATA_DEV = '555555555502';
const SEARCH_PROD = '333333333303';
/** No SsmChatOpsExecution (nor execution role) in identity-staging. */
const IDENTITY_STAGING = '444444444402';
const PAYMENTS_PROD = '333333333301';
const BUDGET = { budgetMs: 5_000 };

let aws: SandboxAws;
let readiness: TargetReadiness;
beforeAll(async () => {
  aws = await startSandboxAws();
});
afterAll(() => aws.close());
beforeEach(async () => {
  await aws.reset();
  readiness = aws.adapters.readiness;
});

const at = (accountId: string, region: string) => ({ accountId, region });

describe('SsmTargetReadiness against the sandbox', () => {
  it('when a fan-out targets a region its account has not enabled, then that target is region-not-enabled and the rest ready', async () => {
    const answers = await readiness.check(
      [at(DATA_DEV, TOKYO), at(DATA_DEV, VIRGINIA), at(PAYMENTS_PROD, VIRGINIA)],
      'fan-out',
      BUDGET,
    );
    expect(answers).toEqual({
      [`${DATA_DEV}:${TOKYO}`]: { kind: 'ready' },
      [`${DATA_DEV}:${VIRGINIA}`]: {
        kind: 'refused',
        code: 'region-not-enabled',
        message: `${VIRGINIA} is not enabled for account ${DATA_DEV} (AWS refuses its credentials there)`,
      },
      [`${PAYMENTS_PROD}:${VIRGINIA}`]: { kind: 'ready' },
    });
  });

  it('when the fan-out role is missing in an account, then each of its targets is role-missing', async () => {
    const answers = await readiness.check(
      [at(IDENTITY_STAGING, TOKYO), at(IDENTITY_STAGING, VIRGINIA)],
      'fan-out',
      BUDGET,
    );
    for (const answer of Object.values(answers)) {
      expect(answer).toMatchObject({ kind: 'refused', code: 'role-missing' });
      expect(answer.kind === 'refused' && answer.message).toContain('SsmChatOpsExecution in 444444444402');
    }
  });

  it('when a multi-account run targets a disabled region, then it is refused through the read role; the home account reads as itself', async () => {
    const answers = await readiness.check(
      [at(SEARCH_PROD, IRELAND), at(SEARCH_PROD, TOKYO), at(IDENTITY_STAGING, TOKYO), at(HOME, IRELAND)],
      'multi-account',
      BUDGET,
    );
    expect(answers[`${SEARCH_PROD}:${IRELAND}`]).toMatchObject({
      kind: 'refused',
      code: 'region-not-enabled',
    });
    // Multi-account starts do not use the fan-out role: identity-staging's missing one refuses nothing here.
    expect(answers[`${SEARCH_PROD}:${TOKYO}`]).toEqual({ kind: 'ready' });
    expect(answers[`${IDENTITY_STAGING}:${TOKYO}`]).toEqual({ kind: 'ready' });
    expect(answers[`${HOME}:${IRELAND}`]).toEqual({ kind: 'ready' });
  });

  it('when AWS is slower than the budget, then the targets not answered in time are unchecked', async () => {
    await aws.sandbox.control.addFault({ kind: 'api-latency', service: 'sts', delayMs: 1_000 });
    const answers = await readiness.check([at(PAYMENTS_PROD, TOKYO), at(DATA_DEV, TOKYO)], 'fan-out', {
      budgetMs: 100,
    });
    expect(Object.values(answers)).toEqual([
      { kind: 'unchecked', reason: 'time-budget' },
      { kind: 'unchecked', reason: 'time-budget' },
    ]);
  });

  it('when AWS throttles the read past the retries, then the target is unchecked, not refused', async () => {
    await aws.sandbox.control.addFault({
      kind: 'api-error',
      service: 'ssm',
      operation: 'DescribeAutomationExecutions',
      errorCode: 'ThrottlingException',
    });
    const answers = await readiness.check([at(PAYMENTS_PROD, TOKYO)], 'fan-out', BUDGET);
    expect(answers).toEqual({ [`${PAYMENTS_PROD}:${TOKYO}`]: { kind: 'unchecked', reason: 'throttled' } });
  });

  it('when the same targets are checked again within minutes, then AWS is not asked again', async () => {
    const targets = [at(PAYMENTS_PROD, TOKYO), at(DATA_DEV, VIRGINIA)];
    const first = await readiness.check(targets, 'fan-out', BUDGET);
    const calls = aws.world().calls.report().total;
    expect(await readiness.check(targets, 'fan-out', BUDGET)).toEqual(first);
    expect(aws.world().calls.report().total).toBe(calls);
  });

  it('when more accounts are asked than may be checked at once, then the others wait their turn', async () => {
    await aws.sandbox.control.addFault({ kind: 'api-latency', service: 'sts', delayMs: 400 });
    const clients = new AwsClients({
      homeRegion: TOKYO,
      endpoint: aws.sandbox.sandbox.url,
      credentials: HOME_CREDENTIALS,
      maxAttempts: 1,
    });
    const roles = new AssumedRoleCredentials(clients, { now: () => aws.world().clock.nowMs() });
    const oneAtATime = new SsmTargetReadiness(clients, roles, async () => HOME, {
      fanOutRoleName: 'SsmChatOpsExecution',
      readRoleName: 'SsmChatOpsReadOnly',
      externalId: 'ssm-chatops-sandbox',
      accountsAtOnce: 1,
    });
    try {
      // The first account takes one slow AssumeRole; the second cannot finish its own within the budget.
      const answers = await oneAtATime.check(
        [at(PAYMENTS_PROD, TOKYO), at(DATA_DEV, TOKYO), at(SEARCH_PROD, TOKYO)],
        'fan-out',
        { budgetMs: 700 },
      );
      expect(Object.values(answers)).toEqual([
        { kind: 'ready' },
        { kind: 'unchecked', reason: 'time-budget' },
        { kind: 'unchecked', reason: 'time-budget' },
      ]);
    } finally {
      clients.destroy();
    }
  });

  it('when a refusal is two minutes old, then it is asked again, while a ready answer is still reused', async () => {
    const clients = new AwsClients({
      homeRegion: TOKYO,
      endpoint: aws.sandbox.sandbox.url,
      credentials: HOME_CREDENTIALS,
      maxAttempts: 1,
    });
    const now = () => aws.world().clock.nowMs();
    const roles = new AssumedRoleCredentials(clients, { now });
    const checks = new SsmTargetReadiness(clients, roles, async () => HOME, {
      fanOutRoleName: 'SsmChatOpsExecution',
      readRoleName: 'SsmChatOpsReadOnly',
      externalId: 'ssm-chatops-sandbox',
      now,
    });
    try {
      const targets = [at(PAYMENTS_PROD, TOKYO), at(IDENTITY_STAGING, TOKYO)];
      await checks.check(targets, 'fan-out', BUDGET);
      expect(roles.assumeRoleCalls).toBe(2);
      await aws.advance(120);
      const again = await checks.check(targets, 'fan-out', BUDGET);
      // Only identity-staging's AssumeRole is made again (payments-prod's answer is kept for 5 minutes).
      expect(roles.assumeRoleCalls).toBe(3);
      expect(again[`${IDENTITY_STAGING}:${TOKYO}`]).toMatchObject({ kind: 'refused', code: 'role-missing' });
    } finally {
      clients.destroy();
    }
  });

  it('when a fan-out start follows its dry run, then it reuses the role the check assumed', async () => {
    const assumeRoles = () => aws.world().calls.report().byOperation['sts:AssumeRole'] ?? 0;
    await readiness.check([at(PAYMENTS_PROD, TOKYO)], 'fan-out', BUDGET);
    expect(assumeRoles()).toBe(1);

    const started = await aws.adapters.automation.startInAccount({
      target: at(PAYMENTS_PROD, TOKYO),
      runbook: 'AWS-RestartEC2Instance',
      parameters: { InstanceId: ['i-0a1b2c3d4e5f60718'] },
      clientToken: '0b7e3c52-9f1d-4c8a-a2e6-5d4f3b2a1c0e',
    });
    expect(started.ok).toBe(true);
    expect(assumeRoles()).toBe(1);
  });
});
