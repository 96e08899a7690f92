// The playground's "Try it" tour for the demo: the golden path told with the cast find-tour-cast.ts finds in what
// runs (the workspace, the sandbox organization, the bot's policies). Nothing here names a user, channel or account.
import type { TourAnswer } from '../slack-emulator/playground/playground-tour.js';
import { findTourCast, TOUR_RUNBOOK, type TourSources } from './find-tour-cast.js';

export type { TourSources };

const TOUR_PARAMETERS = 'InstanceId=i-0123456789abcdef0';
const RUN_ID = 'run-[a-z2-9]{8}';
const CHANGE_ID = 'chg-[a-z2-9]{8}';
/** The labels an ended run's message shows (src/slack/render/run-status-cue.ts), and those of a failure. */
const RUN_ENDED = 'Succeeded|Completed with errors|Failed|Cancelled';
const RUN_FAILED = 'Completed with errors|Failed';

/** The five steps of the golden path, or why the workspace cannot play them (the emulator alone, another fixture). */
export function buildDemoTour(sources: TourSources): TourAnswer {
  const cast = findTourCast(sources);
  if ('missing' in cast)
    return { tour: null, reason: `the tour needs ${cast.missing}: start it with npm run demo` };
  const { requester, approver, home, approvals, development, production } = cast;
  const [devAccount, otherDevAccount] = development.accounts;
  const devRun = `/ssm run ${TOUR_RUNBOOK} ${TOUR_PARAMETERS} --accounts ${devAccount.name},${otherDevAccount.name}`;
  const prodRun = `/ssm run ${TOUR_RUNBOOK} ${TOUR_PARAMETERS} --accounts ${production.account.name} --reason "Kernel patch"`;
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
          title: `A run in ${development.unit}`,
          explanation: `${requester.name} may restart instances in ${development.unit} without asking anyone: the bot starts it in each account.`,
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
          title: `A change in ${production.unit}`,
          explanation: `In ${production.unit} the same command becomes a change request that waits for an approver.`,
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
              actionId: sources.bot.approveActionId,
              outcome: { ...runMessage, ephemeral: { userId: approver.id, channelId: approvals.id } },
            },
          ],
          lookFor: `The request shows ${approver.name}'s approval, and the run starts in #${home.name}.`,
        },
        {
          id: 'inject-failure',
          title: 'A failure injected',
          explanation: `The AWS sandbox fails the runbook in ${devAccount.name}: the run reports it instead of hiding it.`,
          shows: [
            `sandbox panel: Inject failure · ${devAccount.name} · ${TOUR_RUNBOOK}`,
            `as ${requester.name} in #${home.name}:`,
            devRun,
          ],
          actions: [
            {
              kind: 'inject-failure',
              // Every matching step, not only the next: a run still going would take a one-shot failure.
              fault: { accountId: devAccount.id, documentName: TOUR_RUNBOOK },
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
          lookFor: `The run turns red, and the thread has one reply per account: ${devAccount.name} failed. Remove the failure with × in the sandbox panel to run there again.`,
        },
      ],
    },
  };
}
