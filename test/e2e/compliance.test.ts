// `/ssm compliance` end to end: the organization's patch compliance read through the read role from the sandbox,
// narrowed to what policy lets the asker act on, the CSV download, and Patch non-compliant going through policy
// and the change-request path like any run.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ActionId } from '../../src/slack/ids.js';
import { OUTBOX_QUEUE_NAME } from '../../src/slack/outbox/outbox-queue.js';
import { type BotHarness, HARNESS_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1'; // S0PLATFORM: may run anything anywhere
const SRE_LEAD = 'U0APPROVE1'; // S0SRELEADS: may patch staging and development only
const OUTSIDER = 'U0OUTSIDE1'; // no policy at all
const OPS = 'C0OPS00001';
const APPROVALS = 'C0APPROVE1';
const PATCH_RUNBOOK = 'Platform-PatchRegionInstances';

const CONFIG = {
  ...HARNESS_CONFIG,
  policies: [
    ...HARNESS_CONFIG.policies,
    {
      name: 'sre-patch-outside-prod',
      when: { userGroups: ['S0SRELEADS'] },
      runbooks: [PATCH_RUNBOOK],
      organizationalUnits: ['ou-sbx1-stage001', 'ou-sbx1-dev00001'],
    },
  ],
  approvalTemplates: [
    ...HARNESS_CONFIG.approvalTemplates,
    {
      name: 'prod-patching',
      governs: { runbooks: [PATCH_RUNBOOK], organizationalUnits: ['ou-sbx1-prod0001'] },
      levels: [{ approvers: { userGroups: ['S0SRELEADS'] } }],
      reasonRequired: { onRequest: false, onReject: false },
      approvalsChannel: APPROVALS,
    },
  ],
};

let harness: BotHarness;
beforeAll(async () => {
  harness = await startBotHarness({ config: CONFIG });
}, 60_000);
afterAll(() => harness?.close());

/** The notice before the answer when nothing has been read yet. */
const FIRST_READ = 'Nothing has been read yet';

/** Asks `/ssm compliance …` as `userId` and returns the ephemeral answer (after the first-read notice, if any). */
async function ask(userId: string, text: string) {
  const before = harness.slack.ephemerals(userId, OPS).length;
  const sent = await harness.slack.driver.slashCommand({ userId, channelId: OPS, text });
  expect(sent.status).toBe(200);
  return harness.slack.waitFor(
    (slack) =>
      slack
        .ephemerals(userId, OPS)
        .slice(before)
        .find((message) => !textOf(message).includes(FIRST_READ)),
    { timeoutMs: 20_000, description: `${userId}'s answer to /ssm ${text}` },
  );
}

/** Compliance reads the sandbox answered so far, in any account. */
const complianceReads = async () =>
  Object.entries((await harness.sandbox.control.calls()).byOperation)
    .filter(([operation]) => operation.endsWith(':ListResourceComplianceSummaries'))
    .reduce((sum, [, count]) => sum + count, 0);

/** Forgets what was read, as a bot that never read compliance. */
const forgetSnapshot = () => harness.services.redis.del(`${harness.services.keyPrefix}compliance:snapshot`);

async function click(userId: string, messageTs: string, actionId: string) {
  const before = harness.slack.ephemerals(userId, OPS).length;
  await harness.slack.driver.clickButton({ userId, channelId: OPS, messageTs, actionId });
  return harness.slack.waitFor((slack) => slack.ephemerals(userId, OPS)[before], {
    timeoutMs: 20_000,
    description: `${userId}'s answer to ${actionId}`,
  });
}

/** Once the outbox has nothing left to deliver, no share can still be on its way. */
async function untilOutboxIdle() {
  const outbox = harness.services.queues.find((queue) => queue.name === OUTBOX_QUEUE_NAME)!;
  await vi.waitFor(
    async () => {
      const counts = await outbox.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(0);
    },
    { timeout: 20_000, interval: 50 },
  );
}

const textOf = (message: { text?: string; blocks?: unknown[] }) =>
  `${message.text}\n${JSON.stringify(message.blocks ?? [])}`;

describe('/ssm compliance', () => {
  it('when nothing has been read and two people ask at once, then each is told it is being read, and one read answers both', async () => {
    await forgetSnapshot();
    const before = await complianceReads();
    const [alice, lead] = await Promise.all([ask(ALICE, 'compliance'), ask(SRE_LEAD, 'compliance')]);
    const bothAsking = (await complianceReads()) - before;
    for (const [userId, answer] of [
      [ALICE, alice],
      [SRE_LEAD, lead],
    ] as const) {
      expect(textOf(answer)).toContain('instances compliant');
      const notices = harness.slack
        .ephemerals(userId, OPS)
        .filter((message) => textOf(message).includes(FIRST_READ));
      // The harness organization: 10 active accounts beside the management account × its 2 regions.
      expect(textOf(notices.at(-1)!)).toContain('reading patch compliance in 20 account × region places now');
    }

    await forgetSnapshot();
    const alone = await complianceReads();
    await ask(ALICE, 'compliance');
    const oneAsking = (await complianceReads()) - alone;
    expect(oneAsking).toBeGreaterThan(0);
    expect(bothAsking).toBe(oneAsking);

    // Read now: the next answer comes from it, with no notice.
    const noticesBefore = harness.slack
      .ephemerals(ALICE, OPS)
      .filter((m) => textOf(m).includes(FIRST_READ)).length;
    await ask(ALICE, 'compliance');
    expect(harness.slack.ephemerals(ALICE, OPS).filter((m) => textOf(m).includes(FIRST_READ))).toHaveLength(
      noticesBefore,
    );
  });

  it('when someone who may act everywhere asks, then the organization totals, the worst accounts first and the places not read are shown', async () => {
    const answer = textOf(await ask(ALICE, 'compliance'));
    // fixtures/sandbox/organization.yml in ap-northeast-1 and us-east-1 (the harness's regions).
    expect(answer).toContain('*93 of 111 instances compliant* (83%) · *18 non-compliant*');
    expect(answer).toContain('22 critical patches and 60 security patches missing');
    const order = [
      'identity-prod',
      'payments-prod',
      'identity-staging',
      'payments-staging',
      'data-dev',
      'dev-shared',
    ];
    const positions = order.map((name) => answer.indexOf(`*${name}*`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(answer).toContain('data-dev (555555555502) us-east-1: region not enabled for the account');
    expect(answer).toContain('systems-manager/patch-manager?region=ap-northeast-1');
    expect(answer).toMatch(/As of <!date\^\d+\^\{ago\}\|/);
  });

  it('when narrowed to an OU and a region, then only those places count', async () => {
    const answer = textOf(await ask(ALICE, 'compliance --ou ou-sbx1-prod0001 --regions us-east-1'));
    expect(answer).toContain('*7 of 9 instances compliant*');
    expect(answer).not.toContain('identity-staging');
  });

  it('when policy lets someone patch only some accounts, then only those are shown and the rest are counted as left out', async () => {
    const answer = textOf(await ask(SRE_LEAD, 'compliance'));
    expect(answer).toContain('*identity-staging*');
    expect(answer).not.toContain('payments-prod');
    expect(answer).toMatch(/\d+ accounts left out: policy does not let you act there/);

    const outsider = textOf(await ask(OUTSIDER, 'compliance'));
    expect(outsider).toContain('No managed instances reported patch compliance here.');
    expect(outsider).not.toContain(ActionId.compliancePatch);
  });

  it('when a name is not an account, then the answer says what is wrong and how to write it', async () => {
    const answer = textOf(await ask(ALICE, 'compliance --accounts paymnts-prod'));
    expect(answer).toContain("Can't show compliance there");
    expect(answer).toContain('payments-prod');
  });

  it('when Download CSV is clicked, then one CSV of every non-compliant instance is shared in the channel', async () => {
    const answer = await ask(ALICE, 'compliance');
    const reply = await click(ALICE, answer.ts, ActionId.complianceDownload);
    expect(textOf(reply)).toContain('18 non-compliant instances');
    const [share] = await harness.slack.waitFor(
      (slack) => {
        const shares = slack
          .messages(OPS)
          .filter((message) => message.files?.[0]?.name?.startsWith('patch-compliance-'));
        return shares.length > 0 && shares;
      },
      { timeoutMs: 20_000, description: 'the compliance CSV in the channel' },
    );
    const csv = harness.slack.file(share!.files![0]!.id)!.content.toString('utf8');
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header).toBe(
      'account_id,account_name,region,instance_id,critical_missing,security_missing,missing,failed,last_patch_operation',
    );
    expect(rows).toHaveLength(18);
    expect(rows[0]).toMatch(/^333333333302,identity-prod,ap-northeast-1,i-[0-9a-f]{17},5,9,12,0,\d{4}-/);

    // A second click on the same answer (or Slack retrying the first) shares nothing more.
    await click(ALICE, answer.ts, ActionId.complianceDownload);
    await untilOutboxIdle();
    expect(
      harness.slack
        .messages(OPS)
        .filter((message) => message.files?.[0]?.name?.startsWith('patch-compliance-')),
    ).toHaveLength(1);
  });

  it('when Patch non-compliant is clicked, then a run of the patch runbook on the non-compliant places is requested as the clicker, and the production ones wait for approval', async () => {
    const answer = await ask(ALICE, 'compliance --ou ou-sbx1-prod0001');
    const reply = textOf(await click(ALICE, answer.ts, ActionId.compliancePatch));
    expect(reply).toContain('This run needs approval under `prod-patching`');
    const request = await harness.slack.waitFor(
      (slack) => slack.messages(APPROVALS).find((message) => textOf(message).includes(PATCH_RUNBOOK)),
      { timeoutMs: 20_000, description: 'the change request for the patch run' },
    );
    const requestText = textOf(request);
    // payments-prod in both regions, identity-prod and search-prod where they are behind; nothing compliant.
    for (const place of ['payments-prod', 'identity-prod', 'search-prod'])
      expect(requestText).toContain(place);
    expect(requestText).toContain('4 executions (3 accounts × 2 regions');
  });

  it('when Patch non-compliant is clicked by someone whose policy covers the staging accounts, then the run starts at once, and once it ends compliance is read again and shows what it fixed', async () => {
    const answer = await ask(SRE_LEAD, 'compliance --accounts payments-staging');
    expect(textOf(answer)).toContain('*payments-staging*');
    const reply = textOf(await click(SRE_LEAD, answer.ts, ActionId.compliancePatch));
    expect(reply).not.toContain('needs approval');
    const runId = reply.match(/run-[a-z0-9]{8}/)?.[0];
    expect(runId).toBeDefined();
    const before = (await harness.services.compliance.cache.get())!.readAt;
    const run = await untilRunEnds(harness, runId!, 30_000);
    expect(run.status).toBe('succeeded');
    await vi.waitFor(
      async () => expect((await harness.services.compliance.cache.get())!.readAt > before).toBe(true),
      { timeout: 20_000, interval: 50 },
    );
    const after = textOf(await ask(SRE_LEAD, 'compliance --ou ou-sbx1-stage001'));
    expect(after).not.toContain('*payments-staging*');
    expect(after).toContain('*identity-staging*');
  });

  it('when the Home tab is opened, then its compliance card shows the totals, the worst three accounts and the buttons', async () => {
    await ask(ALICE, 'compliance'); // a snapshot is cached by now, whoever read it first
    await harness.slack.driver.appHomeOpened({ userId: ALICE });
    const view = await harness.slack.waitFor(
      (slack) => {
        const home = slack.homeView(ALICE);
        return home && JSON.stringify(home.blocks).includes('Patch compliance') && home;
      },
      { timeoutMs: 20_000, description: "ALICE's Home with its compliance card" },
    );
    const text = JSON.stringify(view.blocks);
    // Earlier tests may have patched some places: the totals move, the worst three do not.
    expect(text).toMatch(/\*\d+ of 111 instances compliant\*/);
    expect(text).toContain('*identity-prod*');
    expect(text).toContain('*payments-prod*');
    expect(text).toContain('*identity-staging*');
    expect(text).not.toContain('*data-dev*'); // fourth or fifth worst: a glance shows three
    expect(text).toContain(ActionId.complianceDownload);

    // From the Home, Download shares the CSV in the person's DM with the bot, the channel the Home names.
    const dm = view.private_metadata!;
    await harness.slack.driver.clickButton({
      userId: ALICE,
      viewId: view.id,
      actionId: ActionId.complianceDownload,
    });
    const share = await harness.slack.waitFor(
      (slack) =>
        slack.messages(dm).find((message) => message.files?.[0]?.name?.startsWith('patch-compliance-')),
      { timeoutMs: 20_000, description: "the compliance CSV in ALICE's DM" },
    );
    const csv = harness.slack.file(share.files![0]!.id)!.content.toString('utf8');
    expect(csv).toMatch(/^account_id,/);
    expect(csv).toContain('333333333302,identity-prod,ap-northeast-1,');
  });
});
