// The content of a message (text, blocks, attachments) checked as chat.postMessage checks it, and the bot as its author.
import { BLOCK_KIT_LIMITS } from '../block-kit/block-kit-limits.js';
import { fillGeneratedIds } from '../block-kit/fill-generated-ids.js';
import { validateMessageBlocks } from '../block-kit/validate-blocks.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { JsonObject, SlackMessage } from '../state/slack-types.js';
import type { WorkspaceDirectory } from '../state/workspace-directory.js';
import type { ApiArgs } from './api-args.js';
import { SlackApiError } from './slack-api-error.js';

/** `blocks` and `attachments` are present (possibly empty) exactly when the call passed them. */
export interface MessageContent {
  text: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
}

/** Reads text/blocks/attachments; throws no_text, msg_too_long, invalid_blocks_format, invalid_blocks. */
export function readMessageContent(args: ApiArgs, state: EmulatorState): MessageContent {
  const text = typeof args.raw.text === 'string' ? args.raw.text : (args.string('text') ?? '');
  const rawBlocks = args.json('blocks', 'invalid_blocks_format');
  const rawAttachments = args.json('attachments', 'invalid_attachments');
  const content: MessageContent = { text };
  if (rawBlocks !== undefined) {
    const verdict = validateMessageBlocks(rawBlocks);
    if (!verdict.ok) throw new SlackApiError(verdict.error, verdict.messages);
    content.blocks = fillGeneratedIds(verdict.blocks, () => state.generatedId());
  }
  if (rawAttachments !== undefined) {
    if (!Array.isArray(rawAttachments) || rawAttachments.some((item) => !item || typeof item !== 'object')) {
      throw new SlackApiError('invalid_attachments');
    }
    // Blocks inside an attachment (a colour bar around them) are held to the same Block Kit rules.
    content.attachments = (rawAttachments as JsonObject[]).map((attachment) => {
      if (attachment.blocks === undefined) return attachment;
      const verdict = validateMessageBlocks(attachment.blocks);
      if (!verdict.ok) throw new SlackApiError(verdict.error, verdict.messages);
      return { ...attachment, blocks: fillGeneratedIds(verdict.blocks, () => state.generatedId()) };
    });
  }
  if (tablesIn(content) > BLOCK_KIT_LIMITS.table.perMessage) {
    // What Slack answers when a message (its blocks and its attachments' blocks together) has two tables.
    throw new SlackApiError('invalid_attachments', ['only_one_table_allowed']);
  }
  if (!text && !content.blocks?.length && !content.attachments?.length) throw new SlackApiError('no_text');
  if (text.length > BLOCK_KIT_LIMITS.message.textLength) throw new SlackApiError('msg_too_long');
  return content;
}

function tablesIn(content: MessageContent): number {
  const blocks = [
    ...(content.blocks ?? []),
    ...(content.attachments ?? []).flatMap((attachment) =>
      Array.isArray(attachment.blocks) ? (attachment.blocks as JsonObject[]) : [],
    ),
  ];
  return blocks.filter((block) => block.type === 'table').length;
}

/** What a new message stores: empty block and attachment lists are left out, as Slack leaves them out. */
export function postedContent(content: MessageContent): MessageContent {
  return {
    text: content.text,
    ...(content.blocks?.length ? { blocks: content.blocks } : {}),
    ...(content.attachments?.length ? { attachments: content.attachments } : {}),
  };
}

/** The fields that mark a message as the bot's, as Slack adds them to messages posted with a bot token. */
export function botAuthor(
  directory: WorkspaceDirectory,
): Pick<SlackMessage, 'user' | 'bot_id' | 'app_id' | 'team' | 'bot_profile'> {
  const { bot, app, team } = directory;
  return {
    user: bot.userId,
    bot_id: bot.botId,
    app_id: app.id,
    team: team.id,
    bot_profile: { id: bot.botId, app_id: app.id, name: bot.name, team_id: team.id, deleted: false },
  };
}
