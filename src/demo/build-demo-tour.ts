// The playground's "Try it" tour for the demo, derived from what runs: the workspace's people and channels, the
// sandbox's organization and the bot's policies. Nothing here names a user, channel or account: it finds them.
import type { TourAnswer } from '../slack-emulator/playground/playground-tour.js';

/** The runbook the tour runs everywhere: harmless in the sandbox, and every demo policy lets it through. */
export const TOUR_RUNBOOK = 'AWS-RestartEC2Instance';
const TOUR_PARAMETERS = 'InstanceId=i-0123456789abcdef0';
const RUN_ID = 'run-[a-z2-9]{8}';
const CHANGE_ID = 'chg-[a-z2-9]{8}';
/** The labels an ended run's message shows (src/slack/render/run-status-cue.ts), and those of a failure. */
const RUN_ENDED = 'Succeeded|Completed with errors|Failed|Cancelled';
const RUN_FAILED = 'Completed with errors|Failed';

export interface TourSources {
  workspace: {
    users: Array<{ id: string; name: string }>;
    userGroups: Array<{ id: string; users: string[] }>;
    channels: Array<{ id: string; name: string; members: string[]; private?: boolean }>;
    botUserId: string;
  };
  organization: {
    organizationalUnits: Array<{ id: string; name: string }>;
    accounts: Array<{ id: string; name: string; parent: string; status?: string }>;
  };
  /** The bot's settings: where change requests go, who may run what, who approves. */
  bot: {
    approvalsChannelId: string | undefined;
    policies: Array<{
      effect?: 'allow' | 'deny';
      when?: { users?: string[]; userGroups?: string[] };
      runbooks: string[];
      organizationalUnits?: string[];
      approvalTemplate?: string;
    }>;
    approvalTemplates: Array<{
      name: string;
      levels: Array<{ approvers: { users?: string[]; userGroups?: string[] } }>;
    }>;
    /** The approve button's action_id (src/slack/ids.ts). */
    approveActionId: string;
  };
}

type Policy = TourSources['bot']['policies'][number];

