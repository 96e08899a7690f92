// Finds the element a user acts on — by action_id, in a view or in the messages of a channel the user sees.
import type { EmulatorState } from '../state/emulator-state.js';
import { compareTs } from '../state/message-store.js';
import type { JsonObject } from '../state/slack-types.js';
import { elementsOf } from '../state/view-store.js';
import type { InteractionContainer } from './payloads.js';
import { SlackDriverError } from './slack-driver-error.js';

export interface ElementTarget {
  userId: string;
  actionId: string;
  /** Narrows the search when the same action_id appears in several blocks. */
  blockId?: string;
  viewId?: string;
  channelId?: string;
  /** The message (or ephemeral message) to act on; without it, the newest one carrying the action wins. */
  messageTs?: string;
  /**
   * The user confirms a dialog (the element's `confirm`) opened on `messageTs` before the message was edited to
   * drop the element. Slack's client still sends the action as it was shown, so the element is looked for in the
   * message's earlier versions too; the message itself must still be there.
   */
  confirmedAfterEdit?: boolean;
}

export interface LocatedElement {
  container: InteractionContainer;
  block: JsonObject;
  element: JsonObject;
}

function findIn(blocks: JsonObject[] | undefined, target: ElementTarget) {
  for (const block of blocks ?? []) {
    if (target.blockId !== undefined && block.block_id !== target.blockId) continue;
    const element = elementsOf(block).find((candidate) => candidate.action_id === target.actionId);
    if (element) return { block, element };
  }
  return undefined;
}

/** Throws SlackDriverError when the user could not see or reach such an element, so tests fail loudly. */
export function locateElement(state: EmulatorState, target: ElementTarget): LocatedElement {
  const what = `action_id ${target.actionId}${target.blockId ? ` in block ${target.blockId}` : ''}`;
  if (target.viewId) {
    const view = state.views.get(target.viewId);
    if (!view || view.user_id !== target.userId || !view.is_open) {
      throw new SlackDriverError(`view ${target.viewId} is not open for ${target.userId}`);
    }
    const top = state.views.stack(target.userId).at(-1);
    if (view.type === 'modal' && top?.id !== view.id) {
      throw new SlackDriverError(
        `view ${view.id} is under ${top?.id} in the stack: only the top view can be used`,
      );
    }
    const found = findIn(view.blocks, target);
    if (!found) throw new SlackDriverError(`no ${what} in view ${view.id} (${view.callback_id})`);
    return { container: { kind: 'view', view }, ...found };
  }
  if (!target.channelId)
    throw new SlackDriverError('pass a viewId, or a channelId (and optionally messageTs)');
  const channelId = target.channelId;
  const candidates: InteractionContainer[] = [
    ...state.messages.all(channelId).map((message) => ({ kind: 'message' as const, channelId, message })),
    ...state.messages
      .ephemerals(target.userId, channelId)
      .map((message) => ({ kind: 'ephemeral' as const, channelId, message })),
  ]
    .filter((candidate) => target.messageTs === undefined || candidate.message.ts === target.messageTs)
    .sort((a, b) => compareTs(b.message.ts, a.message.ts));
  if (candidates.length === 0) {
    throw new SlackDriverError(
      `no message ${target.messageTs ?? ''} in ${channelId} visible to ${target.userId}`.replace('  ', ' '),
    );
  }
  for (const container of candidates) {
    if (container.kind === 'view') continue;
    // Blocks sit at the top of a message, or inside its attachments (a colour bar around them).
    const found = [container.message.blocks, ...attachmentBlocks(container.message)]
      .map((blocks) => findIn(blocks, target))
      .find(Boolean);
    if (found) return { container, ...found };
  }
  const [only] = candidates;
  if (target.confirmedAfterEdit && target.messageTs && only?.kind === 'message') {
    const shown = state.messages.shownEarlier(channelId, only.message.ts, target.actionId, target.blockId);
    if (shown?.element.confirm) return { container: only, ...shown };
  }
  throw new SlackDriverError(
    `no ${what} in ${target.messageTs ? `message ${target.messageTs}` : 'any message'} of ${channelId} visible to ${target.userId}`,
  );
}

function attachmentBlocks(message: { attachments?: unknown }): JsonObject[][] {
  if (!Array.isArray(message.attachments)) return [];
  return (message.attachments as JsonObject[]).flatMap((attachment) =>
    Array.isArray(attachment.blocks) ? [attachment.blocks as JsonObject[]] : [],
  );
}
