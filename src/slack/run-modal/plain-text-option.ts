// Plain-text objects and select options, cut to Slack's lengths so no renderer can send one too long.
import type { PlainTextElement, PlainTextOption } from '@slack/types';
import { BlockKitLimit, truncate } from '../render/block-kit-limits.js';
import { ModalLimit } from './modal-limits.js';

export function plainText(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) };
}

/**
 * `text` cut to `max` characters with a bare "…": in a 75-character option, "… (truncated)" would take a
 * sixth of the room. Never splits a surrogate pair.
 */
export function shortText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * An option whose text (and description) are cut to 75 characters. The value is never cut: a shortened value
 * would come back as something else, so callers must not offer values over 150 characters at all.
 */
export function plainTextOption(text: string, value: string, description?: string): PlainTextOption {
  return {
    text: { type: 'plain_text', text: shortText(text, BlockKitLimit.optionText) },
    value,
    ...(description
      ? { description: { type: 'plain_text', text: shortText(description, ModalLimit.optionDescription) } }
      : {}),
  };
}

/** Whether Slack accepts `value` as an option value. */
export function fitsOptionValue(value: string): boolean {
  return value.length > 0 && value.length <= BlockKitLimit.optionValue;
}
