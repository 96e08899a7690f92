// The run modal's last view: the preview of what would run, and the button that starts it (or asks approval).
import type { KnownBlock, ModalView } from '@slack/types';
import type { ChangeWindow } from '../../core/approval/change-window.js';
import { ActionId, BlockId, CallbackId } from '../ids.js';
import { BlockKitLimit, capBlocks } from '../render/block-kit-limits.js';
import { actionsBlock, button, contextBlock } from '../render/blocks.js';
import { inlineCode } from '../render/escape-mrkdwn.js';
import { windowText } from '../render/render-change-note.js';
import { ModalLimit } from './modal-limits.js';
import { formatModalMetadata } from './parse-modal-metadata.js';
import { plainText } from './plain-text-option.js';

export interface RunConfirmationInput {
  /** The preview as renderRunPreview draws it for a modal. */
  previewBlocks: KnownBlock[];
  /** The RunDraftStore id the submit takes. */
  draftId: string;
  channelId: string;
  needsApproval: boolean;
  /** Raised as an emergency change (the form's Emergency box). */
  emergency?: boolean;
  /** The window the form picked, resolved: the change waits for it once approved. */
  window?: ChangeWindow;
  runbookName: string;
}

/**
 * Close is "Cancel". The form's submission replaced the form with this view (`response_action: 'update'`), so
 * Slack keeps nothing to go back to: *Back* sends a block_actions, and the bot rebuilds the form from the
 * draft this view names (views.update), filled as it was submitted.
 */
export function renderRunConfirmation(input: RunConfirmationInput): ModalView {
  const footer = contextBlock(
    input.needsApproval
      ? `Nothing has started yet. *Request approval* asks the approvers; ${inlineCode(input.runbookName)} starts once approved.` +
          (input.window ? ` ${windowText(input.window)}.` : '') +
          (input.emergency
            ? ' Raised as an *emergency change*: it may start while a change calendar is CLOSED.'
            : '')
      : `Nothing has started yet. *Start run* starts ${inlineCode(input.runbookName)} now.`,
  );
  const back = actionsBlock(BlockId.confirmationActions, [
    button({ actionId: ActionId.backToRunForm, text: 'Back', value: input.draftId }),
  ]);
  const preview = capBlocks(
    input.previewBlocks,
    BlockKitLimit.viewBlocks - 2,
    'the run message lists everything',
  );
  return {
    type: 'modal',
    callback_id: CallbackId.runConfirmation,
    title: plainText('Confirm run', ModalLimit.buttonText),
    submit: plainText(input.needsApproval ? 'Request approval' : 'Start run', ModalLimit.buttonText),
    close: plainText('Cancel', ModalLimit.buttonText),
    private_metadata: formatModalMetadata({ draftId: input.draftId, channelId: input.channelId }),
    blocks: [...preview, footer, back],
  };
}
