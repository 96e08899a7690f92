// `/ssm status` and the run message's Status button, through the real Bolt app: both show the same message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId } from '../../../src/slack/ids.js';
import { anAuditEntry } from '../../support/audit-entry-builder.js';
import { aRun } from '../../support/builders.js';
import { type ListenerHarness, OPS, startListenerHarness } from '../../support/listener-harness.js';

const ALICE = 'U0REQUEST1';
const BOB = 'U0APPROVE1';
/** mallory: no rights, not the requester, and asking from a channel the run is not in. */
const MALLORY = 'U0OUTSIDE1';
const ELSEWHERE = 'C0ELSEWHR1';
const RUN_ID = 'run-7k3m9q2x';
let harness: ListenerHarness;

beforeAll(async () => {
  harness = await startListenerHarness();
  await harness.context.runs.create(aRun({ id: RUN_ID, status: 'running' }));
  await harness.context.audit.append(
    anAuditEntry({
      action: 'run.requested',
      actor: { kind: 'user', userId: ALICE },
      subject: { runId: RUN_ID },
      summary: `<@${ALICE}> started ${RUN_ID}: AWS-RestartEC2Instance on 4 targets (no approval needed)`,
      details: { runbook: 'AWS-RestartEC2Instance' },
    }),
  );
});
afterAll(() => harness?.close());

/** What a person sees of a message: its text and blocks (an ephemeral's envelope aside). */
const shown = (message: Record<string, unknown> | undefined) => ({
  text: message?.text,
  blocks: message?.blocks,
});

describe('/ssm status', () => {
  it('when the run exists, then the ephemeral reply shows its executions and its audit timeline', async () => {
    const { ack, replies } = await harness.command(ALICE, `status ${RUN_ID}`);
    expect(ack).toBeUndefined();
    expect(replies).toHaveLength(1);
    const reply = replies[0]!.body;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain(RUN_ID);
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain('payments-staging');
    expect(blocks).toContain('started run-7k3m9q2x');
  });

  it('when someone the run does not concern asks from elsewhere, then the reply is that of an unknown run', async () => {
    const { replies } = await harness.command(MALLORY, `status ${RUN_ID}`, ELSEWHERE);
    const unknown = await harness.command(MALLORY, 'status run-zzzzzzzz', ELSEWHERE);
    expect(replies.map((reply) => reply.body.text)).toEqual([
      `:mag: There is no run \`${RUN_ID}\`. \`/ssm history\` lists recent runs and changes.`,
    ]);
    expect(shown(replies[0]?.body)).toEqual(
      JSON.parse(JSON.stringify(shown(unknown.replies[0]?.body)).replaceAll('run-zzzzzzzz', RUN_ID)),
    );
  });

  it('when the same person asks from the run’s own channel, then they see it', async () => {
    const { replies } = await harness.command(MALLORY, `status ${RUN_ID}`, OPS);
    expect(JSON.stringify(replies[0]?.body.blocks)).toContain('payments-staging');
  });

  it('when there is no such run, then the reply says so and points to /ssm history', async () => {
    const { replies } = await harness.command(ALICE, 'status run-zzzzzzzz');
    expect(replies.map((reply) => reply.body.text)).toEqual([
      ':mag: There is no run `run-zzzzzzzz`. `/ssm history` lists recent runs and changes.',
    ]);
  });
});

describe("the run message's Status button", () => {
  it('when someone clicks it, then they alone see exactly what `/ssm status <run-id>` shows', async () => {
    const { replies } = await harness.command(BOB, `status ${RUN_ID}`);
    const { ack, ephemerals } = await harness.click({
      userId: BOB,
      channelId: OPS,
      actionId: ActionId.showRunStatus,
      value: RUN_ID,
    });
    expect(ack).toBeUndefined();
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]).toMatchObject({ channel: OPS, user: BOB });
    expect(shown(ephemerals[0])).toEqual(shown(replies[0]?.body));
    expect(JSON.stringify(ephemerals[0]?.blocks)).toContain('started run-7k3m9q2x');
  });

  it('when the run is gone, then the clicker is told there is no such run, as the command would', async () => {
    const { ephemerals } = await harness.click({
      userId: BOB,
      channelId: OPS,
      actionId: ActionId.showRunStatus,
      value: 'run-zzzzzzzz',
    });
    const { replies } = await harness.command(BOB, 'status run-zzzzzzzz');
    expect(shown(ephemerals[0])).toEqual(shown(replies[0]?.body));
    expect(harness.errorsLogged()).toEqual([]);
  });
});
