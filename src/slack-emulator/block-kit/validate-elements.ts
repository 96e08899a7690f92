// Block elements (buttons, selects, inputs, pickers, images), one validator per type, and where each may go.
import type { JsonObject } from '../state/slack-types.js';
import { BLOCK_KIT_LIMITS, BUTTON_STYLES } from './block-kit-limits.js';
import type { BlockKitProblems } from './block-kit-problems.js';
import {
  validateConfirm,
  validateOption,
  validateOptionGroups,
  validateOptions,
} from './validate-composition.js';

type ElementValidator = (element: JsonObject, at: string, problems: BlockKitProblems) => void;

const { select: SELECT, button: BUTTON, plainTextInput: TEXT_INPUT } = BLOCK_KIT_LIMITS;

const placeholder: ElementValidator = (element, at, problems) =>
  problems.text(element.placeholder, `${at}/placeholder`, {
    max: SELECT.placeholderLength,
    plain: true,
    optional: true,
  });

const common: ElementValidator = (element, at, problems) => {
  problems.actionId(element.action_id, `${at}/action_id`);
  validateConfirm(element.confirm, `${at}/confirm`, problems);
  problems.boolean(element.focus_on_load, `${at}/focus_on_load`);
};

const staticOptions: ElementValidator = (element, at, problems) => {
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    problems.fail(at, 'must provide exactly one of options or option_groups');
  }
  validateOptions(element.options, `${at}/options`, problems, { max: SELECT.options });
  validateOptionGroups(element.option_groups, `${at}/option_groups`, problems);
};

const initialOption: ElementValidator = (element, at, problems) => {
  if (element.initial_option !== undefined)
    validateOption(element.initial_option, `${at}/initial_option`, problems);
  if (element.initial_options !== undefined) {
    validateOptions(element.initial_options, `${at}/initial_options`, problems, { max: SELECT.options });
  }
};

const initialDateTime: ElementValidator = (element, at, problems) => {
  const value = element.initial_date_time;
  if (value !== undefined && !(Number.isInteger(value) && String(value).length === 10)) {
    problems.fail(`${at}/initial_date_time`, 'must be unix seconds: an integer of 10 digits');
  }
};

const maxSelected: ElementValidator = (element, at, problems) => {
  const value = element.max_selected_items;
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 1)) {
    problems.fail(`${at}/max_selected_items`, 'must be an integer of at least 1');
  }
};

const minQueryLength: ElementValidator = (element, at, problems) => {
  const value = element.min_query_length;
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
    problems.fail(`${at}/min_query_length`, 'must be a non-negative integer');
  }
};

const stringField =
  (key: string, max = 3000, pattern?: RegExp): ElementValidator =>
  (element, at, problems) => {
    problems.string(element[key], `${at}/${key}`, max);
    const value = element[key];
    if (pattern && typeof value === 'string' && !pattern.test(value))
      problems.fail(`${at}/${key}`, 'invalid format');
  };

const all =
  (...validators: ElementValidator[]): ElementValidator =>
  (element, at, problems) => {
    for (const validate of validators) validate(element, at, problems);
  };

const button: ElementValidator = (element, at, problems) => {
  problems.text(element.text, `${at}/text`, { max: BUTTON.textLength, plain: true });
  problems.string(element.value, `${at}/value`, BUTTON.valueLength);
  problems.string(element.url, `${at}/url`, BUTTON.urlLength);
  problems.oneOf(element.style, `${at}/style`, BUTTON_STYLES);
  problems.string(element.accessibility_label, `${at}/accessibility_label`, BUTTON.accessibilityLabelLength);
};

const plainTextInput: ElementValidator = (element, at, problems) => {
  problems.string(element.initial_value, `${at}/initial_value`, TEXT_INPUT.length);
  problems.boolean(element.multiline, `${at}/multiline`);
  for (const key of ['min_length', 'max_length'] as const) {
    const value = element[key];
    if (
      value !== undefined &&
      !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= TEXT_INPUT.length)
    ) {
      problems.fail(`${at}/${key}`, `must be an integer between 0 and ${TEXT_INPUT.length}`);
    }
  }
};

const numberInput: ElementValidator = (element, at, problems) => {
  if (typeof element.is_decimal_allowed !== 'boolean')
    problems.fail(`${at}/is_decimal_allowed`, 'missing required field');
  for (const key of ['initial_value', 'min_value', 'max_value'])
    stringField(key, 30, /^-?\d+(\.\d+)?$/)(element, at, problems);
};

