// Block constructors that apply Block Kit's limits, so no renderer can exceed one by forgetting.
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  SectionBlock,
} from '@slack/types';
import { BlockKitLimit, truncate } from './block-kit-limits.js';

export function headerBlock(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, BlockKitLimit.headerText) } };
}

export function sectionBlock(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, BlockKitLimit.sectionText) } };
}

/** A section of two-column fields (label and value read best as `*Label*\nvalue`). */
export function fieldsBlock(fields: string[]): SectionBlock {
  return {
    type: 'section',
    fields: fields
      .slice(0, BlockKitLimit.sectionFields)
      .map((text) => ({ type: 'mrkdwn', text: truncate(text, BlockKitLimit.fieldText) })),
  };
}

/** Small grey text: ids, hints, footnotes. Empty parts are dropped; an empty context is not valid. */
export function contextBlock(...parts: string[]): ContextBlock {
  return {
    type: 'context',
    elements: parts
      .filter((part) => part !== '')
      .slice(0, BlockKitLimit.contextElements)
      .map((text) => ({ type: 'mrkdwn', text: truncate(text, BlockKitLimit.contextText) })),
  };
}

export function dividerBlock(): DividerBlock {
  return { type: 'divider' };
}

export interface ButtonSpec {
  actionId: string;
  text: string;
  value?: string;
  style?: 'primary' | 'danger';
  /** A confirmation dialog Slack shows before it sends the action. */
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export function button(spec: ButtonSpec): Button {
  return {
    type: 'button',
    action_id: spec.actionId,
    text: { type: 'plain_text', text: truncate(spec.text, BlockKitLimit.buttonText) },
    ...(spec.value === undefined ? {} : { value: truncate(spec.value, BlockKitLimit.buttonValue) }),
    ...(spec.style === undefined ? {} : { style: spec.style }),
    ...(spec.confirm === undefined
      ? {}
      : {
          confirm: {
            title: { type: 'plain_text', text: truncate(spec.confirm.title, BlockKitLimit.confirmTitle) },
            text: { type: 'plain_text', text: truncate(spec.confirm.text, BlockKitLimit.confirmText) },
            confirm: {
              type: 'plain_text',
              text: truncate(spec.confirm.confirm, BlockKitLimit.confirmButton),
            },
            deny: { type: 'plain_text', text: truncate(spec.confirm.deny, BlockKitLimit.confirmButton) },
            ...(spec.style === 'danger' ? { style: 'danger' as const } : {}),
          },
        }),
  };
}

/** `blockId` is required: see BlockId.runActions for why buttons need an id that survives edits. */
export function actionsBlock(blockId: string, elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, BlockKitLimit.actionsElements) };
}

/**
 * The characters of text across blocks, as the cumulative limit behind `msg_blocks_too_long` counts them
 * (roughly: every text object's text).
 */
export function blocksTextLength(blocks: readonly KnownBlock[]): number {
  let total = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string') {
        total += object.text.length;
      }
      for (const child of Object.values(object)) visit(child);
    }
  };
  visit(blocks);
  return total;
}