/** The five steps of the golden path, or why the workspace cannot play them (the emulator alone, another fixture). */
export function buildDemoTour(sources: TourSources): TourAnswer {
  const { workspace, organization, bot } = sources;
  const missing = (what: string): TourAnswer => ({
    tour: null,
    reason: `the tour needs ${what}: start it with npm run demo`,
  });
  const members = (when: Policy['when']) => [
    ...(when?.users ?? []),
    ...workspace.userGroups
      .filter((group) => when?.userGroups?.includes(group.id))
      .flatMap((group) => group.users),
  ];
  const allows = (policy: Policy) =>
    policy.effect !== 'deny' && policy.runbooks.some((pattern) => globMatches(pattern, TOUR_RUNBOOK));
  const activeIn = (policy: Policy | undefined) =>
    organization.accounts.filter(
      (account) =>
        (account.status ?? 'ACTIVE') === 'ACTIVE' && policy?.organizationalUnits?.includes(account.parent),
    );

  const devPolicy = bot.policies.find(
    (policy) => allows(policy) && !policy.approvalTemplate && activeIn(policy).length >= 2,
  );
  const prodPolicy = bot.policies.find(
    (policy) => allows(policy) && policy.approvalTemplate && activeIn(policy).length > 0,
  );
  if (!devPolicy || !prodPolicy)
    return missing('a policy that runs without approval and one that asks for it');
  const requesterId = members(devPolicy.when).find((id) => members(prodPolicy.when).includes(id));
  const template = bot.approvalTemplates.find((candidate) => candidate.name === prodPolicy.approvalTemplate);
  const approverId = members(template?.levels[0]?.approvers).find((id) => id !== requesterId);
  const requester = workspace.users.find((user) => user.id === requesterId);
  const approver = workspace.users.find((user) => user.id === approverId);
  if (!requester || !approver) return missing('a requester and an approver in the workspace');
  const member = (channel: TourSources['workspace']['channels'][number], userId: string) =>
    channel.members.includes(userId) && channel.members.includes(workspace.botUserId);
  const approvals = workspace.channels.find(
    (channel) => channel.id === bot.approvalsChannelId && member(channel, approver.id),
  );
  const home = workspace.channels.find(
    (channel) => !channel.private && channel.id !== approvals?.id && member(channel, requester.id),
  );
  if (!approvals || !home) return missing('a channel for runs and one for change requests');

  const [devAccount, otherDevAccount] = activeIn(devPolicy);
  const [prodAccount] = activeIn(prodPolicy);
  const unitName = (policy: Policy) =>
    organization.organizationalUnits.find((unit) => policy.organizationalUnits?.includes(unit.id))?.name ??
    '';
  const devRun = `/ssm run ${TOUR_RUNBOOK} ${TOUR_PARAMETERS} --accounts ${devAccount!.name},${otherDevAccount!.name}`;
  const prodRun = `/ssm run ${TOUR_RUNBOOK} ${TOUR_PARAMETERS} --accounts ${prodAccount!.name} --reason "Kernel patch"`;
  const asRequester = { userId: requester.id, channelId: home.id };
  const runMessage = { message: { channelId: home.id, pattern: RUN_ID } };
  const anyAnswer = { userId: requester.id, channelId: home.id };
  // When Slack is busy the bot says the run started before its message can appear: that answer is done too.
  const runAnswer = { ...anyAnswer, pattern: RUN_ID };

  return {
    tour: {
      ids: { change: CHANGE_ID, run: RUN_ID },
      steps: [
        {
          id: 'dev-run',
          title: `A run in ${unitName(devPolicy)}`,
          explanation: `${requester.name} may restart instances in ${unitName(devPolicy)} without asking anyone: the bot starts it in each account.`,
          shows: [`as ${requester.name} in #${home.name}:`, devRun],
          actions: [
            {
              kind: 'slash-command',
              ...asRequester,
              text: devRun,
              outcome: { ...runMessage, ephemeral: runAnswer },
            },
          ],
          lookFor: `The run's message in #${home.name}; its thread gets one reply per account as the executions end.`,
        },
        {
          id: 'prod-change',
          title: `A change in ${unitName(prodPolicy)}`,
          explanation: `In ${unitName(prodPolicy)} the same command becomes a change request that waits for an approver.`,
          shows: [`as ${requester.name} in #${home.name}:`, prodRun],
          actions: [
            {
              kind: 'slash-command',
              ...asRequester,
              text: prodRun,
              outcome: { ephemeral: { ...anyAnswer, pattern: CHANGE_ID } },
            },
          ],
          lookFor: `A reply only ${requester.name} sees with the change's id, and the request in #${approvals.name}.`,
        },
        {
          id: 'approve',
          title: `Approve as ${approver.name}`,
          explanation: `${approver.name} may approve it; ${requester.name} may not approve their own change.`,
          shows: [`as ${approver.name} in #${approvals.name}: click Approve on the change`],
          actions: [
            {
              kind: 'click-change-button',
              userId: approver.id,
              channelId: approvals.id,
              actionId: bot.approveActionId,
              outcome: { ...runMessage, ephemeral: { userId: approver.id, channelId: approvals.id } },
            },
          ],
          lookFor: `The request shows ${approver.name}'s approval, and the run starts in #${home.name}.`,
        },
        {
          id: 'inject-failure',
          title: 'A failure injected',
          explanation: `The AWS sandbox fails the runbook in ${devAccount!.name}: the run reports it instead of hiding it.`,
          shows: [
            `sandbox panel: Inject failure · ${devAccount!.name} · ${TOUR_RUNBOOK}`,
            `as ${requester.name} in #${home.name}:`,
            devRun,
          ],
          actions: [
            {
              kind: 'inject-failure',
              // Every matching step, not only the next: a run still going would take a one-shot failure.
              fault: { accountId: devAccount!.id, documentName: TOUR_RUNBOOK },
            },
            {
              kind: 'slash-command',
              ...asRequester,
              text: devRun,
              outcome: { ...runMessage, ephemeral: runAnswer },
            },
          ],
          lookFor: `The failure in the sandbox panel's list, and a new run's message in #${home.name}.`,
        },
        {
          id: 'failure-thread',
          title: 'The failure thread',
          explanation:
            "Every account answers in the run's thread: the failed one says which step failed and why.",
          shows: ['sandbox panel: Run to the end', `open the run's thread in #${home.name}`],
          actions: [
            { kind: 'open-run-thread', ...asRequester, endedPattern: RUN_ENDED, failedPattern: RUN_FAILED },
          ],
          lookFor: `The run turns red, and the thread has one reply per account: ${devAccount!.name} failed. Remove the failure with × in the sandbox panel to run there again.`,
        },
      ],
    },
  };
}

/** `*` matches any run of characters, as the policies' runbook patterns do. */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}
