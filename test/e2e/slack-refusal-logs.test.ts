// Slack's expected refusals in the bot's log, over signed requests from the emulator: a click by someone outside
// the approvals channel (chat.postEphemeral answers user_not_in_channel, so the answer goes by DM) is one info
// line, a 429 one warning, each of fields, never an error, never a stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId } from '../../src/slack/ids.js';
import { type BotHarness, ONE_LEAD_CONFIG, startBotHarness } from '../support/bot-harness.js';

const ALICE = 'U0REQUEST1'; // platform: requests; in #ops and #change-approvals
const ERIN = 'U0OPERATE1'; // platform; not in #change-approvals
const ERIN_DM = 'D0OPERATE1'; // the app's conversation with ERIN (the emulator names it after her id)
const OPS = 'C0OPS00001';
const APPROVALS = 'C0APPROVE1';

const CONFIG = ONE_LEAD_CONFIG;

const PACE = { timeout: 30_000, interval: 50 };
let harness: BotHarness;
beforeAll(async () => {
  harness = await startBotHarness({ config: CONFIG });
});
afterAll(() => harness?.close());

interface LogLine {
  level: number;
  msg: string;
  error?: string;
  err?: unknown;
  [field: string]: unknown;
}
const logged = () => harness.logWarnings().map((line) => JSON.parse(line) as LogLine);
const errorsLogged = () => logged().filter((line) => line.level >= 50);

/** Asks for a change in #ops and returns the request message the outbox posted in #change-approvals. */
async function requestChange(): Promise<{ ts: string }> {
  const before = harness.slack.messages(APPROVALS).length;
  await harness.slack.driver.slashCommand({
    userId: ALICE,
    channelId: OPS,
    text: 'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared',
  });
  return harness.slack.waitFor((slack) => slack.messages(APPROVALS)[before], { timeoutMs: PACE.timeout });
}

/** How often chat.postEphemeral answered `error` so far. */
const ephemeralsRefused = (error: string) =>
  harness.slack.calls()['chat.postEphemeral']?.errorCodes[error] ?? 0;

describe('expected Slack refusals in the log', () => {
  it('when someone outside the approvals channel clicks Approve, then they get the answer by DM and the refusal is one info line without a stack', async () => {
    const message = await requestChange();
    const refusedBefore = ephemeralsRefused('user_not_in_channel');
    const dmsBefore = harness.slack.messages(ERIN_DM).length;
    await harness.slack.driver.clickButton({
      userId: ERIN,
      channelId: APPROVALS,
      messageTs: message.ts,
      actionId: ActionId.approveChange,
    });
    // Slack will not show her an ephemeral in a channel she is not in: the answer comes as a DM, saying where.
    const dm = await harness.slack.waitFor((slack) => slack.messages(ERIN_DM)[dmsBefore], {
      timeoutMs: PACE.timeout,
    });
    expect(dm.text).toContain(`<#${APPROVALS}>`);
    expect(JSON.stringify(dm.blocks)).toMatch(/SRE leads|S0SRELEADS/);
    // One refused ephemeral: the answer itself, and no "something went wrong" notice after it.
    expect(ephemeralsRefused('user_not_in_channel')).toBe(refusedBefore + 1);

    const mentions = harness.logInfoAndAbove().filter((line) => line.includes('user_not_in_channel'));
    expect(mentions).toHaveLength(1);
    const line = JSON.parse(mentions[0]!) as LogLine;
    expect(line).toMatchObject({ level: 30, error: 'user_not_in_channel', channel: APPROVALS, user: ERIN });
    expect(line.err).toBeUndefined();
    expect(mentions[0]).not.toContain('stack');
    expect(errorsLogged()).toEqual([]);
  });

  it('when Slack answers 429 to the ephemeral of a refusal, then it is one warning naming the method', async () => {
    const message = await requestChange();
    const warningsBefore = logged().filter((line) => line.error === 'ratelimited').length;
    const answeredBefore = harness.slack.ephemerals(ALICE, APPROVALS).length;
    harness.slack.forceRateLimit({ method: 'chat.postEphemeral', count: 1, retryAfterSeconds: 1 });
    // ALICE asked for the change herself: she may not approve it, and is told so once the retry gets through.
    await harness.slack.driver.clickButton({
      userId: ALICE,
      channelId: APPROVALS,
      messageTs: message.ts,
      actionId: ActionId.approveChange,
    });
    await harness.slack.waitFor((slack) => slack.ephemerals(ALICE, APPROVALS)[answeredBefore], {
      timeoutMs: PACE.timeout,
    });

    const warnings = logged()
      .filter((line) => line.error === 'ratelimited')
      .slice(warningsBefore);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, method: 'chat.postEphemeral', retryAfterMs: 1_000 });
    expect(JSON.stringify(warnings[0])).not.toContain('stack');
    expect(
      logged().filter((line) => /rate[ -]?limit/i.test(line.msg) && line.error !== 'ratelimited'),
    ).toEqual([]);
    expect(errorsLogged()).toEqual([]);
  });
});
