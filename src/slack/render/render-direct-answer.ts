// An answer sent as a DM because Slack would not show it where the person acted: it says where that was.
import { contextBlock } from './blocks.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** `answer` as a direct message, introduced by the channel it answers for. */
export function renderDirectAnswer(channelId: string, answer: SlackMessage): SlackMessage {
  return slackMessage(`About <#${channelId}>: ${answer.text}`, [
    contextBlock(
      `:speech_balloon: An answer to what you did in <#${channelId}>, sent here because Slack cannot show it to you there.`,
    ),
    ...answer.blocks,
  ]);
}
