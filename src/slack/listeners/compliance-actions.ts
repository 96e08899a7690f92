// The buttons of a compliance answer: Download CSV (shared in the conversation) and Patch non-compliant (a run
// requested as the clicker, policy and approvals included). Each answers the clicker alone.
import type { App } from '@slack/bolt';
import type { ComplianceScope } from '../../core/command/ssm-command.js';
import type { Subject } from '../../core/policy/subject.js';
import type { Requester } from '../../core/run/run.js';
import { downloadNonCompliant, patchNonCompliant } from '../../use-cases/act-on-compliance.js';
import type { ComplianceServices } from '../../use-cases/compliance-services.js';
import { resolveSubject } from '../../use-cases/resolve-subject.js';
import { parseComplianceButtonValue } from '../compliance-button-value.js';
import { homeChannelOf } from '../home/publish-home.js';
import { ActionId } from '../ids.js';
import { type SlackMessage, sectionMessage } from '../render/slack-message.js';
import { replyToComplianceDownload, replyToCompliancePatch } from '../replies/reply-to-compliance.js';
import { replyOnFault } from './reply-on-fault.js';
import type { SlackListenerContext } from './slack-listener-context.js';

interface ComplianceClick {
  scope: ComplianceScope;
  subject: Subject;
  requester: Requester;
  channelId: string;
  compliance: ComplianceServices;
}

export function registerComplianceActions(app: App, context: SlackListenerContext): void {
  const onButton = (actionId: string, work: (click: ComplianceClick) => Promise<SlackMessage>) =>
    app.action(actionId, async ({ ack, body, action, client }) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button') return;
      // From App Home there is no channel: the answer and the file go to the clicker's DM with the bot.
      const channelId = body.channel?.id ?? homeChannelOf(body.view, body.user.id);
      const reply = (message: SlackMessage) =>
        body.channel
          ? client.chat.postEphemeral({ channel: channelId, user: body.user.id, ...message })
          : client.chat.postMessage({ channel: channelId, ...message });
      await replyOnFault(
        context.logger,
        reply,
        async () => {
          const scope = parseComplianceButtonValue(action.value);
          if (!scope || !context.compliance) {
            await reply(
              sectionMessage(
                'That button is from an answer this bot cannot read any more: ask `/ssm compliance` again.',
              ),
            );
            return;
          }
          const requester = {
            userId: body.user.id,
            ...(body.user.team_id && { teamId: body.user.team_id }),
            ...(body.user.name && { userName: body.user.name }),
          };
          const subject = await resolveSubject(context.run, { ...requester, channelId });
          await reply(await work({ scope, subject, requester, channelId, compliance: context.compliance }));
        },
        { action: actionId, user: body.user.id, channel: channelId },
      );
    });

  onButton(ActionId.complianceDownload, async ({ scope, subject, channelId, compliance }) =>
    replyToComplianceDownload(
      await downloadNonCompliant(context.run, compliance, { scope, subject, channelId }),
    ),
  );

  onButton(ActionId.compliancePatch, async ({ scope, subject, requester, channelId, compliance }) =>
    replyToCompliancePatch(
      await patchNonCompliant(context.run, compliance, { scope, subject, requester, channelId }),
    ),
  );
}