const image: ElementValidator = (element, at, problems) => {
  if (element.image_url === undefined && element.slack_file === undefined) {
    problems.fail(`${at}/image_url`, 'missing required field');
  }
  problems.string(element.image_url, `${at}/image_url`, BLOCK_KIT_LIMITS.image.urlLength);
  problems.string(element.alt_text, `${at}/alt_text`, BLOCK_KIT_LIMITS.image.altTextLength, false);
};

const choices =
  (initial: 'initial_option' | 'initial_options'): ElementValidator =>
  (element, at, problems) => {
    const limits = { max: BLOCK_KIT_LIMITS.choice.options, min: 1, optional: false, plainText: false };
    validateOptions(element.options, `${at}/options`, problems, limits);
    if (initial === 'initial_option' && element.initial_option !== undefined) {
      validateOption(element.initial_option, `${at}/initial_option`, problems, false);
    }
    if (initial === 'initial_options') {
      validateOptions(element.initial_options, `${at}/initial_options`, problems, {
        ...limits,
        min: 0,
        optional: true,
      });
    }
  };

/** Every element type the emulator knows; anything else is rejected. */
export const ELEMENT_VALIDATORS: Record<string, ElementValidator> = {
  button: all(common, button),
  static_select: all(common, placeholder, staticOptions, initialOption),
  multi_static_select: all(common, placeholder, staticOptions, initialOption, maxSelected),
  external_select: all(common, placeholder, minQueryLength, initialOption),
  multi_external_select: all(common, placeholder, minQueryLength, initialOption, maxSelected),
  users_select: all(common, placeholder, stringField('initial_user')),
  multi_users_select: all(common, placeholder, maxSelected),
  conversations_select: all(common, placeholder, stringField('initial_conversation')),
  multi_conversations_select: all(common, placeholder, maxSelected),
  channels_select: all(common, placeholder, stringField('initial_channel')),
  multi_channels_select: all(common, placeholder, maxSelected),
  overflow: (element, at, problems) => {
    common(element, at, problems);
    const { minOptions, maxOptions } = BLOCK_KIT_LIMITS.overflow;
    validateOptions(element.options, `${at}/options`, problems, {
      max: maxOptions,
      min: minOptions,
      optional: false,
    });
  },
  datepicker: all(common, placeholder, stringField('initial_date', 10, /^\d{4}-\d{2}-\d{2}$/)),
  timepicker: all(common, placeholder, stringField('initial_time', 5, /^\d{2}:\d{2}$/)),
  // Slack's datetimepicker has no placeholder; its initial value is unix seconds, "in the format of 10 digits".
  datetimepicker: all(common, initialDateTime),
  checkboxes: all(common, choices('initial_options')),
  radio_buttons: all(common, choices('initial_option')),
  plain_text_input: all(common, placeholder, plainTextInput),
  email_text_input: all(common, placeholder, stringField('initial_value')),
  url_text_input: all(common, placeholder, stringField('initial_value')),
  number_input: all(common, placeholder, numberInput),
  image,
};

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
] as const;
const MULTI_SELECTS = SELECTS.map((type) => `multi_${type}`);
const PICKERS = ['datepicker', 'timepicker', 'checkboxes', 'radio_buttons'];

/** Which element types each place accepts, after Slack's "works with block types" tables. */
export const ELEMENT_PLACES = {
  sectionAccessory: ['button', 'overflow', 'image', ...SELECTS, ...MULTI_SELECTS, ...PICKERS],
  // The datetimepicker works with actions and input blocks only (not as a section accessory).
  actions: ['button', 'overflow', ...SELECTS, ...MULTI_SELECTS, ...PICKERS, 'datetimepicker'],
  input: [
    'plain_text_input',
    'email_text_input',
    'url_text_input',
    'number_input',
    ...SELECTS,
    ...MULTI_SELECTS,
    ...PICKERS,
    'datetimepicker',
  ],
} satisfies Record<string, string[]>;

/** Validates one element, allowed in a place (`allowed`), at a JSON pointer. */
export function validateElement(
  element: unknown,
  at: string,
  problems: BlockKitProblems,
  allowed: readonly string[],
): void {
  if (!problems.object(element, at)) return;
  const type = element.type;
  const validate = typeof type === 'string' ? ELEMENT_VALIDATORS[type] : undefined;
  if (!validate || typeof type !== 'string' || !allowed.includes(type)) {
    problems.fail(`${at}/type`, `element type ${String(type)} is not allowed here`);
    return;
  }
  validate(element, at, problems);
}
