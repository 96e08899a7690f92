// Failures the bot learns of from EventBridge: `events setup` wires every member account to the bot's
// POST /aws/events; an execution nobody started from Slack fails and gets its own thread in the notifications
// channel, once, however often EventBridge delivers the event; a wrong secret is refused.
import { StartAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/subcommand.js';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';

const SECRET = 'e2e-events-secret-0123456789';
const NOTIFY = 'C0NOTIFY01';
const MEMBER = '333333333301';
let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ eventsSecret: SECRET });
  harness.sandbox.sandbox.world.events.configureDelivery({ initialBackoffMs: 5, maxBackoffMs: 20 });
});
afterAll(() => {
  vi.unstubAllEnvs();
  return harness?.close();
});

async function eventsSetup() {
  // The CLI reads the SDK's default credential chain: the bot's identity in the operations account.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'sandbox');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'sandbox');
  const out: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => out.push(text),
    env: {
      AWS_REGION: 'ap-northeast-1',
      AWS_ENDPOINT_URL: harness.sandbox.sandbox.url,
      SSM_CHATOPS_EVENTS_SECRET: SECRET,
      SSM_CHATOPS_CONFIG: 'unused',
      LOG_LEVEL: 'silent',
    },
    isTty: false,
    shutdownSignal: () => new Promise(() => {}),
  };
  // The same organization-facing config the bot runs with (its events endpoint included).
  const config = JSON.stringify({
    aws: { homeRegion: 'ap-northeast-1', regions: ['ap-northeast-1'] },
    events: { endpointUrl: harness.eventsUrl },
  });
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const path = join(mkdtempSync(join(tmpdir(), 'e2e-events-')), 'config.yml');
  writeFileSync(path, config);
  const code = await main(['events', 'setup'], { ...io, env: { ...io.env, SSM_CHATOPS_CONFIG: path } });
  return { code, out: out.join('') };
}

/** Someone working in the member account starts a runbook there, outside the bot; it fails. */
async function failOutsideTheBot(): Promise<string> {
  await harness.sandbox.control.addFault({
    kind: 'step-failure',
    documentName: 'AWS-RestartEC2Instance',
    stepName: 'startInstances',
    accountId: MEMBER,
  });
  const credentials = await harness.sandbox.assumeRole(
    `arn:aws:iam::${MEMBER}:role/SsmChatOpsExecution`,
    'operator',
    {
      externalId: 'ssm-chatops-sandbox',
    },
  );
  const { AutomationExecutionId } = await harness.sandbox.ssm({ credentials }).send(
    new StartAutomationExecutionCommand({
      DocumentName: 'AWS-RestartEC2Instance',
      Parameters: { InstanceId: ['i-0123456789abcdef0'] },
    }),
  );
  await harness.sandbox.control.settle();
  await harness.sandbox.control.eventsIdle();
  return AutomationExecutionId!;
}

describe('failures from EventBridge', () => {
  it('when an execution started outside the bot fails, then one failure thread names the runbook, account, step and message', async () => {
    const setup = await eventsSetup();
    expect(setup.code).toBe(0);
    const executionId = await failOutsideTheBot();
    const thread = await harness.slack.waitFor(
      (slack) =>
        slack.messages(NOTIFY).find((message) => JSON.stringify(message.blocks).includes(executionId)),
      { timeoutMs: 10_000, description: 'a failure thread in #aws-notifications' },
    );
    const shown = JSON.stringify([thread.text, thread.blocks]);
    for (const expected of [
      'AWS-RestartEC2Instance',
      'payments-prod',
      MEMBER,
      'ap-northeast-1',
      'startInstances',
      'SsmChatOpsExecution',
    ]) {
      expect(shown).toContain(expected);
    }
    await harness.sandbox.control.clearFaults();
  });

  it('when EventBridge delivers the same event again, then there is still one thread; a wrong secret gets 401', async () => {
    const before = harness.slack.messages(NOTIFY).length;
    const executionId = harness.slack
      .messages(NOTIFY)
      .map((message) => /execution\/([0-9a-f-]{36})/.exec(JSON.stringify(message.blocks))?.[1])
      .find(Boolean)!;
    const event = {
      version: '0',
      id: '7bf73129-1428-4cd3-a780-95db273d1602',
      'detail-type': 'EC2 Automation Execution Status-change Notification',
      source: 'aws.ssm',
      account: MEMBER,
      time: '2026-11-25T09:00:00Z',
      region: 'ap-northeast-1',
      resources: [],
      detail: {
        ExecutionId: executionId,
        Definition: 'AWS-RestartEC2Instance',
        DefinitionVersion: 1,
        Status: 'Failed',
        StartTime: '2026-11-25T08:59:00Z',
        EndTime: '2026-11-25T09:00:00Z',
        Time: 60000,
        ExecutedBy: `arn:aws:sts::${MEMBER}:assumed-role/SsmChatOpsExecution/operator`,
      },
    };
    const post = (secret: string) =>
      fetch(harness.eventsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ssm-chatops-secret': secret },
        body: JSON.stringify(event),
      });
    expect((await post(SECRET)).status).toBe(202);
    expect((await post(SECRET)).status).toBe(202);
    expect((await post('not-the-secret-at-all')).status).toBe(401);
    // Both deliveries are processed before the check: the event and outbox queues have drained.
    await vi.waitFor(async () => {
      for (const name of ['automation-events', 'slack-outbox']) {
        const queue = new Queue(name, {
          connection: harness.services.redis,
          prefix: harness.services.queuePrefix,
        });
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        await queue.close();
        expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(0);
      }
    });
    expect(harness.slack.messages(NOTIFY)).toHaveLength(before);
  });
});
