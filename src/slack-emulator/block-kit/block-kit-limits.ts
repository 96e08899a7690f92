// Block Kit's documented limits, in one table, so a change in Slack's limits is a change here only.
//
// The one table for the whole repository: the emulator validates with it, and the bot's renderers
// (src/slack/render/block-kit-limits.ts) size what they draw by it. It stays a module of plain constants with no
// imports and no side effects, so the bot may read it while the emulator still imports nothing of the bot's.
// Per https://docs.slack.dev/reference/block-kit; lengths in characters, measured as `String.length` (UTF-16
// code units, never fewer than Slack's count).

export const BLOCK_KIT_LIMITS = {
  message: { blocks: 50, textLength: 40_000 },
  view: {
    blocks: 100,
    titleLength: 24,
    submitLength: 24,
    closeLength: 24,
    privateMetadataLength: 3000,
    callbackIdLength: 255,
    externalIdLength: 255,
  },
  blockIdLength: 255,
  actionIdLength: 255,
  section: { textLength: 3000, fields: 10, fieldTextLength: 2000 },
  header: { textLength: 150 },
  context: { elements: 10 },
  actions: { elements: 25 },
  image: { urlLength: 3000, altTextLength: 2000, titleLength: 2000 },
  input: { labelLength: 2000, hintLength: 2000 },
  /** One table per message (Slack: `only_one_table_allowed`); cells are raw_text or rich_text. */
  table: { rows: 100, cells: 20, columnSettings: 20, perMessage: 1 },
  button: { textLength: 75, valueLength: 2000, urlLength: 3000, accessibilityLabelLength: 75 },
  confirm: { titleLength: 100, textLength: 300, confirmLength: 30, denyLength: 30 },
  option: { textLength: 75, valueLength: 150, descriptionLength: 75, urlLength: 3000 },
  optionGroup: { labelLength: 75, options: 100 },
  select: { options: 100, optionGroups: 100, placeholderLength: 150 },
  overflow: { minOptions: 1, maxOptions: 5 },
  choice: { options: 10 },
  plainTextInput: { length: 3000 },
} as const;

/** Button styles Slack accepts; anything else is invalid, not merely ignored. */
export const BUTTON_STYLES = ['primary', 'danger'] as const;
