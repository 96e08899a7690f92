// What every renderer returns: a Block Kit message and the plain fallback Slack shows in notifications.
import type { KnownBlock } from '@slack/types';
import { BlockKitLimit, capBlocks, truncate } from './block-kit-limits.js';
import { sectionBlock } from './blocks.js';

export interface SlackMessage {
  /** Notification and screen-reader fallback: a sentence or two, mrkdwn-escaped like the blocks. */
  text: string;
  blocks: KnownBlock[];
}

/**
 * A message whose fallback text is kept within its budget and whose blocks are capped at Slack's 50 as a
 * last resort (renderers budget their lists so that this never has to cut).
 */
export function slackMessage(text: string, blocks: KnownBlock[]): SlackMessage {
  return {
    text: truncate(text, BlockKitLimit.fallbackText),
    blocks: capBlocks(blocks, BlockKitLimit.messageBlocks),
  };
}

/** A one-sentence answer: the same mrkdwn as the fallback and as one section, each cut to its own limit. */
export function sectionMessage(mrkdwn: string): SlackMessage {
  return slackMessage(mrkdwn, [sectionBlock(mrkdwn)]);
}
