// One assertion for every rendered message: Slack would accept it, and outside text cannot break its markup.
import type { KnownBlock } from '@slack/types';
import { expect } from 'vitest';
import { BlockKitLimit } from '../../../src/slack/render/block-kit-limits.js';
import { blocksTextLength } from '../../../src/slack/render/blocks.js';
import { BlockKitProblems } from '../../../src/slack-emulator/block-kit/block-kit-problems.js';
import { validateBlockList } from '../../../src/slack-emulator/block-kit/validate-blocks.js';

type TextObject = { type: string; text: string };

/**
 * Fails when Slack would refuse the blocks (the Slack emulator's validator: block count, every length, element
 * counts, ids) or when they break our own rules: the budgets stricter than Slack's (text across blocks, the
 * fallback, context text), blank text, an action_id repeated anywhere in the message, a ``` fence left open,
 * or a `<` or `&` that is not one of Slack's own tokens (a sign that outside text went in unescaped).
 * `surface: 'modal'` checks blocks drawn for a view (100 blocks) rather than a message (50); `'home'` as well, and
 * lets one action_id repeat in different blocks, as Slack does (App Home has an Approve per change).
 */
export function expectWithinBlockKitLimits(
  message: { text?: string; blocks: KnownBlock[] },
  options: { surface?: 'message' | 'modal' | 'home' } = {},
): void {
  const problems = new BlockKitProblems();
  // As Slack gets them: JSON, so an undefined field is absent rather than a value.
  validateBlockList(
    JSON.parse(JSON.stringify(message.blocks)),
    '/blocks',
    options.surface ?? 'message',
    problems,
  );
  expect(problems.messages, 'Slack would refuse these blocks').toEqual([]);

  expect(message.blocks.length, 'blocks').toBeGreaterThan(0);
  expect(blocksTextLength(message.blocks), 'text across blocks').toBeLessThanOrEqual(
    BlockKitLimit.messageText,
  );
  if (message.text !== undefined) {
    expectOurText({ type: 'mrkdwn', text: message.text }, 'text');
    expect(message.text.length, 'text').toBeLessThanOrEqual(BlockKitLimit.fallbackText);
  }
  const actionIds = new Set<string>();
  message.blocks.forEach((block, index) => {
    const where = `blocks[${index}] (${block.type})`;
    for (const [path, text] of textObjects(block, where)) expectOurText(text, path);
    if (block.type === 'context') {
      for (const [i, element] of block.elements.entries()) {
        if ('text' in element && typeof element.text === 'string') {
          expect(element.text.length, `${where}.elements[${i}]`).toBeLessThanOrEqual(
            BlockKitLimit.contextText,
          );
        }
      }
    }
    if (block.type === 'actions') {
      for (const element of block.elements) {
        const id = 'action_id' in element ? (element.action_id ?? '') : '';
        expect(id, `${where} action_id`).not.toBe('');
        const key = options.surface === 'home' ? `${index}|${id}` : id;
        expect(actionIds.has(key), `action_id ${id} repeats in the message`).toBe(false);
        actionIds.add(key);
      }
    }
  });
}

/** Every text object (`{ type: 'mrkdwn' | 'plain_text', text }`) inside `value`, with where it is. */
function textObjects(value: unknown, path: string): Array<[string, TextObject]> {
  if (Array.isArray(value)) return value.flatMap((item, index) => textObjects(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  const own: Array<[string, TextObject]> =
    (object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string'
      ? [[path, object as TextObject]]
      : [];
  return [...own, ...Object.entries(object).flatMap(([key, child]) => textObjects(child, `${path}.${key}`))];
}

/** Slack's own `<…>` tokens: user, channel and user-group mentions, dates and links; anything else means unescaped outside text. */
const SLACK_TOKEN =
  /^<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|!subteam\^S[A-Z0-9]+|!date\^\d+\^[^|>]+\|[^>]+|https:\/\/[^|>\s]+\|[^>]+)>/;
const ENTITY = /^&(amp|lt|gt);/;

/** Our rules for any text: not blank, and mrkdwn whose markup outside text cannot have opened or forged. */
function expectOurText(text: TextObject, where: string): void {
  expect(text.text.trim().length, `${where} is blank`).toBeGreaterThan(0);
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
