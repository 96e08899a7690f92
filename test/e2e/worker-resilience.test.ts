// Workers as real processes against one Redis: two at once, one killed with SIGKILL mid-run and replaced; and
// runs that go on through a Slack 429 storm and 20% of AWS calls throttled. Nothing is lost or reported twice.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BotHarness, HARNESS_CONFIG, startBotHarness } from '../support/bot-harness.js';
import {
  childSummary,
  executionsPerTarget,
  isFileShare,
  newestRunId,
  resultsShare,
  untilRunEnds,
} from '../support/run-driving.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
let harness: BotHarness;
const workers: WorkerProcess[] = [];
const seen: string[] = [];

beforeAll(async () => {
  harness = await startBotHarness({ worker: false });
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await harness?.close();
});

async function run(text: string): Promise<string> {
  await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text });
  const id = await newestRunId(harness, OPS, seen);
  seen.push(id);
  return id;
}

/** The run's thread once Slack shows every child's final state: replies per child, never two. */
async function threadReplies(runId: string, expected: number) {
  return harness.slack.waitFor(
    (slack) => {
      const parent = slack.messages(OPS).find((message) => message.text?.includes(runId));
      const thread = parent
        ? slack
            .thread(OPS, parent.ts)
            .slice(1)
            .filter((reply) => !isFileShare(reply))
        : [];
      return thread.length >= expected && thread.every((reply) => /Success|Failed/.test(reply.text ?? ''))
        ? thread
        : undefined;
    },
    { timeoutMs: 30_000, description: `${expected} settled replies in the thread of ${runId}` },
  );
}

describe('worker processes', () => {
  it('when two workers run at once and one is killed mid-run, then a new one finishes the run and nothing is started or posted twice', async () => {
    workers.push(
      await startWorkerProcess(harness, HARNESS_CONFIG),
      await startWorkerProcess(harness, HARNESS_CONFIG),
    );
    const runId = await run(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --ou ou-sbx1-prod0001 --regions ap-northeast-1,us-east-1 --concurrency 2',
    );
    await vi.waitFor(async () => {
      const started = (await harness.run(runId))?.children.filter((child) => child.executionId).length ?? 0;
      expect(started).toBeGreaterThanOrEqual(2);
    });
    await workers[0]!.kill();
    workers.push(await startWorkerProcess(harness, HARNESS_CONFIG));

    const finished = await untilRunEnds(harness, runId, 40_000);
    expect(finished.status).toBe('succeeded');
    expect(new Set(finished.children.map((child) => child.executionId)).size).toBe(6);
    expect(await executionsPerTarget(harness, finished)).toEqual([1, 1, 1, 1, 1, 1]);
    const replies = await threadReplies(runId, 6);
    expect(replies.map((reply) => reply.text?.split(':')[0]).sort()).toEqual(
      [...new Set(replies.map((reply) => reply.text?.split(':')[0]))].sort(),
    );
    expect(replies).toHaveLength(6);
    // The results files too: shared once, whichever worker saw the end.
    const { csv } = await resultsShare(harness, OPS, runId);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(7);
  }, 90_000);
});

describe('hostile conditions', () => {
  beforeAll(async () => {
    if (workers.every((worker) => worker.child.exitCode !== null || worker.child.signalCode !== null)) {
      workers.push(await startWorkerProcess(harness, HARNESS_CONFIG));
    }
  });

  it('when Slack answers 429 to a storm of calls, then every message still arrives, once', async () => {
    const runId = await run(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared,data-dev,log-archive',
    );
    harness.slack.forceRateLimit({ count: 15, retryAfterSeconds: 1 });
    const finished = await untilRunEnds(harness, runId, 40_000);
    expect(finished.status).toBe('succeeded');
    const replies = await threadReplies(runId, 3);
    expect(replies).toHaveLength(3);
    expect(harness.slack.calls()['chat.postMessage']?.rateLimited ?? 0).toBeGreaterThan(0);
  }, 60_000);

  it('when 20% of AWS calls are throttled, then the run still succeeds everywhere and nothing is marked failed', async () => {
    await harness.sandbox.control.addFault({
      kind: 'api-error',
      errorCode: 'ThrottlingException',
      httpStatus: 400,
      probability: 0.2,
    });
    try {
      const runId = await run(
        'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --ou ou-sbx1-stage001,ou-sbx1-dev00001 --regions ap-northeast-1,us-east-1 --max-errors 10',
      );
      const finished = await untilRunEnds(harness, runId, 60_000);
      // Refused by AWS, not by throttling: identity-staging has no fan-out role, and data-dev has not enabled
      // us-east-1 (AWS answers a call into it as an unknown token, which is not retried).
      expect(childSummary(finished).filter((line) => !line.startsWith('identity-staging'))).toEqual([
        'data-dev:ap-northeast-1:Success',
        'data-dev:us-east-1:StartFailed',
        'dev-shared:ap-northeast-1:Success',
        'dev-shared:us-east-1:Success',
        'payments-staging:ap-northeast-1:Success',
        'payments-staging:us-east-1:Success',
      ]);
      // AWS really refused calls: the injected ThrottlingExceptions, retried with backoff by the SDK.
      const refused = (await harness.sandbox.control.calls()).rows.reduce((sum, row) => sum + row.error, 0);
      expect(refused).toBeGreaterThan(0);
    } finally {
      await harness.sandbox.control.clearFaults();
    }
  }, 90_000);
});
