// A run's results files, end to end: when a run ends, its thread gets one message with a CSV and a JSON file, a
// row for every target (failed, refused, cancelled, never started), shared once even when Slack answers 429 or an
// upload fails on the way.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Run } from '../../src/core/run/run.js';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { newestRunId, resultsShare, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
const HEADER =
  'account_id,account_name,ou,region,execution_id,status,failed_step,failure_message,duration_seconds,outputs';
let harness: BotHarness;
const seen: string[] = [];

beforeAll(async () => {
  harness = await startBotHarness();
});
afterAll(() => harness?.close());

async function start(text: string): Promise<string> {
  await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text });
  const id = await newestRunId(harness, OPS, seen);
  seen.push(id);
  return id;
}

/** The CSV's rows as `name:region:status`, and each row's cells (none of these rows needs quoting). */
function csvRows(csv: string): string[][] {
  const [header, ...rows] = csv.trimEnd().split('\r\n');
  expect(header).toBe(HEADER);
  return rows.map((row) => row.split(','));
}

const targetsOf = (run: Run) =>
  run.children
    .map((child) => `${child.accountId}:${child.region}:${child.status}:${child.executionId ?? ''}`)
    .sort();

describe('the results files of a run', () => {
  it('when a fan-out run ends with a success, a failed step and a refused start, then its thread gets one CSV and one JSON with a row for each', async () => {
    await harness.sandbox.control.addFault({
      kind: 'step-failure',
      documentName: 'AWS-RestartEC2Instance',
      stepName: 'startInstances',
      accountId: '555555555502',
    });
    try {
      const runId = await start(
        'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --ou ou-sbx1-stage001,ou-sbx1-dev00001 --max-errors 10',
      );
      const run = await untilRunEnds(harness, runId, 30_000);
      expect(run.status).toBe('completed-with-errors');

      const { message, csv, json } = await resultsShare(harness, OPS, runId);
      expect(message.files?.map((file) => file.name)).toEqual([
        `${runId}-results.csv`,
        `${runId}-results.json`,
      ]);
      expect(message.text).toContain(runId);

      const rows = csvRows(csv);
      expect(rows.map(([, name, ou, region, , status]) => `${name}|${ou}|${region}|${status}`)).toEqual([
        'data-dev|Workloads/Development|ap-northeast-1|Failed',
        'dev-shared|Workloads/Development|ap-northeast-1|Success',
        'identity-staging|Workloads/Staging|ap-northeast-1|StartFailed',
        'payments-staging|Workloads/Staging|ap-northeast-1|Success',
      ]);
      const [failed, succeeded, refused] = rows;
      expect(failed?.[6]).toBe('startInstances');
      expect(failed?.[7]).not.toBe('');
      expect(Number(succeeded?.[8])).toBeGreaterThanOrEqual(0);
      expect(succeeded?.[4]).toMatch(/^[0-9a-f-]{36}$/);
      expect(refused?.[4]).toBe('');
      expect(refused?.[7]).not.toBe('');

      // The JSON says the same, with the run it belongs to; the steps the rows name are those the run recorded.
      const parsed = JSON.parse(json) as {
        run: { id: string; status: string };
        targets: Array<{ status: string }>;
      };
      expect(parsed.run).toMatchObject({ id: runId, status: 'completed-with-errors' });
      expect(parsed.targets.map((target) => target.status)).toEqual(rows.map((row) => row[5]));
    } finally {
      await harness.sandbox.control.clearFaults();
    }
  }, 60_000);

  it('when a run is cancelled before some targets started, then those targets have their rows too', async () => {
    const runId = await start(
      'run Platform-RollingRestartService ClusterName=prod-cluster --mode fan-out --accounts dev-shared,data-dev,log-archive --concurrency 1',
    );
    // One child running, the others waiting their turn: the sandbox clock only moves when the test moves it.
    await vi.waitFor(async () => {
      const run = await harness.run(runId);
      expect(run?.children.filter((child) => child.executionId)).toHaveLength(1);
    });
    await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text: `cancel ${runId}` });
    const run = await untilRunEnds(harness, runId, 30_000);
    expect(run.status).toBe('cancelled');

    const { csv } = await resultsShare(harness, OPS, runId);
    const rows = csvRows(csv);
    // Every target of the run, as the run recorded it: the one that ran and the two that never started.
    expect(
      rows.map(([id, , , region, execution, status]) => `${id}:${region}:${status}:${execution}`).sort(),
    ).toEqual(targetsOf(run));
    expect(rows.filter((row) => row[4] === '')).toHaveLength(2);
  }, 60_000);

  it('when Slack answers 429 to the share and an upload fails once, then the files are still shared, once', async () => {
    harness.slack.forceRateLimit({ method: 'files.completeUploadExternal', count: 1, retryAfterSeconds: 1 });
    harness.slack.failUploads(1);
    const before = harness.slack.calls()['files.completeUploadExternal'] ?? { ok: 0, rateLimited: 0 };

    const runId = await start(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared',
    );
    const run = await untilRunEnds(harness, runId, 30_000);

    const { csv } = await resultsShare(harness, OPS, runId, 30_000);
    expect(csvRows(csv).map((row) => row[1])).toEqual(['dev-shared']);
    expect(run.children).toHaveLength(1);
    const after = harness.slack.calls()['files.completeUploadExternal']!;
    expect(after.ok - before.ok).toBe(1);
    expect(after.rateLimited - before.rateLimited).toBe(1);
    // The outbox logged Slack's 429 once, as it logs every Retry-After it waits out.
    expect(harness.logWarnings().some((line) => line.includes('files.completeUploadExternal'))).toBe(true);
  }, 60_000);
});
