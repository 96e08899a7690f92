// Block Kit limits that only modals meet (input blocks, text inputs), read from the one table of Slack's limits.
import { BLOCK_KIT_LIMITS } from '../../slack-emulator/block-kit/block-kit-limits.js';

const SLACK = BLOCK_KIT_LIMITS;

/** The shared ones are in render/block-kit-limits.ts; both are names for numbers in BLOCK_KIT_LIMITS. */
export const ModalLimit = {
  /** Modal title, submit and close buttons. */
  buttonText: Math.min(SLACK.view.titleLength, SLACK.view.submitLength, SLACK.view.closeLength),
  inputLabel: SLACK.input.labelLength,
  inputHint: SLACK.input.hintLength,
  placeholder: SLACK.select.placeholderLength,
  /** The most a plain_text_input may hold (its `max_length` cannot be set higher). */
  textInput: SLACK.plainTextInput.length,
  optionDescription: SLACK.option.descriptionLength,
} as const;
