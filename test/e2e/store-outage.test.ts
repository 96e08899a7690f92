// Slack requests while Redis is down or hung: answered within Slack's 3 s that nothing was done, and never run
// later. (They used to be acked, then wait in the client's queue for the whole outage and run when it ended.)
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisAnswers } from '../../src/http/redis-health.js';
import { ActionId } from '../../src/slack/ids.js';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
const RUN_ID = /run-[a-km-np-z2-9]{8}/;
const REFUSAL = 'cannot reach its store';
const RUN = 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared';

let harness: BotHarness;
/** A finished run's message in #ops, for Status clicks. */
let runMessageTs: string;

beforeAll(async () => {
  // Append-only, so a crash keeps what was stored, as a production Redis would.
  harness = await startBotHarness({ redisAppendOnly: true });
  const runId = await runAndGetId();
  await untilRunEnds(harness, runId);
  runMessageTs = (
    await harness.slack.waitFor((slack) =>
      slack.messages(OPS).find((message) => message.text?.includes(runId)),
    )
  ).ts;
});
afterAll(() => harness?.close());

/** Sends `/ssm run …` as alice and returns the run id of her answer. */
async function runAndGetId(): Promise<string> {
  const before = harness.slack.ephemerals(ALICE, OPS).length;
  await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text: RUN });
  const reply = await harness.slack.waitFor((slack) =>
    slack
      .ephemerals(ALICE, OPS)
      .slice(before)
      .find((message) => RUN_ID.test(message.text ?? '')),
  );
  return RUN_ID.exec(reply.text ?? '')![0];
}

/** StartAutomationExecution calls the sandbox answered so far, in any account. */
async function startCalls(): Promise<number> {
  return Object.entries((await harness.sandbox.control.calls()).byOperation)
    .filter(([operation]) => operation.endsWith(':StartAutomationExecution'))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** What the bot stored and started, and what #ops shows: none of it may change for a refused request. */
async function footprint() {
  return {
    runs: (await harness.services.context.runs.listRecent(100)).length,
    starts: await startCalls(),
    messages: harness.slack.messages(OPS).length,
  };
}

describe.each([
  ['down (crashed)', () => harness.redis.crash(), () => harness.redis.resume()],
  ['hung (SIGSTOP)', async () => harness.redis.freeze(), async () => harness.redis.thaw()],
] as const)('while Redis is %s', (_, breakRedis, mendRedis) => {
  it('then /ssm run is answered within 3 s that it was not run, /ssm help still works, and nothing runs later', async () => {
    const before = await footprint();
    await breakRedis();
    let refused: Awaited<ReturnType<typeof harness.slack.driver.slashCommand>>;
    let help: Awaited<ReturnType<typeof harness.slack.driver.slashCommand>>;
    let click: Awaited<ReturnType<typeof harness.slack.driver.clickButton>>;
    const ephemeralsBefore = harness.slack.ephemerals(ALICE, OPS).length;
    try {
      refused = await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text: RUN });
      help = await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text: 'help' });
      click = await harness.slack.driver.clickButton({
        userId: ALICE,
        channelId: OPS,
        messageTs: runMessageTs,
        actionId: ActionId.showRunStatus,
      });
    } finally {
      await mendRedis();
    }
    expect({ status: refused.status, timedOut: refused.timedOut }).toEqual({ status: 200, timedOut: false });
    // Within Slack's 3 s with room to spare: a hung Redis is waited on once (the replay check's 1 s bound), not
    // once more by the store gate; requests after it find the client down or behind that unanswered check.
    expect(refused.durationMs).toBeLessThan(1_500);
    expect(Math.max(help.durationMs, click.durationMs)).toBeLessThan(500);
    expect(refused.ephemeral?.text).toContain(REFUSAL);
    expect(refused.ephemeral?.text).toContain('*not* done');
    expect(help.ephemeral?.text).not.toContain(REFUSAL);
    expect({ status: click.status, timedOut: click.timedOut }).toEqual({ status: 200, timedOut: false });
    // The click is refused through its response URL: an ephemeral for alice, the run message untouched.
    const clickAnswer = await harness.slack.waitFor((slack) =>
      slack
        .ephemerals(ALICE, OPS)
        .slice(ephemeralsBefore)
        .find((message) => message.text?.includes(REFUSAL) && message !== refused.ephemeral),
    );
    expect(clickAnswer.text).toContain(REFUSAL);

    // Once Redis answers again, a new request is the barrier: it runs, and it is the only thing that does.
    await vi.waitFor(async () => expect(await redisAnswers(harness.services.redis)).toBe(true), {
      timeout: 15_000,
      interval: 50,
    });
    const runId = await runAndGetId();
    await untilRunEnds(harness, runId);
    // Its message goes out through the outbox, at Slack's pace, perhaps after the run has ended.
    await harness.slack.waitFor((slack) =>
      slack.messages(OPS).find((message) => message.text?.includes(runId)),
    );
    const after = await footprint();
    expect({
      runs: after.runs - before.runs,
      starts: after.starts - before.starts,
      messages: after.messages - before.messages,
    }).toEqual({ runs: 1, starts: 1, messages: 1 });
  }, 60_000);
});
