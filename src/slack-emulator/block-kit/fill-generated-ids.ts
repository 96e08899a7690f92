// Slack gives every block a block_id and every interactive element an action_id when the app left them out.
import type { JsonObject } from '../state/slack-types.js';

/** Returns a copy of `blocks` with generated ids where missing; `nextId` makes short ids such as `a1B2`. */
export function fillGeneratedIds(blocks: JsonObject[], nextId: () => string): JsonObject[] {
  const withActionId = (element: unknown): unknown => {
    if (!element || typeof element !== 'object') return element;
    const candidate = element as JsonObject;
    const interactive =
      typeof candidate.type === 'string' && candidate.type !== 'image' && !isText(candidate);
    return interactive && candidate.action_id === undefined
      ? { ...candidate, action_id: nextId() }
      : candidate;
  };
  return blocks.map((block) => {
    const filled: JsonObject = { ...block, block_id: block.block_id ?? nextId() };
    if (block.accessory !== undefined) filled.accessory = withActionId(block.accessory);
    if (block.element !== undefined) filled.element = withActionId(block.element);
    if (block.type === 'actions' && Array.isArray(block.elements))
      filled.elements = block.elements.map(withActionId);
    return filled;
  });
}

function isText(element: JsonObject): boolean {
  return element.type === 'plain_text' || element.type === 'mrkdwn';
}
