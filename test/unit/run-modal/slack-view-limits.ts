// Checks a rendered modal as Slack would (the Slack emulator's validator), plus what the run modal relies on.
import type { ModalView } from '@slack/types';
import { expect } from 'vitest';
import { validateView } from '../../../src/slack-emulator/block-kit/validate-view.js';

interface OptionLike {
  value?: string;
}

/**
 * Fails when views.open would refuse `view` (every limit, id and element rule the emulator knows), or when a
 * select's initial options are not among its options, its option values repeat, or a text input starts
 * longer than it may hold: mistakes that Slack shows as a broken form rather than an error.
 */
export function expectWithinSlackLimits(view: ModalView): void {
  // As Slack gets it: JSON, so an undefined field is absent rather than a value.
  const verdict = validateView(JSON.parse(JSON.stringify(view)));
  expect(verdict.ok ? [] : verdict.messages, 'Slack would refuse this view').toEqual([]);

  const problems: string[] = [];
  view.blocks.forEach((block, index) => {
    const at = `blocks[${index}] (${block.type}${block.block_id ? ` ${block.block_id}` : ''})`;
    const { element, accessory } = block as {
      element?: Record<string, unknown>;
      accessory?: Record<string, unknown>;
    };
    for (const one of [element, accessory]) {
      if (one) problems.push(...elementProblems(one, `${at} ${String(one.type)}`));
    }
  });
  expect(problems, 'the run modal would not work').toEqual([]);
}

function elementProblems(element: Record<string, unknown>, where: string): string[] {
  const problems: string[] = [];
  const options = element.options as OptionLike[] | undefined;
  const initial = [
    ...((element.initial_options as OptionLike[] | undefined) ?? []),
    ...(element.initial_option ? [element.initial_option as OptionLike] : []),
  ];
  if (options) {
    const values = options.map((option) => JSON.stringify(option));
    for (const chosen of initial) {
      if (!values.includes(JSON.stringify(chosen)))
        problems.push(`${where}: initial option ${chosen.value} is not one of the options`);
    }
    const optionValues = options.map((option) => option.value);
    if (new Set(optionValues).size !== optionValues.length) problems.push(`${where}: option values repeat`);
  }
  if (element.type === 'plain_text_input' && typeof element.initial_value === 'string') {
    const max = (element.max_length as number | undefined) ?? Number.POSITIVE_INFINITY;
    if (element.initial_value.length > max)
      problems.push(`${where}: initial_value is longer than max_length`);
  }
  return problems;
}
