// `/ssm doctor` end to end: the bot against the sandbox's broken organization and the Slack emulator. An operator
// gets a message in the channel that the outbox edits as accounts are checked and that ends with the verdict
// and the fixes; anyone else is refused privately.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, HARNESS_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { BROKEN_FIXTURE } from '../support/doctor-setup.js';

const ERIN = 'U0OPERATE1';
/** In #secret-ops, where the bot is not: an operator here too. */
const ALICE = 'U0REQUEST1';
const MALLORY = 'U0OUTSIDE1';
const OPS = 'C0OPS00001';
/** A private channel the bot was never invited to (fixtures/slack/workspace.yml). */
const SECRET_OPS = 'G0PRIVATE1';

let harness: BotHarness;
beforeAll(async () => {
  harness = await startBotHarness({
    sandboxFixturePath: BROKEN_FIXTURE,
    config: {
      ...HARNESS_CONFIG,
      policies: [],
      slack: { ...HARNESS_CONFIG.slack, operators: { users: [ERIN, ALICE] } },
      approvalTemplates: [
        {
          name: 'prod-change',
          levels: [{ name: 'SRE leads', approvers: { userGroups: ['S0SRELEADS'] } }],
          calendars: ['ProductionFreeze', 'MissingFreeze'],
          approvalsChannel: 'C0APPROVE1',
        },
      ],
    },
  });
}, 60_000);
afterAll(() => harness?.close());

const doctorMessages = () =>
  harness.slack
    .messages(OPS)
    .filter(
      (message) =>
        message.text?.startsWith('Organization readiness') ||
        message.text?.startsWith('Checking the organization'),
    );

describe('/ssm doctor', () => {
  it('when an operator asks, then one message shows progress and ends with the verdict and the fixes', async () => {
    const updatesBefore = harness.slack.calls()['chat.update']?.ok ?? 0;
    const sent = await harness.slack.driver.slashCommand({ userId: ERIN, channelId: OPS, text: 'doctor' });
    expect(sent.status).toBe(200);
    const verdict = await harness.slack.waitFor((slack) =>
      slack.messages(OPS).find((message) => message.text?.startsWith('Organization readiness: not ready')),
    );
    // Posted once, then edited in place: the progress and the verdict are the same message.
    expect(doctorMessages()).toHaveLength(1);
    expect((harness.slack.calls()['chat.update']?.ok ?? 0) - updatesBefore).toBeGreaterThanOrEqual(1);
    const shown = JSON.stringify(verdict.blocks);
    for (const code of [
      'trusted-access-disabled',
      'calendar-missing',
      'execution-role-not-trusted',
      'read-role-not-assumable',
      'fan-out-role-not-assumable',
      'external-id-not-required',
      'region-not-enabled',
    ]) {
      expect(shown).toContain(code);
    }
    expect(shown).toContain(
      'aws organizations enable-aws-service-access --service-principal ssm.amazonaws.com',
    );
    expect(shown).toContain('7 member accounts × 2 regions checked');
  });

  it('when someone who is not an operator asks, then they are refused privately and nothing is posted', async () => {
    const before = doctorMessages().length;
    const ephemeralsBefore = harness.slack.ephemerals(MALLORY, OPS).length;
    await harness.slack.driver.slashCommand({ userId: MALLORY, channelId: OPS, text: 'doctor' });
    const reply = await harness.slack.waitFor((slack) => slack.ephemerals(MALLORY, OPS)[ephemeralsBefore]);
    expect(reply.text).toContain('Only operators may run `/ssm doctor`');
    expect(doctorMessages()).toHaveLength(before);
  });

  it('when asked in a channel the bot cannot post in, then the operator is told privately how to fix it', async () => {
    const before = harness.slack.ephemerals(ALICE, SECRET_OPS).length;
    await harness.slack.driver.slashCommand({ userId: ALICE, channelId: SECRET_OPS, text: 'doctor' });
    const reply = await harness.slack.waitFor((slack) => slack.ephemerals(ALICE, SECRET_OPS)[before]);
    expect(reply.text).toContain('I cannot post the report in this channel');
  });

  it('when given arguments, then it says doctor takes none', async () => {
    const before = harness.slack.ephemerals(ERIN, OPS).length;
    await harness.slack.driver.slashCommand({ userId: ERIN, channelId: OPS, text: 'doctor --accounts all' });
    const reply = await harness.slack.waitFor((slack) => slack.ephemerals(ERIN, OPS)[before]);
    expect(JSON.stringify(reply)).toContain('doctor takes no arguments');
  });
});
