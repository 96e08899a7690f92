// Change requests end to end: Slack emulator → bot → Redis → worker → sandbox. Two levels of approval that
// start a multi-account run, refusals that change nothing, a rejection with its reason, expiry on a fake clock,
// a CLOSED calendar and an emergency change, 20 simultaneous approvals, and a lock held by a running change.
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBotServices } from '../../src/bot/create-bot-services.js';
import { startBot } from '../../src/bot/start-bot.js';
import { runIdForChange } from '../../src/core/approval/change-id.js';
import type { StoredChange } from '../../src/core/approval/stored-change.js';
import { expiryJobId, QueueName } from '../../src/jobs/queue-names.js';
import { ActionId, BlockId, CallbackId } from '../../src/slack/ids.js';
import { rejectionReasonError } from '../../src/slack/render/render-change-refusal.js';
import { sweepChanges } from '../../src/use-cases/sweep-changes.js';
import { type BotHarness, HARNESS_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { CHANGE_ID, changeRequestSteps } from '../support/change-request-steps.js';
import { childSummary, untilRunEnds } from '../support/run-driving.js';
import { HOME_CREDENTIALS } from '../support/sandbox.js';
import { interactionBody, slackDeliveryHeaders } from '../support/slack-retry.js';

const ALICE = 'U0REQUEST1'; // platform: requests
const BOB = 'U0APPROVE1'; // SRE leads
const CAROL = 'U0APPROVE2'; // SRE leads
const DAVE = 'U0APPROVE3'; // Security
const ERIN = 'U0OPERATE1'; // platform, may raise emergencies
const OPS = 'C0OPS00001';
const APPROVALS = 'C0APPROVE1';

const CONFIG = {
  ...HARNESS_CONFIG,
  slack: { ...HARNESS_CONFIG.slack, channels: { ...HARNESS_CONFIG.slack.channels, approvals: APPROVALS } },
  approvalTemplates: [
    {
      name: 'prod-change',
      governs: { runbooks: ['AWS-RestartEC2Instance'], organizationalUnits: ['ou-sbx1-prod0001'] },
      levels: [
        { name: 'SRE leads', approvers: { userGroups: ['S0SRELEADS'] } },
        { name: 'Security', approvers: { userGroups: ['S0SECURITY'] } },
      ],
      expiresAfter: '1h',
      reasonRequired: { onRequest: true, onReject: true },
    },
    {
      name: 'one-lead',
      governs: { runbooks: ['AWS-StartEC2Instance'] },
      levels: [{ approvers: { userGroups: ['S0SRELEADS'] } }],
      reasonRequired: { onRequest: false, onReject: false },
    },
    {
      name: 'standard-rolling-restart',
      governs: { runbooks: ['Platform-RollingRestartService'] },
      autoApprove: true,
      reasonRequired: { onRequest: false, onReject: false },
    },
    {
      name: 'freeze-aware',
      governs: { runbooks: ['AWS-EnableS3BucketEncryption'] },
      levels: [{ approvers: { users: [BOB] } }],
      reasonRequired: { onRequest: false, onReject: false },
      // DEFAULT_OPEN, CLOSED for the year-end freeze 2026-12-20 → 2027-01-05.
      calendars: ['ProductionFreeze'],
      onConflict: 'wait',
    },
    {
      name: 'maintenance-window',
      governs: { runbooks: ['AWS-StopEC2Instance'], organizationalUnits: ['ou-sbx1-dev00001'] },
      levels: [{ approvers: { users: [BOB] } }],
      reasonRequired: { onRequest: false, onReject: false },
      // DEFAULT_CLOSED: open only during one Saturday's maintenance (fixtures/sandbox/organization.yml).
      calendars: ['WeekendMaintenanceWindow'],
      emergency: { users: [ERIN], bypassApprovals: true },
    },
  ],
};

let harness: BotHarness;
/** Slack lets the bot post one message a second per channel: a request waits behind earlier threads' notes. */
const PACE = { timeout: 30_000, interval: 50 };
let clock = Date.now();

beforeAll(async () => {
  harness = await startBotHarness({ config: CONFIG, now: () => new Date(clock) });
});
afterAll(() => harness?.close());

const approvals = () => harness.services.context.approvals;

const { waitForSlack, ask, request, requestMessage } = changeRequestSteps(() => harness, {
  ops: OPS,
  approvals: APPROVALS,
  timeoutMs: PACE.timeout,
});

async function click(userId: string, changeId: string, actionId: string): Promise<string | undefined> {
  const message = await requestMessage(changeId);
  const before = harness.slack.ephemerals(userId, APPROVALS).length;
  const version = (await approvals().changes.get(changeId))?.request.version;
  await harness.slack.driver.clickButton({ userId, channelId: APPROVALS, messageTs: message.ts, actionId });
  // The bot answers a refusal with an ephemeral; an accepted vote moves the change instead.
  await vi.waitFor(async () => {
    const now = await approvals().changes.get(changeId);
    const answered = harness.slack.ephemerals(userId, APPROVALS).length > before;
    expect(answered || now?.request.version !== version).toBe(true);
  }, PACE);
  return harness.slack.ephemerals(userId, APPROVALS)[before]?.text;
}

/** A reply in a thread whose text matches `pattern`, once the outbox has posted it. */
const replyIn = (channel: string, ts: string, pattern: RegExp) =>
  waitForSlack((slack) => slack.thread(channel, ts).find((reply) => pattern.test(reply.text ?? '')));

const change = async (id: string): Promise<StoredChange> => (await approvals().changes.get(id))!;
/** StartAutomationExecution calls the sandbox answered so far, in any account. */
const startCalls = async () =>
  Object.entries((await harness.sandbox.control.calls()).byOperation)
    .filter(([operation]) => operation.endsWith(':StartAutomationExecution'))
    .reduce((sum, [, count]) => sum + count, 0);

describe('a two-level change', () => {
  it('when SRE leads then Security approve, then the multi-account run starts once and its thread fills in; refusals change nothing', async () => {
    const id = await request(
      ALICE,
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-prod,search-prod --regions ap-northeast-1,us-east-1 --reason "Kernel patch"',
    );
    const posted = await requestMessage(id);
    expect(posted.text).toContain('AWS-RestartEC2Instance');
    expect(JSON.stringify(posted.blocks)).toContain('<!subteam^S0SRELEADS>');
    expect((await change(id)).request.status).toBe('pending');

    expect(await click(ALICE, id, ActionId.approveChange)).toMatch(/own/i);
    expect(await click(DAVE, id, ActionId.approveChange)).toMatch(/SRE leads/);
    expect((await change(id)).request.votes).toEqual([]);

    await click(BOB, id, ActionId.approveChange);
    expect((await change(id)).request.level).toBe(1);
    expect(await click(BOB, id, ActionId.approveChange)).toMatch(/already/i);
    expect(await click(CAROL, id, ActionId.approveChange)).toMatch(/Security/);
    expect(await startCalls()).toBe(0);

    await click(DAVE, id, ActionId.approveChange);
    const runId = runIdForChange(id);
    await vi.waitFor(async () => expect((await change(id)).request.status).toBe('started'), PACE);
    const finished = await untilRunEnds(harness, runId);
    expect(childSummary(finished)).toEqual([
      'payments-prod:ap-northeast-1:Success',
      'payments-prod:us-east-1:Success',
      'search-prod:ap-northeast-1:Success',
      'search-prod:us-east-1:Success',
    ]);
    expect(finished.approval).toEqual({ templates: ['prod-change'], changeId: id, approvedBy: [BOB, DAVE] });
    await vi.waitFor(async () => expect((await change(id)).request.endedAt).toBeDefined(), PACE);

    const timeline = (await harness.services.context.audit.timeline(id)).map((entry) => entry.action);
    expect(timeline).toEqual([
      'change.requested',
      'change.level-approved',
      'change.approved',
      'run.started',
      'run.finished',
    ]);
    // Every decision in the request's thread, and the requester's status reply shows the timeline.
    await waitForSlack((slack) =>
      slack.thread(APPROVALS, posted.ts).some((reply) => reply.text?.includes(runId)),
    );
    const status = await ask(ALICE, `status ${id}`);
    expect(JSON.stringify(status.blocks)).toMatch(/Timeline.*requested.*approved/s);
  });

  it('when a change needs a reason and none is given, then nothing is stored and the requester is told', async () => {
    const reply = await ask(
      ALICE,
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts identity-prod',
    );
    expect(reply.text).toMatch(/reason/i);
    expect(reply.text).not.toMatch(CHANGE_ID);
  });
});

describe('rejection and expiry', () => {
  it('when an approver rejects with a reason in the modal, then the change is closed with it and nothing starts', async () => {
    const id = await request(
      ALICE,
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts identity-prod --reason "Try"',
    );
    const calls = await startCalls();
    const message = await requestMessage(id);
    await harness.slack.driver.clickButton({
      userId: CAROL,
      channelId: APPROVALS,
      messageTs: message.ts,
      actionId: ActionId.rejectChange,
    });
    const modal = await waitForSlack((slack) =>
      slack.openViews(CAROL).find((view) => view.callback_id === CallbackId.changeRejection),
    );
    // Spaces pass Slack's own required-field check; the bot trims them and answers with its field error.
    const blank = await harness.slack.driver.submitView({
      userId: CAROL,
      viewId: modal.id,
      values: { [BlockId.rejectionReason]: '   ' },
    });
    expect(JSON.stringify(blank)).toContain(rejectionReasonError('prod-change'));
    expect((await change(id)).request.status).toBe('pending');

    await harness.slack.driver.submitView({
      userId: CAROL,
      viewId: modal.id,
      values: { [BlockId.rejectionReason]: 'Not during the sale' },
    });
    await vi.waitFor(async () => expect((await change(id)).request.status).toBe('rejected'), PACE);
    expect((await change(id)).request.rejection).toMatchObject({ by: CAROL, reason: 'Not during the sale' });
    await waitForSlack((slack) =>
      slack
        .messages(APPROVALS)
        .find(
          (candidate) => candidate.ts === message.ts && /Rejected/.test(JSON.stringify(candidate.blocks)),
        ),
    );
    // /ssm history lists a change that never ran among the runs.
    const history = await ask(ALICE, 'history AWS-RestartEC2Instance');
    expect(JSON.stringify(history.blocks)).toMatch(new RegExp(`${id}.*Rejected`));
    // The buttons are gone once it is closed: nothing left to click.
    expect(JSON.stringify((await requestMessage(id)).blocks)).not.toContain(ActionId.approveChange);
    expect(await startCalls()).toBe(calls);
  });

  it('when the clock passes the expiry and the delayed job runs, then the change expires and says so', async () => {
    const id = await request(
      ALICE,
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts identity-prod --reason "Later"',
    );
    const queue = new Queue(QueueName.changeExpiry, {
      connection: harness.services.redis,
      prefix: harness.services.queuePrefix,
    });
    const job = await queue.getJob(expiryJobId(id));
    expect(job?.queueName).toBe(QueueName.changeExpiry);
    // Due in an hour (the template's expiresAfter), by the bot's clock.
    expect(job?.delay).toBeGreaterThan(59 * 60_000);
    clock += 61 * 60_000;
    await job!.promote();
    await queue.close();
    await vi.waitFor(async () => expect((await change(id)).request.status).toBe('expired'), PACE);
    const message = await requestMessage(id);
    await waitForSlack((slack) =>
      slack
        .messages(APPROVALS)
        .find((candidate) => candidate.ts === message.ts && /Expired/.test(JSON.stringify(candidate.blocks))),
    );
    expect(JSON.stringify((await requestMessage(id)).blocks)).not.toContain(ActionId.approveChange);
    await replyIn(APPROVALS, message.ts, new RegExp(`^<@${ALICE}> :hourglass: This change expired`));
  });
});

describe('withdrawal and standard changes', () => {
  it('when someone else clicks Withdraw, then nothing changes; when the requester does, then the change closes', async () => {
    const id = await request(
      ALICE,
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts identity-prod --reason "Maybe"',
    );
    expect(await click(BOB, id, ActionId.withdrawChange)).toMatch(/Only the requester/);
    expect((await change(id)).request.status).toBe('pending');
    const alices = harness.slack.ephemerals(ALICE, APPROVALS).length;
    await click(ALICE, id, ActionId.withdrawChange);
    expect((await change(id)).request.status).toBe('withdrawn');
    expect(harness.slack.ephemerals(ALICE, APPROVALS)).toHaveLength(alices);
    expect((await harness.services.context.audit.timeline(id)).map((entry) => entry.action)).toEqual([
      'change.requested',
      'change.withdrawn',
    ]);
  });

  it('when a standard change is requested, then it starts without votes and the audit says it was approved', async () => {
    const id = await request(
      ALICE,
      'run Platform-RollingRestartService ClusterName=dev-cluster --accounts dev-shared',
    );
    await vi.waitFor(async () => expect((await change(id)).request.status).toBe('started'), PACE);
    expect((await change(id)).request.votes).toEqual([]);
    await untilRunEnds(harness, runIdForChange(id));
    await vi.waitFor(async () => expect((await change(id)).request.endedAt).toBeDefined(), PACE);
    expect((await harness.services.context.audit.timeline(id)).map((entry) => entry.action)).toEqual([
      'change.requested',
      'change.approved',
      'run.started',
      'run.finished',
    ]);
  });
});

describe('calendars', () => {
  it('when the calendar is CLOSED, then a normal change is refused and an emergency change goes through, flagged', async () => {
    const refused = await ask(
      ALICE,
      'run AWS-StopEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared',
    );
    expect(refused.text).toMatch(/WeekendMaintenanceWindow.*CLOSED|CLOSED.*WeekendMaintenanceWindow/s);

    // alice may not raise an emergency change under this template; erin may.
    const notAllowed = await ask(
      ALICE,
      'run AWS-StopEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared --emergency',
    );
    expect(notAllowed.text).toMatch(/emergency/i);

    const id = await request(
      ERIN,
      'run AWS-StopEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared --emergency',
    );
    await vi.waitFor(async () => expect((await change(id)).request.status).toBe('started'), PACE);
    expect((await change(id)).request.emergency).toBe(true);
    const actions = (await harness.services.context.audit.timeline(id)).map((entry) => entry.action);
    expect(actions).toContain('change.emergency');
    expect(actions).toContain('run.started');
  });
});

describe('the run modal', () => {
  it('when erin ticks Emergency in the run form while the calendar is CLOSED, then the emergency change starts', async () => {
    await harness.slack.driver.slashCommand({
      userId: ERIN,
      channelId: OPS,
      text: 'run AWS-StopEC2Instance --accounts data-dev',
    });
    const form = await waitForSlack((slack) =>
      slack.openViews(ERIN).find((view) => view.callback_id === CallbackId.runForm),
    );
    await harness.slack.driver.submitView({
      userId: ERIN,
      viewId: form.id,
      values: {
        [BlockId.parameter('InstanceId')]: 'i-0123456789abcdef0',
        [BlockId.emergency]: ['emergency'],
      },
    });
    const confirmation = await waitForSlack((slack) =>
      slack.openViews(ERIN).find((view) => view.callback_id === CallbackId.runConfirmation),
    );
    // The template governs the run through its `governs` (no policy rule names it): the modal still knows.
    expect(JSON.stringify(confirmation)).toContain('Request approval');
    expect(JSON.stringify(confirmation.blocks)).toContain('*emergency change*');
    const seen = harness.slack.ephemerals(ERIN, OPS).length;
    await harness.slack.driver.submitView({ userId: ERIN, viewId: confirmation.id });
    const reply = await waitForSlack((slack) => slack.ephemerals(ERIN, OPS)[seen]);
    const id = CHANGE_ID.exec(reply.text ?? '')?.[0];
    expect(id, reply.text).toBeDefined();
    await vi.waitFor(async () => expect((await change(id!)).request.status).toBe('started'), PACE);
    expect((await change(id!)).request.emergency).toBe(true);
  });
});

describe('concurrency and locks', () => {
  it('when 20 approvals arrive at once, then exactly one execution starts', async () => {
    const id = await request(
      ALICE,
      'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared',
    );
    const message = await requestMessage(id);
    const calls = await startCalls();
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        harness.slack.driver.clickButton({
          userId: n % 2 === 0 ? BOB : CAROL,
          channelId: APPROVALS,
          messageTs: message.ts,
          actionId: ActionId.approveChange,
        }),
      ),
    );
    await vi.waitFor(async () => expect((await change(id)).request.status).toBe('started'), PACE);
    await untilRunEnds(harness, runIdForChange(id));
    expect((await startCalls()) - calls).toBe(1);
    expect((await change(id)).request.votes).toHaveLength(1);
  });

  it('when the last approval comes while Slack answers 429 to every post, then the run starts once with one parent, final', async () => {
    const id = await request(
      ALICE,
      'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared --regions ap-northeast-1,us-east-1',
    );
    const message = await requestMessage(id);
    const runId = runIdForChange(id);
    const bobHeard = harness.slack.ephemerals(BOB, APPROVALS).length;
    // Enough refusals to outlast the first delivery's attempt and a few of the outbox's retries.
    harness.slack.forceRateLimit({ method: 'chat.postMessage', count: 8, retryAfterSeconds: 1 });

    await harness.slack.driver.clickButton({
      userId: BOB,
      channelId: APPROVALS,
      messageTs: message.ts,
      actionId: ActionId.approveChange,
    });

    await vi.waitFor(async () => expect((await change(id)).request.status).toBe('started'), PACE);
    const finished = await untilRunEnds(harness, runId);
    const parents = () =>
      harness.slack
        .messages(OPS)
        .filter(
          (posted) =>
            JSON.stringify(posted.metadata?.event_payload) === JSON.stringify({ key: `run:${runId}:parent` }),
        );
    await waitForSlack(() => parents().find((posted) => posted.text?.includes('Succeeded')));
    expect(finished.status).toBe('succeeded');
    const runsOfChange = (await harness.services.context.runs.listRecent(100)).filter(
      (candidate) => candidate.approval?.changeId === id,
    );
    expect(runsOfChange.map((candidate) => candidate.id)).toEqual([runId]);
    expect(parents().map((posted) => posted.text)).toEqual([expect.stringContaining('Succeeded')]);
    // No fault reached the approver (late answers to the previous test's clicks may still arrive: not errors).
    const faults = harness.slack
      .ephemerals(BOB, APPROVALS)
      .slice(bobHeard)
      .filter((reply) => reply.text?.includes('Something went wrong'));
    expect(faults).toEqual([]);
  });

  it('when two bot replicas get the same approvals at once, with Slack retrying each, then the change starts once', async () => {
    // A second bot process on the same Redis, as a second replica behind a load balancer would be.
    const services = createBotServices(harness.config, harness.logger, { awsCredentials: HOME_CREDENTIALS });
    const replica = await startBot(harness.config, services, harness.logger, 0);
    try {
      const id = await request(
        ALICE,
        'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts identity-staging',
      );
      const message = await requestMessage(id);
      // A real click's payload (alice's own, refused), then the same click as bob and as carol.
      const { payload } = await harness.slack.driver.clickButton({
        userId: ALICE,
        channelId: APPROVALS,
        messageTs: message.ts,
        actionId: ActionId.approveChange,
      });
      const as = (userId: string) => ({ ...payload, user: { ...(payload.user as object), id: userId } });
      const calls = await startCalls();
      const urls = [harness.slack.requestUrl!, `http://127.0.0.1:${replica.port}/slack/events`];
      const deliveries = Array.from({ length: 20 }, (_, n) =>
        fetch(urls[n % 2]!, slackDelivery(as(n % 4 < 2 ? BOB : CAROL), n)),
      );
      expect((await Promise.all(deliveries)).map((response) => response.status)).toEqual(Array(20).fill(200));
      await vi.waitFor(async () => expect((await change(id)).request.status).toBe('started'), PACE);
      await untilRunEnds(harness, runIdForChange(id));
      expect((await startCalls()) - calls).toBe(1);
      expect((await change(id)).request.votes).toHaveLength(1);
    } finally {
      await replica.close();
      await services.close();
    }
  });

  it('when a running change holds the runbook and targets, then a conflicting request is refused until it ends', async () => {
    const first = await request(
      ALICE,
      'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts data-dev',
    );
    await click(BOB, first, ActionId.approveChange);
    await vi.waitFor(async () => expect((await change(first)).request.status).toBe('started'), PACE);

    const refused = await ask(
      ALICE,
      'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts data-dev',
    );
    expect(refused.text).toContain(first);

    await untilRunEnds(harness, runIdForChange(first));
    await vi.waitFor(async () => expect((await change(first)).request.endedAt).toBeDefined(), PACE);
    const second = await request(
      ALICE,
      'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts data-dev',
    );
    expect(second).not.toBe(first);
  });
});

