// One assertion for every rendered message: Slack would accept it, and outside text cannot break its markup.
import type { KnownBlock } from '@slack/types';
import { expect } from 'vitest';
import { BlockKitLimit } from '../../../src/slack/render/block-kit-limits.js';
import { blocksTextLength } from '../../../src/slack/render/blocks.js';

type TextObject = { type: string; text: string };

/**
 * Fails when a message breaks a Block Kit limit (block count, every text length, element counts, id lengths),
 * repeats an action_id or block_id, leaves a ``` fence open, or carries a `<` or `&` that is not one of
 * Slack's own tokens (a sign that outside text went in unescaped).
 */
export function expectWithinBlockKitLimits(
  message: { text?: string; blocks: KnownBlock[] },
  options: { maxBlocks?: number } = {},
): void {
  const maxBlocks = options.maxBlocks ?? BlockKitLimit.messageBlocks;
  expect(message.blocks.length, 'blocks').toBeLessThanOrEqual(maxBlocks);
  expect(message.blocks.length, 'blocks').toBeGreaterThan(0);
  expect(blocksTextLength(message.blocks), 'text across blocks').toBeLessThanOrEqual(
    BlockKitLimit.messageText,
  );
  if (message.text !== undefined) {
    expectText({ type: 'mrkdwn', text: message.text }, BlockKitLimit.fallbackText, 'text');
  }
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  message.blocks.forEach((block, index) => {
    const where = `blocks[${index}] (${block.type})`;
    if (block.block_id !== undefined) {
      expect(block.block_id.length, `${where}.block_id`).toBeLessThanOrEqual(BlockKitLimit.blockId);
      expect(blockIds.has(block.block_id), `${where}.block_id repeats`).toBe(false);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        expect(block.text.type, where).toBe('plain_text');
        expectText(block.text, BlockKitLimit.headerText, `${where}.text`);
        break;
      case 'section':
        expect(block.text !== undefined || block.fields !== undefined, `${where} has text or fields`).toBe(
          true,
        );
        if (block.text) expectText(block.text, BlockKitLimit.sectionText, `${where}.text`);
        if (block.fields) {
          expect(block.fields.length, `${where}.fields`).toBeLessThanOrEqual(BlockKitLimit.sectionFields);
          block.fields.forEach((field, i) => {
            expectText(field, BlockKitLimit.fieldText, `${where}.fields[${i}]`);
          });
        }
        break;
      case 'context':
        expect(block.elements.length, `${where}.elements`).toBeGreaterThan(0);
        expect(block.elements.length, `${where}.elements`).toBeLessThanOrEqual(BlockKitLimit.contextElements);
        block.elements.forEach((element, i) => {
          if ('text' in element && typeof element.text === 'string') {
            expectText(element as TextObject, BlockKitLimit.contextText, `${where}.elements[${i}]`);
          }
        });
        break;
      case 'actions':
        expect(block.elements.length, `${where}.elements`).toBeGreaterThan(0);
        expect(block.elements.length, `${where}.elements`).toBeLessThanOrEqual(BlockKitLimit.actionsElements);
        for (const element of block.elements) {
          expect(element.type, `${where} element`).toBe('button');
          if (element.type !== 'button') continue;
          const id = element.action_id ?? '';
          expect(id.length, `${where} action_id`).toBeGreaterThan(0);
          expect(id.length, `${where} action_id`).toBeLessThanOrEqual(BlockKitLimit.actionId);
          expect(actionIds.has(id), `action_id ${id} repeats`).toBe(false);
          actionIds.add(id);
          expectText(element.text, BlockKitLimit.buttonText, `${where} button text`);
          if (element.value !== undefined) {
            expect(element.value.length, `${where} button value`).toBeLessThanOrEqual(
              BlockKitLimit.buttonValue,
            );
          }
          if (element.confirm) {
            expectText(element.confirm.title!, BlockKitLimit.confirmTitle, `${where} confirm title`);
            expectText(element.confirm.text, BlockKitLimit.confirmText, `${where} confirm text`);
            expectText(element.confirm.confirm!, BlockKitLimit.confirmButton, `${where} confirm button`);
            expectText(element.confirm.deny!, BlockKitLimit.confirmButton, `${where} deny button`);
          }
        }
        break;
      case 'divider':
        break;
      default:
        expect.fail(`${where}: renderers use header, section, context, actions and divider blocks only`);
    }
  });
}

/** Slack's own `<…>` tokens: user, channel and user-group mentions, dates and links; anything else means unescaped outside text. */
const SLACK_TOKEN =
  /^<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|!subteam\^S[A-Z0-9]+|!date\^\d+\^[^|>]+\|[^>]+|https:\/\/[^|>\s]+\|[^>]+)>/;
const ENTITY = /^&(amp|lt|gt);/;

function expectText(text: TextObject, max: number, where: string): void {
  expect(text.text.length, `${where} length`).toBeLessThanOrEqual(max);
  expect(text.text.trim().length, `${where} is empty`).toBeGreaterThan(0);
  if (text.type !== 'mrkdwn') return;
  expect(text.text.split('```').length % 2, `${where} leaves a \`\`\` fence open`).toBe(1);
  for (let index = text.text.indexOf('<'); index >= 0; index = text.text.indexOf('<', index + 1)) {
    const token = text.text.slice(index);
    expect(SLACK_TOKEN.test(token), `${where}: unescaped < at ${JSON.stringify(token.slice(0, 40))}`).toBe(
      true,
    );
  }
  for (let index = text.text.indexOf('&'); index >= 0; index = text.text.indexOf('&', index + 1)) {
    const token = text.text.slice(index);
    expect(ENTITY.test(token), `${where}: unescaped & at ${JSON.stringify(token.slice(0, 40))}`).toBe(true);
  }
}
