// What the user sees after a slash command: the app's immediate answer, or Slack's note that the command failed.
import type { EmulatorState } from '../state/emulator-state.js';
import type { EphemeralMessage } from '../state/slack-types.js';
import { ApiArgs } from '../web-api/api-args.js';
import { botAuthor, postedContent, readMessageContent } from '../web-api/message-content.js';
import { SlackApiError } from '../web-api/slack-api-error.js';
import type { Delivery } from './deliver.js';

interface CommandContext {
  command: string;
  channelId: string;
  userId: string;
}

/** Returns the ephemeral message shown to the user, if any (an `in_channel` answer goes to the channel instead). */
export function recordCommandAnswer(
  state: EmulatorState,
  context: CommandContext,
  delivery: Delivery,
): EphemeralMessage | undefined {
  const slackSays = (error: string) =>
    state.messages.postEphemeral({
      channel: context.channelId,
      user: context.userId,
      text: `${context.command} failed with the error "${error}"`,
      source: 'slack',
    });
  if (delivery.timedOut) return slackSays('operation_timeout');
  if (delivery.status !== 200) return slackSays('dispatch_failed');
  const answer = delivery.body;
  if (answer === '' || answer === undefined) return undefined;
  const fields = typeof answer === 'string' ? { text: answer } : (answer as Record<string, unknown>);
  if (typeof answer !== 'string' && !('text' in fields || 'blocks' in fields || 'attachments' in fields))
    return undefined;
  let content: ReturnType<typeof postedContent>;
  try {
    content = postedContent(readMessageContent(new ApiArgs(fields), state));
  } catch (error) {
    if (error instanceof SlackApiError) return slackSays(error.code);
    throw error;
  }
  if (fields.response_type === 'in_channel') {
    state.messages.post(context.channelId, { ...botAuthor(state.directory), ...content });
    return undefined;
  }
  return state.messages.postEphemeral({
    channel: context.channelId,
    user: context.userId,
    ...content,
    bot_id: state.directory.bot.botId,
    source: 'command_response',
  });
}