// Last: these move the sandbox's clock by weeks.
describe('a change held by its calendar, and one waiting for a lock', () => {
  it('when the calendar closes before the last approval, then the change is held, and it starts once the calendar opens', async () => {
    const freezeStarts = Date.parse('2026-12-21T00:00:00Z');
    const freezeEnds = Date.parse('2027-01-06T00:00:00Z');
    const sandboxNow = async () => Date.parse((await harness.sandbox.control.clock()).now);
    const id = await request(
      ALICE,
      'run AWS-EnableS3BucketEncryption BucketName=orders-archive --accounts dev-shared',
    );
    expect((await change(id)).request.calendar?.state).toBe('OPEN');
    // A second change for the same bucket, asked while the first still pends: pending changes hold no locks.
    const waiting = await request(
      ALICE,
      'run AWS-EnableS3BucketEncryption BucketName=orders-archive --accounts dev-shared',
    );

    await harness.sandbox.control.advance(Math.ceil((freezeStarts - (await sandboxNow())) / 1000));
    await click(BOB, id, ActionId.approveChange);
    await vi.waitFor(async () => expect((await change(id)).request.status).toBe('held'), PACE);
    expect((await change(id)).request.calendar?.calendars).toContain('ProductionFreeze');
    await replyIn(APPROVALS, (await requestMessage(id)).ts, new RegExp(`^<@${ALICE}> :no_entry: Held`));

    // A held change keeps its locks: the second, approved now, waits for them (onConflict: wait).
    await click(BOB, waiting, ActionId.approveChange);
    await vi.waitFor(async () => expect((await change(waiting)).request.status).toBe('approved'), PACE);
    const waitingTs = (await requestMessage(waiting)).ts;
    await waitForSlack((slack) =>
      slack.thread(APPROVALS, waitingTs).find((reply) => reply.text?.includes(id)),
    );
    await harness.sandbox.control.advance(Math.ceil((freezeEnds - (await sandboxNow())) / 1000));
    await sweepChanges(harness.services.context);
    await vi.waitFor(async () => expect((await change(id)).request.status).toBe('started'), PACE);
    expect((await change(waiting)).request.status).toBe('approved');
    const timeline = (await harness.services.context.audit.timeline(id)).map((entry) => entry.action);
    expect(timeline).toEqual(expect.arrayContaining(['change.held', 'change.released', 'run.started']));

    // Once the first run has ended and released its locks, the waiting change goes ahead on the next sweep.
    await untilRunEnds(harness, runIdForChange(id));
    await vi.waitFor(async () => expect((await change(id)).request.endedAt).toBeDefined(), PACE);
    await sweepChanges(harness.services.context);
    await vi.waitFor(async () => expect((await change(waiting)).request.status).toBe('started'), PACE);
  });
});

