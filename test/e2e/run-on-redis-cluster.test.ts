// A multi-account run end to end on a Redis Cluster (3 masters), as ElastiCache Serverless runs: the bot and the
// worker connect by a redis+cluster:// URL, and every store, queue and script works across its shards.
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeys } from '../../src/store/run-keys.js';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { isFileShare, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ redisCluster: true });
}, 60_000);
afterAll(() => harness?.close());

describe('a multi-account run on a Redis Cluster', () => {
  it('when alice runs a runbook on two accounts and two regions, then it starts once, every child is reported in the thread and the trail has it', async () => {
    expect(harness.services.redis).toBeInstanceOf(Cluster);
    const sent = await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-prod,333333333302 --regions ap-northeast-1,us-east-1 --reason "kernel patch"',
    });
    expect(sent.status).toBe(200);
    const message = await harness.slack.waitFor((slack) =>
      slack.messages(OPS).find((candidate) => /run-[a-z2-9]{8}/.test(candidate.text ?? '')),
    );
    const runId = /run-[a-z2-9]{8}/.exec(message.text ?? '')![0];

    const run = await untilRunEnds(harness, runId);
    expect(run.status).toBe('succeeded');
    expect(run.children.map((child) => child.status)).toEqual(['Success', 'Success', 'Success', 'Success']);
    const starts = (await harness.sandbox.control.calls()).rows.filter(
      (row) => row.operation === 'StartAutomationExecution',
    );
    expect(starts).toHaveLength(1);
    expect(await harness.services.context.runs.findRunIdByExecutionId(run.parentExecutionId!)).toBe(runId);

    const thread = await harness.slack.waitFor((slack) => {
      const replies = slack
        .thread(OPS, message.ts)
        .slice(1)
        .filter((reply) => !isFileShare(reply));
      return replies.length === 4 && replies.every((reply) => reply.text?.includes('Success'))
        ? replies
        : undefined;
    });
    expect(thread.map((reply) => reply.text).join('\n')).toContain('payments-prod');
    await harness.slack.waitFor((slack) =>
      slack
        .messages(OPS)
        .find((candidate) => candidate.ts === message.ts && /succeeded/i.test(candidate.text ?? '')),
    );
    const timeline = await harness.services.context.audit.timeline(runId);
    expect(timeline.map((entry) => entry.action)).toEqual(['run.requested', 'run.finished']);

    // The run's record is on one shard, its place in the recent list perhaps on another: both were written.
    const keys = runKeys(harness.services.keyPrefix);
    expect(await harness.services.redis.zscore(keys.recent, runId)).not.toBeNull();
    expect(await harness.services.redis.hget(keys.run(runId), 'version')).not.toBeNull();
  });
});
