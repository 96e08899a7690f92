// One runbook parameter as one input block of the run form, its element chosen by the field's input kind.
import type { Checkboxes, InputBlock, InputBlockElement, PlainTextInput } from '@slack/types';
import type { FormField } from '../../core/runbook/describe-parameter-form.js';
import { ActionId, BlockId } from '../ids.js';
import { BlockKitLimit } from '../render/block-kit-limits.js';
import { ModalLimit } from './modal-limits.js';
import { fitsOptionValue, plainText, plainTextOption } from './plain-text-option.js';

/** The value a checkbox stands for; readRunForm reads a ticked box as `true`. */
export const CHECKED_VALUE = 'true';

/**
 * The input block for `field`, showing `prefilled` (what the command already said) instead of the field's
 * initial value when it can. A value the element cannot show (a number that is not one, a choice that is not
 * allowed) is left out rather than refused: the form shows the default and the preview checks the rest.
 */
export function parameterInput(field: FormField, prefilled?: string | string[]): InputBlock {
  const { element, note, optional } = elementFor(field, prefilled);
  const hint = [field.hint, note].filter((part) => part !== undefined && part !== '').join(' ');
  return {
    type: 'input',
    block_id: BlockId.parameter(field.name),
    label: plainText(field.label, ModalLimit.inputLabel),
    ...(hint ? { hint: plainText(hint, ModalLimit.inputHint) } : {}),
    optional: optional ?? !field.required,
    element,
  };
}

interface Element {
  element: InputBlockElement;
  /** Said after the field's own hint. */
  note?: string;
  /** Overrides `!field.required`. */
  optional?: boolean;
}

function elementFor(field: FormField, prefilled: string | string[] | undefined): Element {
  const action_id = ActionId.parameter;
  switch (field.input) {
    case 'boolean': {
      const initial = prefilled === undefined ? field.initialValue : booleanOf(prefilled);
      const option = plainTextOption('true', CHECKED_VALUE);
      const element: Checkboxes = {
        type: 'checkboxes',
        action_id,
        options: [option],
        ...(initial === true ? { initial_options: [option] } : {}),
      };
      // Slack would refuse an unticked required box, so `false` could never be sent: the box is always
      // optional, and unticked means false.
      return { element, optional: true };
    }
    case 'number': {
      const text = prefilled === undefined ? field.initialValue : single(prefilled);
      const initial = text !== undefined && /^-?\d+$/.test(text.trim()) ? text.trim() : undefined;
      return {
        element: {
          type: 'number_input',
          action_id,
          is_decimal_allowed: false,
          ...(initial !== undefined ? { initial_value: initial } : {}),
        },
      };
    }
    case 'select': {
      const initial = prefilled === undefined ? field.initialValue : single(prefilled);
      if (!fitsStaticSelect(field.options)) return tooManyChoices(field, initial, false);
      const options = field.options.map((value) => plainTextOption(value, value));
      const chosen = options.find((option) => option.value === initial);
      return {
        element: {
          type: 'static_select',
          action_id,
          placeholder: plainText('Choose a value', ModalLimit.placeholder),
          options,
          ...(chosen ? { initial_option: chosen } : {}),
        },
      };
    }
    case 'multi-select': {
      const initial = prefilled === undefined ? field.initialValues : items(prefilled);
      if (!fitsStaticSelect(field.options)) return tooManyChoices(field, initial?.join(', '), true);
      const options = field.options.map((value) => plainTextOption(value, value));
      const chosen = options.filter(
        (option) => option.value !== undefined && initial?.includes(option.value),
      );
      return {
        element: {
          type: 'multi_static_select',
          action_id,
          placeholder: plainText('Choose values', ModalLimit.placeholder),
          options,
          ...(chosen.length > 0 ? { initial_options: chosen } : {}),
        },
      };
    }
    case 'list': {
      // A command's `a,b` (or a JSON list) is shown as written; parseFormValues splits it again.
      const initial = prefilled === undefined ? field.initialValue : joined(prefilled, ', ');
      return textInput(field.placeholder, initial, true);
    }
    case 'json': {
      const initial = prefilled === undefined ? field.initialValue : jsonText(prefilled);
      return textInput(field.placeholder, initial, true);
    }
    case 'text':
    case 'multiline': {
      const initial = prefilled === undefined ? field.initialValue : joined(prefilled, ',');
      return textInput(field.placeholder, initial, field.input === 'multiline');
    }
  }
}

function textInput(
  placeholder: string | undefined,
  initial: string | undefined,
  multiline: boolean,
): Element {
  // A value Slack cannot show is left out, not cut: a cut value would be sent back as if it were meant.
  const tooLong = initial !== undefined && initial.length > ModalLimit.textInput;
  const element: PlainTextInput = {
    type: 'plain_text_input',
    action_id: ActionId.parameter,
    ...(multiline ? { multiline: true } : {}),
    ...(placeholder ? { placeholder: plainText(placeholder, ModalLimit.placeholder) } : {}),
    ...(initial !== undefined && initial !== '' && !tooLong ? { initial_value: initial } : {}),
  };
  return tooLong
    ? { element, note: 'The current value is too long to show here; leave this empty to keep the default.' }
    : { element };
}

/** Past 100 allowed values (or with a value too long for an option) a select cannot list them: a text box instead. */
function tooManyChoices(
  field: FormField & { options: string[] },
  initial: string | undefined,
  several: boolean,
): Element {
  const examples = field.options.slice(0, 3).join(', ');
  const note = several
    ? `Type allowed values separated by commas (${field.options.length} allowed, such as ${examples}).`
    : `Type one of the ${field.options.length} allowed values, such as ${examples}.`;
  return { ...textInput(undefined, initial, several), note };
}

function fitsStaticSelect(options: string[]): boolean {
  return options.length > 0 && options.length <= BlockKitLimit.options && options.every(fitsOptionValue);
}

function booleanOf(value: string | string[]): boolean | undefined {
  const text = single(value)?.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

function single(value: string | string[]): string | undefined {
  return typeof value === 'string' ? value : value.length === 1 ? value[0] : undefined;
}

/** A command gives `a,b` as one string; a multi-select gives a list. */
function items(value: string | string[]): string[] {
  const list = typeof value === 'string' ? value.split(',') : value;
  return list.map((item) => item.trim()).filter((item) => item !== '');
}

function joined(value: string | string[], separator: string): string {
  return typeof value === 'string' ? value : value.join(separator);
}

/** A MapList may come as several JSON objects: shown as one JSON array. */
function jsonText(value: string | string[]): string {
  if (typeof value === 'string') return value;
  return value.length === 1 ? (value[0] ?? '') : `[${value.join(', ')}]`;
}
