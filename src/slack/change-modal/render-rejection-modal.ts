// The modal a Reject click opens: what rejecting means, and the reason (required when the template says so).
import type { ModalView } from '@slack/types';
import { ActionId, BlockId, CallbackId } from '../ids.js';
import { sectionBlock } from '../render/blocks.js';
import { inlineCode } from '../render/escape-mrkdwn.js';
import { formatRejectionMetadata, type RejectionMetadata } from './rejection-metadata.js';

/** As much as a thread line and an audit entry can carry comfortably. */
export const REJECTION_REASON_LIMIT = 500;

export function renderRejectionModal(input: RejectionMetadata & { reasonRequired: boolean }): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.changeRejection,
    private_metadata: formatRejectionMetadata({ changeId: input.changeId, channelId: input.channelId }),
    title: { type: 'plain_text', text: 'Reject change' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      sectionBlock(
        `Rejecting ${inlineCode(input.changeId)} closes it: nothing will run. The reason goes to its thread and the audit trail.`,
      ),
      {
        type: 'input',
        block_id: BlockId.rejectionReason,
        optional: !input.reasonRequired,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'plain_text_input',
          action_id: ActionId.rejectionReason,
          multiline: true,
          max_length: REJECTION_REASON_LIMIT,
        },
      },
    ],
  };
}
