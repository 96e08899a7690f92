// Who may see a run or a change through /ssm status and /ssm history, end to end: its requester, operators, the
// approvers of a change, and members of the channel it was posted in (Slack's conversations.members, through the
// emulator). Anyone else gets exactly the answer an unknown id gets.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';

const ALICE = 'U0REQUEST1';
/** bob: an SRE lead, so an approver of prod-change; in #ops, not in #aws-notifications. */
const BOB = 'U0APPROVE1';
/** erin: the operator. */
const ERIN = 'U0OPERATE1';
/** mallory: no policy lets her do anything; in #ops and #general, not in #aws-notifications or #change-approvals. */
const MALLORY = 'U0OUTSIDE1';
const OPS = 'C0OPS00001';
const NOTIFICATIONS = 'C0NOTIFY01';
const GENERAL = 'C0GENERAL1';
const REASON = 'Rotating the key leaked in INC-4711';
const RUN_ID = /run-[a-km-np-z2-9]{8}/;
const CHANGE_ID = /chg-[a-z2-9]{8}/;

let harness: BotHarness;
/** alice's run and production change, both asked for in #aws-notifications with a private reason. */
let runId: string;
let changeId: string;

beforeAll(async () => {
  harness = await startBotHarness({ worker: false });
  const run = await ask(
    ALICE,
    NOTIFICATIONS,
    `run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared --reason "${REASON}"`,
  );
  runId = RUN_ID.exec(run)?.[0] ?? '';
  const change = await ask(
    ALICE,
    NOTIFICATIONS,
    `run Platform-CleanupUnusedAmis --accounts payments-prod --reason "${REASON}"`,
  );
  changeId = CHANGE_ID.exec(change)?.[0] ?? '';
  expect([runId, changeId]).toEqual([expect.stringMatching(RUN_ID), expect.stringMatching(CHANGE_ID)]);
  // The run's parent message is posted before its record is stored: wait for the record.
  await vi.waitFor(async () => expect(await harness.run(runId)).toBeDefined());
});
afterAll(() => harness?.close());

/** Sends `/ssm <text>` from `channelId` and returns what the user then sees: the ephemeral's text and blocks. */
async function ask(userId: string, channelId: string, text: string): Promise<string> {
  const before = harness.slack.ephemerals(userId, channelId).length;
  const sent = await harness.slack.driver.slashCommand({ userId, channelId, text });
  expect(sent.status).toBe(200);
  const reply = await harness.slack.waitFor((slack) => slack.ephemerals(userId, channelId)[before]);
  // Block ids are the emulator's, numbered per message: not what a person reads.
  return `${reply.text}\n${JSON.stringify(reply.blocks ?? [])}`.replace(/"block_id":"[^"]*"/g, '"block_id"');
}

/** What `/ssm status <unknown id of the same kind>` answers, with `id` in its place. */
async function unknownAnswer(userId: string, channelId: string, id: string): Promise<string> {
  const unknown = id.startsWith('chg-') ? 'chg-zzzzzzzz' : 'run-zzzzzzzz';
  return (await ask(userId, channelId, `status ${unknown}`)).replaceAll(unknown, id);
}

describe('someone a run and a change do not concern', () => {
  it('when mallory asks for the history in #ops, then neither is listed', async () => {
    const history = await ask(MALLORY, OPS, 'history');
    expect(history).not.toContain(runId);
    expect(history).not.toContain(changeId);
    expect(history).not.toContain(REASON);
    expect(history).toMatch(/No runs/);
  });

  it('when mallory asks for the status of either, then the answer is that of an id nobody has', async () => {
    for (const id of [runId, changeId]) {
      const status = await ask(MALLORY, OPS, `status ${id}`);
      expect(status).toBe(await unknownAnswer(MALLORY, OPS, id));
      for (const secret of [REASON, 'dev-shared', 'payments-prod', 'i-0123456789abcdef0', 'U0APPROVE1']) {
        expect(status).not.toContain(secret);
      }
    }
  });

  it('when mallory tries to cancel the run, then the answer is that of an id nobody has', async () => {
    const cancel = await ask(MALLORY, OPS, `cancel ${runId}`);
    const unknown = (await ask(MALLORY, OPS, 'cancel run-zzzzzzzz')).replaceAll('run-zzzzzzzz', runId);
    expect(cancel).toBe(unknown);
    expect((await harness.run(runId))?.status).not.toMatch(/cancel/);
  });
});

describe('those a run and a change concern', () => {
  it.each([
    ['alice, who asked for them', ALICE],
    ['erin, an operator', ERIN],
  ])('when %s asks from #ops, then the history lists both and the status shows both', async (_, userId) => {
    const history = await ask(userId, OPS, 'history');
    expect(history).toContain(runId);
    expect(history).toContain(changeId);
    expect(await ask(userId, OPS, `status ${runId}`)).toContain('dev-shared');
    expect(await ask(userId, OPS, `status ${changeId}`)).toContain('payments-prod');
  });

  it('when bob, an approver of the change, asks from #ops, then he sees the change but not the run', async () => {
    const history = await ask(BOB, OPS, 'history');
    expect(history).toContain(changeId);
    expect(history).not.toContain(runId);
    expect(await ask(BOB, OPS, `status ${changeId}`)).toContain('payments-prod');
    expect(await ask(BOB, OPS, `status ${runId}`)).toBe(await unknownAnswer(BOB, OPS, runId));
  });
});

describe('members of the channel a run was posted in', () => {
  it('when mallory asks from #general about a run in #ops, of which she is a member, then she sees it', async () => {
    const reply = await ask(
      ALICE,
      OPS,
      'run AWS-RestartEC2Instance InstanceId=i-0fedcba9876543210 --accounts dev-shared',
    );
    const opsRun = RUN_ID.exec(reply)?.[0] ?? '';
    await vi.waitFor(async () => expect(await harness.run(opsRun)).toBeDefined());

    expect(await ask(MALLORY, GENERAL, `status ${opsRun}`)).toMatch(new RegExp(`${opsRun}.*dev-shared`, 's'));
    const history = await ask(MALLORY, GENERAL, 'history');
    expect(history).toContain(opsRun);
    expect(history).not.toContain(runId);
    expect(history).not.toContain(changeId);
  });
});
