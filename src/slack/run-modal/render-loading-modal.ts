// The modal opened the moment /ssm asks for one (a trigger id lives 3 seconds), replaced once the form is ready.
import type { ModalView } from '@slack/types';
import { sectionBlock } from '../render/blocks.js';
import { ModalLimit } from './modal-limits.js';
import { plainText } from './plain-text-option.js';

export function renderLoadingModal(title = 'Run a runbook'): ModalView {
  return {
    type: 'modal',
    title: plainText(title, ModalLimit.buttonText),
    close: plainText('Cancel', ModalLimit.buttonText),
    blocks: [sectionBlock(':hourglass_flowing_sand: Loading…')],
  };
}
