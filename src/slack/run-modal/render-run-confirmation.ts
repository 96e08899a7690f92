// The run modal's last view: the preview of what would run, and the button that starts it (or asks approval).
import type { KnownBlock, ModalView } from '@slack/types';
import { CallbackId } from '../ids.js';
import { BlockKitLimit, capBlocks } from '../render/block-kit-limits.js';
import { contextBlock } from '../render/blocks.js';
import { inlineCode } from '../render/escape-mrkdwn.js';
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
  runbookName: string;
}

/**
 * Close is "Cancel": the form's submission replaces the form with this view (`response_action: 'update'`),
 * so there is nothing to go back to.
 */
export function renderRunConfirmation(input: RunConfirmationInput): ModalView {
  const footer = contextBlock(
    input.needsApproval
      ? `Nothing has started yet. *Request approval* asks the approvers; ${inlineCode(input.runbookName)} starts once approved.` +
          (input.emergency
            ? ' Raised as an *emergency change*: it may start while a change calendar is CLOSED.'
            : '')
      : `Nothing has started yet. *Start run* starts ${inlineCode(input.runbookName)} now.`,
  );
  const preview = capBlocks(
    input.previewBlocks,
    BlockKitLimit.viewBlocks - 1,
    'the run message lists everything',
  );
  return {
    type: 'modal',
    callback_id: CallbackId.runConfirmation,
    title: plainText('Confirm run', ModalLimit.buttonText),
    submit: plainText(input.needsApproval ? 'Request approval' : 'Start run', ModalLimit.buttonText),
    close: plainText('Cancel', ModalLimit.buttonText),
    private_metadata: formatModalMetadata({ draftId: input.draftId, channelId: input.channelId }),
    blocks: [...preview, footer],
  };
}
