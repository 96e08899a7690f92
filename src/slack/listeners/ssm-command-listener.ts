// `/ssm …`: ack at once (help and usage errors are the ack itself), then one use case, then the reply.
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { parseSsmCommand } from '../../core/command/parse-ssm-command.js';
import type { RunCommand } from '../../core/command/ssm-command.js';
import { isOperator } from '../../core/policy/is-operator.js';
import type { Subject } from '../../core/policy/subject.js';
import { cancelRun } from '../../use-cases/cancel-run.js';
import { checkOrganization } from '../../use-cases/check-organization.js';
import { describeStatus } from '../../use-cases/describe-status.js';
import { listOrDescribeRunbooks } from '../../use-cases/list-runbooks.js';
import { requestRun } from '../../use-cases/request-run.js';
import { resolveSubject } from '../../use-cases/resolve-subject.js';
import { runHistory } from '../../use-cases/run-history.js';
import { showCompliance } from '../../use-cases/show-compliance.js';
import { parseHistoryFilter } from '../parse-history-filter.js';
import { renderCancelResult } from '../render/render-cancel-result.js';
import { renderDoctorRefusal } from '../render/render-doctor-report.js';
import { renderHelp } from '../render/render-help.js';
import { changeHistoryEntry, historyEntry, renderRunHistory } from '../render/render-run-history.js';
import { renderRunbookDetails } from '../render/render-runbook-details.js';
import { renderRunbookList } from '../render/render-runbook-list.js';
import { renderStatus } from '../render/render-status.js';
import { renderUsageError } from '../render/render-usage-error.js';
import { type SlackMessage, sectionMessage } from '../render/slack-message.js';
import { replyToCompliance, replyToComplianceFirstRead } from '../replies/reply-to-compliance.js';
import { replyToRunRequest } from '../replies/reply-to-run-request.js';
import { SlackDoctorMessage } from '../slack-doctor-message.js';
import { openRunModal } from './open-run-modal.js';
import { replyOnFault } from './reply-on-fault.js';
import type { SlackListenerContext } from './slack-listener-context.js';

export function registerSsmCommand(app: App, context: SlackListenerContext): void {
  app.command('/ssm', async ({ command, ack, respond, client }) => {
    const parsed = parseSsmCommand(command.text);
    if (parsed.kind === 'help') return ack(ephemeral(renderHelp(parsed.topic)));
    if (parsed.kind === 'usage-error') return ack(ephemeral(renderUsageError(parsed)));
    await ack();
    const reply = (message: SlackMessage) => respond(ephemeral(message));
    await replyOnFault(
      context.logger,
      reply,
      async () => {
        const asker = {
          userId: command.user_id,
          channelId: command.channel_id,
          teamId: command.team_id,
          userName: command.user_name,
        };
        const subject = await resolveSubject(context.run, asker);
        switch (parsed.kind) {
          case 'run':
            return handleRun(context, parsed, { slash: command, subject, client, respond });
          case 'list': {
            const listing = await listOrDescribeRunbooks(context.run, subject, parsed.prefix);
            await reply(
              listing.kind === 'one'
                ? renderRunbookDetails(listing.runbook)
                : renderRunbookList({ prefix: parsed.prefix, runbooks: listing.runbooks }),
            );
            return;
          }
          case 'status':
            await reply(
              renderStatus(await describeStatus(context.run, parsed.id, subject), context.run.now()),
            );
            return;
          case 'cancel':
            await reply(renderCancelResult(await cancelRun(context.run, parsed.id, subject)));
            return;
          case 'doctor':
            return handleDoctor(context, subject, command.channel_id, reply);
          case 'history':
            await reply(
              renderRunHistory({
                filter: parsed.filter,
                entries: (
                  await runHistory(context.run, subject, parseHistoryFilter(parsed.filter), parsed.limit)
                ).map((item) =>
                  item.kind === 'run' ? historyEntry(item.run) : changeHistoryEntry(item.change),
                ),
              }),
            );
            return;
          case 'compliance': {
            const compliance = context.compliance;
            if (!compliance) {
              await reply(sectionMessage('Patch compliance is not set up in this bot.'));
              return;
            }
            const answer = await showCompliance(context.run, compliance, {
              scope: parsed.scope,
              subject,
              onFirstRead: async (places) => {
                await reply(replyToComplianceFirstRead(places));
              },
            });
            await reply(replyToCompliance(answer, compliance.settings.patchRunbook, context.run.now()));
            return;
          }
        }
      },
      { command: parsed.kind, user: command.user_id, channel: command.channel_id },
    );
  });
}

/** The command as Slack sent it, who sent it (resolved once, groups included), and the ways to answer. */
interface SlashRun {
  slash: SlashCommand;
  subject: Subject;
  client: WebClient;
  respond: RespondFn;
}

/** `/ssm run`: the modal when pieces are missing, else the run requested as the subject resolved once above. */
async function handleRun(
  context: SlackListenerContext,
  command: RunCommand,
  { slash, subject, client, respond }: SlashRun,
): Promise<void> {
  const noTargets = command.targets.accounts.length === 0 && command.targets.organizationalUnits.length === 0;
  // Nothing to check yet: open the modal while the trigger id is fresh (Slack gives it 3 seconds).
  if (!command.runbook || noTargets) {
    await openRunModal(context, client, slash.trigger_id, { subject, request: command });
    return;
  }
  const result = await requestRun(context.run, command, {
    requester: { userId: slash.user_id, teamId: slash.team_id, userName: slash.user_name },
    subject,
    channelId: slash.channel_id,
  });
  if (result.kind === 'incomplete') {
    const opened = await openRunModal(context, client, slash.trigger_id, { subject, request: command });
    if (opened) return;
  }
  await respond(ephemeral(replyToRunRequest(result)));
}

/**
 * `/ssm doctor`: operators only (the report shows every account's setup). The verdict is posted in the channel
 * and edited as accounts are checked; a channel the bot cannot post in is said at once, privately.
 */
async function handleDoctor(
  context: SlackListenerContext,
  subject: Subject,
  channelId: string,
  reply: (message: SlackMessage) => Promise<unknown>,
): Promise<void> {
  const doctor = context.doctor;
  if (!isOperator(context.run.operators, subject)) {
    await reply(renderDoctorRefusal('not-operator'));
    return;
  }
  if (!doctor) {
    await reply(renderDoctorRefusal('not-available'));
    return;
  }
  const id = Buffer.from(context.run.randomBytes(6)).toString('hex');
  const message = new SlackDoctorMessage(doctor.outbox, context.logger, `doctor:${id}`, channelId);
  const first = await message.start();
  if (first.kind === 'refused') {
    await reply(renderDoctorRefusal('cannot-post', first.reason));
    return;
  }
  let report: Awaited<ReturnType<typeof checkOrganization>>;
  try {
    report = await checkOrganization(doctor.newCheck(), doctor.request, (progress) =>
      message.progress(progress),
    );
  } catch (error) {
    // The operator hears why privately (replyOnFault); the channel's message must not stay "checking…".
    await message.fail();
    throw error;
  }
  await message.finish(report);
}

const ephemeral = (message: SlackMessage) => ({ response_type: 'ephemeral' as const, ...message });
