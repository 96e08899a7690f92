// `/ssm …`: ack at once (help and usage errors are the ack itself), then one use case, then the reply.
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isChangeId } from '../../core/approval/change-id.js';
import { parseSsmCommand } from '../../core/command/parse-ssm-command.js';
import type { RunCommand } from '../../core/command/ssm-command.js';
import { cancelRun } from '../../use-cases/cancel-run.js';
import { listRunbooks } from '../../use-cases/list-runbooks.js';
import { requestRun } from '../../use-cases/request-run.js';
import { resolveSubject } from '../../use-cases/resolve-subject.js';
import { runHistory } from '../../use-cases/run-history.js';
import { BlockKitLimit } from '../render/block-kit-limits.js';
import { renderCancelResult } from '../render/render-cancel-result.js';
import { renderChangeStatus } from '../render/render-change-status.js';
import { renderHelp } from '../render/render-help.js';
import { changeHistoryEntry, historyEntry, renderRunHistory } from '../render/render-run-history.js';
import { renderRunStatus } from '../render/render-run-status.js';
import { renderRunbookList } from '../render/render-runbook-list.js';
import { renderTimeline } from '../render/render-timeline.js';
import { renderUsageError } from '../render/render-usage-error.js';
import { type SlackMessage, sectionMessage, slackMessage } from '../render/slack-message.js';
import { replyToRunRequest } from '../replies/reply-to-run-request.js';
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
        const asker = { userId: command.user_id, channelId: command.channel_id };
        const subject = await resolveSubject(context.run, asker);
        switch (parsed.kind) {
          case 'run':
            return handleRun(context, parsed, command, client, respond);
          case 'list':
            await reply(
              renderRunbookList({
                prefix: parsed.prefix,
                runbooks: await listRunbooks(context.run, subject, parsed.prefix),
              }),
            );
            return;
          case 'status':
            await reply(await statusOf(context, parsed.id));
            return;
          case 'cancel':
            await reply(renderCancelResult(await cancelRun(context.run, parsed.id, subject)));
            return;
          case 'history':
            await reply(
              renderRunHistory({
                filter: parsed.filter,
                runs: (await runHistory(context.run, parsed.filter, parsed.limit)).map((item) =>
                  item.kind === 'run' ? historyEntry(item.run) : changeHistoryEntry(item.change),
                ),
              }),
            );
            return;
        }
      },
      { command: parsed.kind, user: command.user_id, channel: command.channel_id },
    );
  });
}

async function handleRun(
  context: SlackListenerContext,
  command: RunCommand,
  slash: SlashCommand,
  client: WebClient,
  respond: RespondFn,
): Promise<void> {
  const asker = { userId: slash.user_id, channelId: slash.channel_id };
  const noTargets = command.targets.accounts.length === 0 && command.targets.organizationalUnits.length === 0;
  // Nothing to check yet: open the modal while the trigger id is fresh (Slack gives it 3 seconds).
  if (!command.runbook || noTargets) {
    await openRunModal(context, client, { triggerId: slash.trigger_id, ...asker, request: command });
    return;
  }
  const subject = await resolveSubject(context.run, asker);
  const result = await requestRun(context.run, command, {
    requester: { userId: slash.user_id, teamId: slash.team_id, userName: slash.user_name },
    subject,
    channelId: slash.channel_id,
  });
  if (result.kind === 'incomplete') {
    const opened = await openRunModal(context, client, {
      triggerId: slash.trigger_id,
      ...asker,
      request: command,
    });
    if (opened) return;
  }
  await respond(ephemeral(replyToRunRequest(result)));
}

const ephemeral = (message: SlackMessage) => ({ response_type: 'ephemeral' as const, ...message });

function notFound(id: string): SlackMessage {
  const text = `:mag: There is no run \`${id}\`. \`/ssm history\` lists recent runs.`;
  return sectionMessage(text);
}

/** A change's request and timeline, or a run's executions followed by its timeline. */
async function statusOf(context: SlackListenerContext, id: string): Promise<SlackMessage> {
  const { approvals } = context.run;
  if (isChangeId(id)) {
    const change = await approvals?.changes.get(id);
    const template = approvals?.templates.find((candidate) => candidate.name === change?.request.template);
    if (!approvals || !change || !template) return notFound(id);
    return renderChangeStatus(change, template, await approvals.audit.timeline(id));
  }
  const run = await context.run.runs.get(id);
  if (!run) return notFound(id);
  const status = renderRunStatus(run, context.run.now());
  const timeline = (await approvals?.audit.timeline(id)) ?? [];
  if (timeline.length === 0 || status.blocks.length >= BlockKitLimit.messageBlocks) return status;
  return slackMessage(status.text, [...status.blocks, renderTimeline(timeline)]);
}
