// Block Kit's limits as renderers use them (the numbers live in one table), and the truncation that says it cut.
import type { ContextBlock, KnownBlock } from '@slack/types';
import { BLOCK_KIT_LIMITS } from '../../slack-emulator/block-kit/block-kit-limits.js';

const SLACK = BLOCK_KIT_LIMITS;

/**
 * The limits renderers draw within: Slack's own, read from the one table (the Slack emulator's, which validates
 * with the same numbers; see its header for why the bot may import it), under the names renderers use, and a
 * few budgets of ours, stricter than Slack's, marked as such.
 */
export const BlockKitLimit = {
  messageBlocks: SLACK.message.blocks,
  viewBlocks: SLACK.view.blocks,
  sectionText: SLACK.section.textLength,
  sectionFields: SLACK.section.fields,
  fieldText: SLACK.section.fieldTextLength,
  headerText: SLACK.header.textLength,
  contextElements: SLACK.context.elements,
  /** Ours: Slack takes 3000 as for any text object; context text gets less room on screen anyway. */
  contextText: 2000,
  actionsElements: SLACK.actions.elements,
  buttonText: SLACK.button.textLength,
  buttonValue: SLACK.button.valueLength,
  actionId: SLACK.actionIdLength,
  blockId: SLACK.blockIdLength,
  optionText: SLACK.option.textLength,
  optionValue: SLACK.option.valueLength,
  options: SLACK.select.options,
  privateMetadata: SLACK.view.privateMetadataLength,
  confirmTitle: SLACK.confirm.titleLength,
  confirmText: SLACK.confirm.textLength,
  confirmButton: SLACK.confirm.confirmLength,
  /**
   * Ours, not a documented limit: chat.postMessage answers `msg_blocks_too_long` past roughly 12,000 characters
   * of text across all blocks (slackapi/bolt-js#2509, #2867), so every message keeps its blocks' text under this.
   */
  messageText: 10_000,
  /** Ours: the notification fallback (`text`) is read in a banner, so it stays a sentence or two. */
  fallbackText: 500,
} as const;

/** What a cut string ends with, so nobody mistakes a shortened value for the whole one. */
export const TRUNCATION_MARKER = '… (truncated)';
/** Where the full marker would eat most of the room (button labels, modal titles), a bare ellipsis says it. */
const SHORT_MARKER = '…';
const FENCE = '```';
const CLOSE_FENCE = '\n```\n';
/** How far back a cut looks for the start of an `&amp;`-style entity it would split. */
const ENTITY_LENGTH = 8;

/**
 * `text` as is when it fits in `max` characters; otherwise as much as fits followed by "… (truncated)"
 * (a bare "…" under 40 characters). A cut never splits a surrogate pair, an `&amp;`-style entity or a
 * `<…>` link or mention, and a cut inside a ``` fence closes the fence so the rest of the message is not
 * swallowed into the code block.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const marker = max >= 40 ? TRUNCATION_MARKER : SHORT_MARKER;
  if (max <= marker.length) return marker.slice(0, max);
  const kept = cut(text, max - marker.length);
  if (countFences(kept) % 2 === 0) return `${kept}${marker}`;
  // Cut inside a fence: make room for closing it. Cutting shorter may drop the opening fence as well.
  const shorter = cut(text, Math.max(0, max - marker.length - CLOSE_FENCE.length));
  return countFences(shorter) % 2 === 0 ? `${shorter}${marker}` : `${shorter}${CLOSE_FENCE}${marker}`;
}

/** The first `length` characters at most, moved back so nothing Slack parses as one token is split. */
function cut(text: string, length: number): string {
  let end = Math.min(length, text.length);
  // Don't keep half of a surrogate pair.
  if (end > 0 && end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  // Keep no part of a run of backticks the cut splits, nor a fence the kept text would end on.
  while (end > 0 && text[end - 1] === '`' && (text[end] === '`' || isInBacktickRun(text, end - 1))) end--;
  const head = text.slice(0, end);
  // A link's URL can be thousands of characters long, so look for its start as far back as it goes.
  const openAngle = head.lastIndexOf('<');
  if (openAngle >= 0 && head.indexOf('>', openAngle) < 0) end = openAngle;
  const openEntity = head.lastIndexOf('&');
  if (openEntity >= 0 && openEntity >= head.length - ENTITY_LENGTH && head.indexOf(';', openEntity) < 0) {
    end = Math.min(end, openEntity);
  }
  return text.slice(0, end).trimEnd();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The backtick at `index` is part of a run of three or more. */
function isInBacktickRun(text: string, index: number): boolean {
  let start = index;
  while (start > 0 && text[start - 1] === '`') start--;
  let end = index;
  while (end + 1 < text.length && text[end + 1] === '`') end++;
  return end - start + 1 >= 3;
}

function countFences(text: string): number {
  return text.split(FENCE).length - 1;
}

/**
 * `blocks` as is when there are at most `max`; otherwise the first `max - 1` and a context block saying how
 * many were left out ("…and 12 more (see `/ssm status run-…`)"). A last resort: renderers budget their
 * lists with packLines so this should not have to cut.
 */
export function capBlocks(blocks: KnownBlock[], max: number, note?: string): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  if (max <= 0) return [];
  const kept = blocks.slice(0, max - 1);
  const hidden = blocks.length - kept.length;
  const more: ContextBlock = {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: truncate(`…and ${hidden} more${note ? ` (${note})` : ''}`, BlockKitLimit.contextText),
      },
    ],
  };
  return [...kept, more];
}
