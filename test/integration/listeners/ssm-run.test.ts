// `/ssm run` through the real Bolt app: who is asking (with their user groups) is resolved once per command and
// passed down, whether the command opens the modal or raises a change request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallbackId } from '../../../src/slack/ids.js';
import { parseModalMetadata } from '../../../src/slack/run-modal/parse-modal-metadata.js';
import { PEOPLE } from '../../support/approval-builders.js';
import { type ListenerHarness, OPS, startListenerHarness } from '../../support/listener-harness.js';

let harness: ListenerHarness;
beforeEach(async () => {
  harness = await startListenerHarness();
});
afterEach(() => harness?.close());

type View = { callback_id: string; private_metadata: string; blocks: unknown[] };
/** The view the modal ended on: the loading view is opened, then replaced. */
const finalView = () => harness.slack.callsOf('views.update').at(-1)?.view as View | undefined;

describe('/ssm run', () => {
  it('when a change template governs the run, then a change request opens, with the groups looked up once', async () => {
    const { replies } = await harness.command(
      PEOPLE.requester,
      'run Platform-CleanupUnusedAmis --accounts payments-prod',
    );
    expect(replies.map((reply) => reply.body.text)).toEqual([expect.stringMatching(/change request `chg-/)]);
    const [change] = await harness.context.approvals.changes.listRecent(1);
    expect(change?.request).toMatchObject({ template: 'prod-change', requester: PEOPLE.requester });
    expect(harness.people.lookups).toEqual([PEOPLE.requester]);
  });

  it('when nothing but `run` is typed, then the modal opens on the runbooks alice may run', async () => {
    await harness.command(PEOPLE.requester, 'run');
    const view = finalView();
    expect(view?.callback_id).toBe(CallbackId.runbookPicker);
    expect(JSON.stringify(view?.blocks)).toContain('Platform-CleanupUnusedAmis');
    expect(parseModalMetadata(view?.private_metadata ?? '')).toEqual({ channelId: OPS });
    expect(harness.people.lookups).toEqual([PEOPLE.requester]);
  });

  it('when someone no policy lets run anything opens the modal, then the picker offers nothing', async () => {
    await harness.command(PEOPLE.mallory, 'run');
    expect(JSON.stringify(finalView()?.blocks)).not.toContain('Platform-CleanupUnusedAmis');
  });

  it('when someone no policy lets run anything names a runbook, then no form opens and the modal says why', async () => {
    await harness.command(PEOPLE.mallory, 'run AWS-RestartEC2Instance');
    const view = finalView();
    expect(view?.callback_id).toBe(CallbackId.runbookPicker);
    const text = JSON.stringify(view?.blocks);
    expect(text).toContain('There is no runbook you may run.');
    expect(text).toContain('No policy rule names you, your user groups or this channel.');
    expect(text).not.toContain('InstanceId');
  });

  it('when the runbook is named without targets, then its form opens with the parameters the command gave', async () => {
    await harness.command(PEOPLE.requester, 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0');
    const view = finalView();
    expect(view?.callback_id).toBe(CallbackId.runForm);
    expect(parseModalMetadata(view?.private_metadata ?? '')).toEqual({
      channelId: OPS,
      runbook: 'AWS-RestartEC2Instance',
    });
    expect(JSON.stringify(view?.blocks)).toContain('i-0123456789abcdef0');
    expect(harness.people.lookups).toEqual([PEOPLE.requester]);
  });

  it('when a parameter is missing, then the form opens with the accounts the command named, looked up', async () => {
    await harness.command(PEOPLE.requester, 'run AWS-RestartEC2Instance --accounts payments-prod');
    const accounts = JSON.stringify(finalView()?.blocks);
    expect(accounts).toContain('333333333301');
    expect(accounts).toContain('payments-prod');
    expect(harness.people.lookups).toEqual([PEOPLE.requester]);
  });

  it('when the named runbook does not exist, then the picker opens saying so, with close matches', async () => {
    await harness.command(PEOPLE.requester, 'run AWS-RestartEC2Instanse');
    const view = finalView();
    expect(view?.callback_id).toBe(CallbackId.runbookPicker);
    expect(JSON.stringify(view?.blocks)).toContain(
      'There is no runbook `AWS-RestartEC2Instanse` that you may run. Did you mean `AWS-RestartEC2Instance`,',
    );
  });

  it('when a parameter is missing but Slack no longer opens modals for that trigger, then the reply says what is missing', async () => {
    harness.slack.failNext('views.open', 'expired_trigger_id');
    const { replies } = await harness.command(
      PEOPLE.requester,
      'run AWS-RestartEC2Instance --accounts dev-shared',
    );
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]?.body)).toContain('InstanceId');
    expect(harness.people.lookups).toEqual([PEOPLE.requester]);
  });
});