describe('the requester is told', () => {
  /** The pointer to the change in #ops, where ALICE asked. */
  const pointer = (changeId: string) =>
    waitForSlack((slack) =>
      slack.messages(OPS).find((message) => message.text?.includes(`change \`${changeId}\``)),
    );

  it('when a change is approved and its run completes with errors, then alice is mentioned in both threads and the request’s thread ends with the outcome', async () => {
    const id = await request(
      ALICE,
      'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-staging,identity-staging --max-errors 1',
    );
    const requestTs = (await requestMessage(id)).ts;
    const pointerTs = (await pointer(id)).ts;
    await click(BOB, id, ActionId.approveChange);

    const mention = new RegExp(`^<@${ALICE}> .*<@${BOB}> approved`);
    await replyIn(APPROVALS, requestTs, mention);
    await replyIn(OPS, pointerTs, mention);
    const finished = await untilRunEnds(harness, runIdForChange(id));
    expect(finished.status).toBe('completed-with-errors');
    const outcome = await replyIn(APPROVALS, requestTs, /ended/);
    expect(outcome.text).toMatch(
      new RegExp(
        `${finished.id}>?\\* in <#${OPS}> ended\\. Completed with errors: 1 of 2 targets succeeded\\.`,
      ),
    );
    // The run's name links to its message in #ops once the outbox has posted that message (a run that ends
    // within a second of its start, as here, may end before its message is out: then the name stands alone).
    const link = /\*<([^|>]+)\|/.exec(outcome.text ?? '')?.[1];
    if (link) {
      const runMessage = harness.slack
        .messages(OPS)
        .find((message) => message.ts !== pointerTs && message.text?.includes(finished.id));
      expect(link).toBe(`${harness.slack.url}/archives/${OPS}/p${runMessage!.ts.replace('.', '')}`);
    }
  });

  it('when a change is rejected, then alice is mentioned with the reason in both threads', async () => {
    const id = await request(
      ALICE,
      'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts search-prod',
    );
    const requestTs = (await requestMessage(id)).ts;
    const pointerTs = (await pointer(id)).ts;
    await harness.slack.driver.clickButton({
      userId: BOB,
      channelId: APPROVALS,
      messageTs: requestTs,
      actionId: ActionId.rejectChange,
    });
    const modal = await waitForSlack((slack) =>
      slack.openViews(BOB).find((view) => view.callback_id === CallbackId.changeRejection),
    );
    await harness.slack.driver.submitView({
      userId: BOB,
      viewId: modal.id,
      values: { [BlockId.rejectionReason]: 'Wrong instance' },
    });

    const mention = new RegExp(`^<@${ALICE}> .*<@${BOB}> rejected this change: Wrong instance`);
    await replyIn(APPROVALS, requestTs, mention);
    await replyIn(OPS, pointerTs, mention);
  });
});

/** A block_actions delivery signed as Slack signs it, for sending one payload to any replica. */
/** Attempt `attempt` of a delivery of `payload`, as Slack sends it (signed anew, a retry marked so). */
function slackDelivery(payload: unknown, attempt: number): RequestInit {
  const body = interactionBody(payload);
  return { method: 'POST', body, headers: slackDeliveryHeaders(harness.slack.signingSecret, body, attempt) };
}
