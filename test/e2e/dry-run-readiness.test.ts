// The dry run is the truth: a target the run would refuse (a region its account has not enabled, a fan-out role
// the bot cannot assume) shows ✗ with its reason in `/ssm run … --dry-run` and in the modal's confirmation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockId, CallbackId } from '../../src/slack/ids.js';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ worker: false });
});
afterAll(() => harness?.close());

/** Sends `/ssm <text>` and returns the text of the ephemeral alice sees. */
async function ask(text: string): Promise<string> {
  const before = harness.slack.ephemerals(ALICE, OPS).length;
  const sent = await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text });
  expect(sent.status).toBe(200);
  const reply = await harness.slack.waitFor((slack) => slack.ephemerals(ALICE, OPS)[before]);
  return `${reply.text}\n${JSON.stringify(reply.blocks ?? [])}`;
}

/**
 * fixtures/sandbox/organization.yml: data-dev enables only ap-northeast-1; identity-staging has no
 * SsmChatOpsExecution role; payments-staging has everything.
 */
const FAN_OUT =
  'run AWS-RestartEC2Instance --accounts data-dev,identity-staging,payments-staging ' +
  '--regions ap-northeast-1,us-east-1 --mode fan-out';
const INSTANCE = 'InstanceId=i-0123456789abcdef0';

describe('dry-run readiness', () => {
  it('when a fan-out dry run covers a disabled region and a missing role, then those show ✗ with the reason and the rest ✓', async () => {
    const reply = await ask(`${FAN_OUT} ${INSTANCE} --dry-run`);
    expect(reply).toContain('3 of 6 targets would be refused');
    expect(reply).toContain('*data-dev* (555555555502): ap-northeast-1 ✓  us-east-1 ✗');
    expect(reply).toContain('*identity-staging* (444444444402): ap-northeast-1 ✗  us-east-1 ✗');
    expect(reply).toContain('*payments-staging* (444444444401): ap-northeast-1 ✓  us-east-1 ✓');
    expect(reply).toContain('us-east-1 is not enabled for account 555555555502');
    expect(reply).toContain('the bot cannot assume SsmChatOpsExecution in 444444444402');
    expect(await harness.services.context.runs.listRecent(10)).toEqual([]);
  });

  it('when a multi-account dry run covers a disabled region, then it is refused there and the execution role is left to SSM', async () => {
    const reply = await ask(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts data-dev,payments-staging ' +
        '--regions ap-northeast-1,us-east-1 --dry-run',
    );
    expect(reply).toContain('1 of 4 targets would be refused');
    expect(reply).toContain('*data-dev* (555555555502): ap-northeast-1 ✓  us-east-1 ✗');
    expect(reply).toContain('`AWS-SystemsManager-AutomationExecutionRole` in each account is checked by SSM');
  });

  it("when the modal's confirmation previews the same fan-out, then it says the same before Start", async () => {
    // Without the required InstanceId the command opens the form, filled with the rest.
    await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text: FAN_OUT });
    const form = await harness.slack.waitFor((slack) =>
      slack.openViews(ALICE).find((view) => view.callback_id === CallbackId.runForm),
    );
    const previewed = await harness.slack.driver.submitView({
      userId: ALICE,
      viewId: form.id,
      values: { [BlockId.parameter('InstanceId')]: 'i-0123456789abcdef0', [BlockId.reason]: 'Kernel patch' },
    });
    expect(previewed.outcome).toBe('updated');
    const confirmation = await harness.slack.waitFor((slack) =>
      slack.openViews(ALICE).find((view) => view.callback_id === CallbackId.runConfirmation),
    );
    const preview = JSON.stringify(confirmation.blocks);
    expect(preview).toContain('3 of 6 targets would be refused');
    expect(preview).toContain('*identity-staging* (444444444402): ap-northeast-1 ✗  us-east-1 ✗');
    expect(preview).toContain('us-east-1 is not enabled for account 555555555502');
  });
});
