// The typed entries of `view.state.values` Slack builds from what a user typed or picked, element by element.
import type {
  EmulatedView,
  JsonObject,
  SelectedOption,
  ViewStateValue,
  ViewStateValues,
} from '../state/slack-types.js';
import { SlackDriverError } from './slack-driver-error.js';

/** What a user enters: text (or a date, a user id, an option value), several values, or nothing. */
export type InputValue = string | string[] | null;

const TEXT_INPUTS = new Set(['plain_text_input', 'email_text_input', 'url_text_input', 'number_input']);
const SINGLE_OPTION = new Set(['static_select', 'external_select', 'radio_buttons']);
const MULTI_OPTION = new Set(['multi_static_select', 'multi_external_select', 'checkboxes']);
/** Pickers whose state is one id or string, and the key Slack stores it under. */
const SINGLE_PICKS: Record<string, keyof ViewStateValue> = {
  users_select: 'selected_user',
  conversations_select: 'selected_conversation',
  channels_select: 'selected_channel',
  datepicker: 'selected_date',
  timepicker: 'selected_time',
};
const MULTI_PICKS: Record<string, keyof ViewStateValue> = {
  multi_users_select: 'selected_users',
  multi_conversations_select: 'selected_conversations',
  multi_channels_select: 'selected_channels',
};

/** The options an element offers: its own (static), or those the app last answered for it (external). */
export function optionsOf(element: JsonObject, externalOptions: JsonObject[] = []): JsonObject[] {
  if (String(element.type).includes('external')) return externalOptions;
  const groups = Array.isArray(element.option_groups) ? (element.option_groups as JsonObject[]) : [];
  const own = Array.isArray(element.options) ? (element.options as JsonObject[]) : [];
  return [
    ...own,
    ...groups.flatMap((group) => (Array.isArray(group.options) ? (group.options as JsonObject[]) : [])),
  ];
}

function pickOption(element: JsonObject, value: string, externalOptions?: JsonObject[]): SelectedOption {
  const found = optionsOf(element, externalOptions).find((option) => option.value === value);
  if (found) return found as unknown as SelectedOption;
  // An external select shows whatever the app answered; a value the test names directly is taken as typed.
  if (String(element.type).includes('external')) return { text: { type: 'plain_text', text: value }, value };
  throw new SlackDriverError(
    `${String(element.type)} ${String(element.action_id)} has no option with value ${value}`,
  );
}

const list = (input: InputValue): string[] => (input === null ? [] : Array.isArray(input) ? input : [input]);
const single = (input: InputValue): string | null => (Array.isArray(input) ? (input[0] ?? null) : input);

/** The state entry for an element after the user entered `input`. */
export function stateValueFor(
  element: JsonObject,
  input: InputValue,
  externalOptions?: JsonObject[],
): ViewStateValue {
  const type = String(element.type);
  if (TEXT_INPUTS.has(type)) return { type, value: single(input) };
  if (SINGLE_OPTION.has(type)) {
    const value = single(input);
    return { type, selected_option: value === null ? null : pickOption(element, value, externalOptions) };
  }
  if (MULTI_OPTION.has(type)) {
    return {
      type,
      selected_options: list(input).map((value) => pickOption(element, value, externalOptions)),
    };
  }
  if (type === 'datetimepicker') return { type, selected_date_time: unixSeconds(element, single(input)) };
  if (SINGLE_PICKS[type]) return { type, [SINGLE_PICKS[type]]: single(input) };
  if (MULTI_PICKS[type]) return { type, [MULTI_PICKS[type]]: list(input) };
  throw new SlackDriverError(`element type ${type} (${String(element.action_id)}) takes no input`);
}

/** A datetimepicker's input, unix seconds as text (the driver and the playground send it so), as Slack's number. */
function unixSeconds(element: JsonObject, input: string | null): number | null {
  if (input === null || input === '') return null;
  if (!/^\d{1,10}$/.test(input)) {
    throw new SlackDriverError(
      `datetimepicker ${String(element.action_id)} takes unix seconds, not ${JSON.stringify(input)}`,
    );
  }
  return Number(input);
}

/** The entry before the user touched the element: its initial_* value, or empty. */
export function initialStateValue(element: JsonObject): ViewStateValue {
  const type = String(element.type);
  if (TEXT_INPUTS.has(type)) return { type, value: (element.initial_value as string | undefined) ?? null };
  if (SINGLE_OPTION.has(type))
    return { type, selected_option: (element.initial_option as SelectedOption) ?? null };
  if (MULTI_OPTION.has(type))
    return { type, selected_options: (element.initial_options as SelectedOption[]) ?? [] };
  if (type === 'datetimepicker') {
    const initial = element.initial_date_time;
    return { type, selected_date_time: typeof initial === 'number' ? initial : null };
  }
  const initialKey = (key: string) => `initial_${key.replace('selected_', '')}`;
  if (SINGLE_PICKS[type])
    return { type, [SINGLE_PICKS[type]]: element[initialKey(SINGLE_PICKS[type])] ?? null };
  if (MULTI_PICKS[type]) return { type, [MULTI_PICKS[type]]: element[initialKey(MULTI_PICKS[type])] ?? [] };
  return { type };
}

/** The values a submission carries: every input block (initial values unless changed) plus other touched elements. */
export function submissionValues(view: EmulatedView): ViewStateValues {
  const values: ViewStateValues = {};
  for (const block of view.blocks) {
    const element = block.element as JsonObject | undefined;
    if (block.type !== 'input' || !element) continue;
    const blockId = String(block.block_id);
    const actionId = String(element.action_id);
    values[blockId] = { [actionId]: view.state.values[blockId]?.[actionId] ?? initialStateValue(element) };
  }
  for (const [blockId, entries] of Object.entries(view.state.values)) {
    values[blockId] = { ...entries, ...values[blockId] };
  }
  return values;
}

/** Required inputs left empty: Slack's client refuses to submit and says so under each. */
export function emptyRequiredInputs(view: EmulatedView, values: ViewStateValues): string[] {
  return view.blocks
    .filter((block) => block.type === 'input' && block.optional !== true)
    .map((block) => String(block.block_id))
    .filter((blockId) => Object.values(values[blockId] ?? {}).every(isEmpty));
}

function isEmpty(entry: ViewStateValue): boolean {
  const { type: _type, ...rest } = entry;
  return Object.values(rest).every(
    (value) =>
      value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0),
  );
}
