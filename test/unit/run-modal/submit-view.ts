// Builds the view.state.values Slack sends when a rendered form is submitted, as a person left or changed it.
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import type { ViewStateValues } from '../../../src/slack/run-modal/read-run-form.js';

type StateValue = ViewStateValues[string][string];

/** What a person did to one block: typed text, chose options (by value), or ticked boxes. */
export type Edit =
  | { value: string | null }
  | { selected: string | null }
  | { selectedMany: string[] }
  /** A datetimepicker's unix seconds. */
  | { dateTime: number | null };

/**
 * Each input block as Slack reports it on submit: its initial value unless `edits` (by block_id) changes it.
 * Options chosen by value are looked up among the element's options (or, for external selects, made up as
 * the search would have returned them).
 */
export function submittedState(view: ModalView, edits: Record<string, Edit> = {}): ViewStateValues {
  const values: ViewStateValues = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' || !block.block_id) continue;
    const element = (block as InputBlock).element as unknown as {
      type: string;
      action_id: string;
      options?: PlainTextOption[];
      initial_value?: string;
      initial_option?: PlainTextOption;
      initial_options?: PlainTextOption[];
      initial_date_time?: number;
    };
    const edit = edits[block.block_id];
    const optionFor = (value: string): PlainTextOption =>
      element.options?.find((option) => option.value === value) ?? {
        text: { type: 'plain_text', text: value },
        value,
      };
    let state: StateValue;
    switch (element.type) {
      case 'plain_text_input':
      case 'number_input':
        state = {
          type: element.type,
          value: edit && 'value' in edit ? edit.value : (element.initial_value ?? null),
        };
        break;
      case 'datetimepicker':
        state = {
          type: element.type,
          selected_date_time:
            edit && 'dateTime' in edit ? edit.dateTime : (element.initial_date_time ?? null),
        } as StateValue;
        break;
      case 'static_select':
      case 'external_select': {
        const chosen = edit && 'selected' in edit ? edit.selected : element.initial_option?.value;
        state = { type: element.type, selected_option: chosen ? asSelected(optionFor(chosen)) : null };
        break;
      }
      default: {
        const chosen =
          edit && 'selectedMany' in edit
            ? edit.selectedMany
            : (element.initial_options ?? []).map((option) => option.value ?? '');
        state = { type: element.type, selected_options: chosen.map((value) => asSelected(optionFor(value))) };
      }
    }
    values[block.block_id] = { [element.action_id]: state };
  }
  return values;
}

/** Slack sends an option back with its text and value only. */
function asSelected(option: PlainTextOption) {
  return { text: { type: 'plain_text' as const, text: option.text.text }, value: option.value ?? '' };
}
