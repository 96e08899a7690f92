// The store gate in the Bolt app: while the store does not answer, a command, a click and a modal submission
// are each refused in their own way, nothing reaches a use case, and what needs no store is still answered.
import { afterEach, describe, expect, it } from 'vitest';
import { ActionId, BlockId, CallbackId } from '../../../src/slack/ids.js';
import { type ListenerHarness, OPS, startListenerHarness } from '../../support/listener-harness.js';

const ALICE = 'U0REQUEST1';
const REFUSAL = 'cannot reach its store';

let harness: ListenerHarness;
afterEach(() => harness?.close());

const storeDown = () => startListenerHarness(undefined, {}, async () => false);

describe('while the store does not answer', () => {
  it('when /ssm run is sent, then the ack itself says it was not run, and nothing is stored or posted', async () => {
    harness = await storeDown();
    const { ack, replies } = await harness.command(
      ALICE,
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared',
    );
    expect(ack).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(ack)).toContain(REFUSAL);
    expect(replies).toEqual([]);
    expect(await harness.context.runs.listRecent(10)).toEqual([]);
    expect(harness.slack.calls.filter((call) => call.method === 'chat.postMessage')).toEqual([]);
    // Logged once, at warn, saying what was refused: no stack, no arguments, no token.
    const refusals = harness.logLines.filter((line) => line.includes('store/unreachable'));
    expect(refusals.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 40, code: 'store/unreachable', request: '/ssm run', user: ALICE }),
    ]);
    expect(refusals[0]).not.toMatch(/"err"|"stack"|i-0123456789abcdef0|token/);
  });

  it('when /ssm help or a mistyped command is sent, then it is answered as usual', async () => {
    harness = await storeDown();
    for (const text of ['help', 'stauts run-7k3m9q2x']) {
      const { ack } = await harness.command(ALICE, text);
      expect(JSON.stringify(ack)).not.toContain(REFUSAL);
    }
  });

  it('when a button is clicked, then the click is acked and the clicker alone is told, through its response URL', async () => {
    harness = await storeDown();
    await harness.click({
      userId: ALICE,
      channelId: OPS,
      actionId: ActionId.showRunStatus,
      value: 'run-7k3m9q2x',
    });
    const told = harness.slack.responses.at(-1);
    expect(told?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(told?.body)).toContain(REFUSAL);
  });

  it('when a modal is submitted, then it stays open with the refusal under its first field, as typed', async () => {
    harness = await storeDown();
    const { ack } = await harness.submitView({
      userId: ALICE,
      callbackId: CallbackId.runForm,
      privateMetadata: '{}',
      blocks: [
        { type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: 'Run a runbook' } },
        { type: 'input', block_id: BlockId.accounts, label: { type: 'plain_text', text: 'Accounts' } },
      ],
    });
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { [BlockId.accounts]: expect.stringContaining(REFUSAL) },
    });
  });
});
