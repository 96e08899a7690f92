// Reads one input of a submitted view's state without trusting its shape: wrong types read as nothing.
import { BlockKitLimit } from '../render/block-kit-limits.js';

export type StateField = Record<string, unknown>;

/** `values[blockId][actionId]` when both are objects, else undefined. */
export function stateField(values: unknown, blockId: string, actionId: string): StateField | undefined {
  const block = ownRecord(values, blockId);
  return block && ownRecord(block, actionId);
}

/** A text input's value; undefined when it is empty, blank or not text. */
export function textOf(field: StateField | undefined): string | undefined {
  const value = field?.value;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A single select's value. */
export function selectedOf(field: StateField | undefined): string | undefined {
  const option = field?.selected_option;
  return isRecord(option) ? optionValue(option) : undefined;
}

/**
 * A multi-select's (or checkboxes') values, each once, in order; undefined when it holds no list. Values
 * longer than Slack lets an option value be cannot have come from our options and are dropped.
 */
export function selectedListOf(field: StateField | undefined): string[] | undefined {
  const options = field?.selected_options;
  if (!Array.isArray(options)) return undefined;
  const values = options.flatMap((option) => {
    const value = isRecord(option) ? optionValue(option) : undefined;
    return value === undefined ? [] : [value];
  });
  return [...new Set(values)];
}

function optionValue(option: Record<string, unknown>): string | undefined {
  const value = option.value;
  return typeof value === 'string' && value.trim() !== '' && value.length <= BlockKitLimit.optionValue
    ? value.trim()
    : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ownRecord(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(value) || !Object.hasOwn(value, key)) return undefined;
  const child = value[key];
  return isRecord(child) ? child : undefined;
}
