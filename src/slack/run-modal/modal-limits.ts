// Block Kit limits that only modals meet (input blocks, text inputs); the shared ones are in render/block-kit-limits.ts.

/** Per https://docs.slack.dev/reference/block-kit: lengths in characters, measured as `String.length`. */
export const ModalLimit = {
  /** Modal title, submit and close buttons. */
  buttonText: 24,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  /** The most a plain_text_input may hold (its `max_length` cannot be set higher). */
  textInput: 3000,
  optionDescription: 75,
} as const;
