// Every mistake gets an ephemeral that says what was wrong and how to write it; policy allows and denies;
// help, list, status, history and dry runs answer without starting anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';

const ALICE = 'U0REQUEST1';
const BOB = 'U0APPROVE1';
const MALLORY = 'U0OUTSIDE1';
const OPS = 'C0OPS00001';
let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ worker: false });
});
afterAll(() => harness?.close());

/** Sends `/ssm <text>` and returns the text of the ephemeral the user sees (the ack or a later respond). */
async function ask(userId: string, text: string): Promise<string> {
  const before = harness.slack.ephemerals(userId, OPS).length;
  const sent = await harness.slack.driver.slashCommand({ userId, channelId: OPS, text });
  expect(sent.status).toBe(200);
  const reply = await harness.slack.waitFor((slack) => slack.ephemerals(userId, OPS)[before]);
  return `${reply.text}\n${JSON.stringify(reply.blocks ?? [])}`;
}

async function runsRecorded() {
  return (await harness.services.context.runs.listRecent(100)).length;
}

describe('mistakes in /ssm run', () => {
  it.each([
    [
      'an unknown runbook',
      'run AWS-RestartEC2Instanse InstanceId=i-0123456789abcdef0 --accounts dev-shared',
      /AWS-RestartEC2Instance/,
    ],
    [
      'an unknown parameter',
      'run AWS-RestartEC2Instance InstanceID=i-0123456789abcdef0 --accounts dev-shared',
      /InstanceId/,
    ],
    [
      'a value outside AllowedValues',
      'run Platform-RollingRestartService ClusterName=prod MinHealthyPercent=60 --accounts dev-shared',
      /50.*75.*100/s,
    ],
    [
      'a value not matching the pattern',
      'run AWS-RestartEC2Instance InstanceId=web-1 --accounts dev-shared',
      /\^i-\[a-z0-9\]/,
    ],
    [
      'an unknown account',
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts paymnts-prod',
      /payments-prod/,
    ],
    [
      'an unknown OU',
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --ou ou-sbx1-nope0001',
      /ou-sbx1-nope0001/,
    ],
    [
      'a region that is not enabled',
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared --regions eu-west-1',
      /eu-west-1.*not enabled/s,
    ],
    [
      'a suspended account',
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts legacy-reporting',
      /SUSPENDED/,
    ],
    ['a bad flag', 'run AWS-RestartEC2Instance --acounts dev-shared', /--accounts/],
    [
      'a reserved parameter',
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 AutomationAssumeRole=arn:aws:iam::111111111111:role/x --accounts dev-shared',
      /AutomationAssumeRole/,
    ],
  ])(
    'when the command has %s, then the ephemeral names it and how to write it, and nothing starts',
    async (_, text, expected) => {
      const reply = await ask(ALICE, text);
      expect(reply).toMatch(expected);
      expect(await runsRecorded()).toBe(0);
    },
  );
});

describe('policy', () => {
  it('when a deny rule covers the target, then the reply names the rule', async () => {
    const reply = await ask(
      ALICE,
      'run AWS-StopEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-prod',
    );
    expect(reply).toContain('no-stop-in-prod');
    expect(await runsRecorded()).toBe(0);
  });

  it('when no rule grants the target, then the reply says so for exactly that target', async () => {
    const reply = await ask(
      BOB,
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-staging,payments-prod',
    );
    expect(reply).toContain('payments-prod');
    expect(reply).not.toMatch(/payments-staging \(444444444401\)/);
  });

  it('when an outsider lists runbooks, then none are offered; alice sees them with descriptions', async () => {
    expect(await ask(MALLORY, 'list')).toMatch(/No runbooks/i);
    const listing = await ask(ALICE, 'list AWS-Re');
    expect(listing).toContain('AWS-RestartEC2Instance');
    expect(listing).not.toContain('AWS-StopEC2Instance');
    expect(listing).toMatch(/Restart EC2/);
  });

  it('when alice lists one runbook by its whole name, then she reads its description and parameters', async () => {
    const reply = await ask(ALICE, 'list aws-restartec2instance');
    expect(reply).toContain('AWS-RestartEC2Instance: its description and parameters');
    expect(reply).toContain('`InstanceId` (StringList, required)');
    expect(reply).not.toContain('AutomationAssumeRole');
  });

  it('when a change template governs the run, then it is not started: the reply names the template and the change request', async () => {
    const reply = await ask(ALICE, 'run Platform-CleanupUnusedAmis --accounts payments-prod');
    expect(reply).toContain('prod-change');
    expect(reply).toMatch(/chg-[a-z2-9]{8}/);
    expect(await runsRecorded()).toBe(0);
  });
});

describe('answers that start nothing', () => {
  it('when alice asks for a dry run, then the preview shows the matrix, mode and limits', async () => {
    const reply = await ask(
      ALICE,
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --ou ou-sbx1-prod0001 --regions ap-northeast-1,us-east-1 --concurrency 25% --dry-run',
    );
    for (const expected of [
      'payments-prod',
      '333333333301',
      'search-prod',
      'us-east-1',
      '25%',
      'Multi-account',
    ]) {
      expect(reply).toContain(expected);
    }
    expect(reply).toContain('6 executions (3 accounts × 2 regions)');
    expect(await runsRecorded()).toBe(0);
    expect(
      (await harness.sandbox.control.calls()).rows.some(
        (row) => row.operation === 'StartAutomationExecution',
      ),
    ).toBe(false);
  });

  it.each([
    ['help', /\/ssm run/],
    ['help run', /--max-errors/],
    ['status run-zzzzzzzz', /no run `run-zzzzzzzz`/i],
    ['cancel run-zzzzzzzz', /run-zzzzzzzz/],
    // No run has started in this file; the change request opened above is listed, awaiting approval.
    ['history AWS-StopEC2Instance', /No runs/i],
    ['history', /chg-[a-z2-9]{8}.*Awaiting approval/s],
    ['frobnicate', /not an \/ssm command/],
  ])('when someone types `/ssm %s`, then the reply matches %s', async (text, expected) => {
    expect(await ask(ALICE, text)).toMatch(expected);
  });
});
