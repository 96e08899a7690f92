// Checks a rendered modal against the Block Kit rules Slack enforces, so a renderer cannot ship a view Slack refuses.
import type { ModalView } from '@slack/types';
import { expect } from 'vitest';

interface OptionLike {
  text?: { text?: string };
  value?: string;
  description?: { text?: string };
}

/** Every rule the run modal's views depend on; fails with the path of the first thing out of bounds. */
export function expectWithinSlackLimits(view: ModalView): void {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(view.type === 'modal', 'type is modal');
  check(view.blocks.length <= 100, `at most 100 blocks (has ${view.blocks.length})`);
  check(view.title.type === 'plain_text' && view.title.text.length <= 24, `title "${view.title.text}" ≤ 24`);
  check((view.submit?.text.length ?? 0) <= 24, 'submit ≤ 24');
  check((view.close?.text.length ?? 0) <= 24, 'close ≤ 24');
  check((view.private_metadata ?? '').length <= 3000, 'private_metadata ≤ 3000');
  check((view.callback_id ?? '').length <= 255, 'callback_id ≤ 255');
  const hasInput = view.blocks.some((block) => block.type === 'input');
  check(!hasInput || view.submit !== undefined, 'a view with inputs has a submit button');

  const blockIds = view.blocks.flatMap((block) => (block.block_id === undefined ? [] : [block.block_id]));
  check(new Set(blockIds).size === blockIds.length, `unique block_ids (${blockIds.join(', ')})`);
  for (const id of blockIds) check(id.length > 0 && id.length <= 255, `block_id ${id} ≤ 255`);

  view.blocks.forEach((block, index) => {
    const at = `blocks[${index}] (${block.type}${block.block_id ? ` ${block.block_id}` : ''})`;
    const b = block as unknown as Record<string, unknown>;
    if (block.type === 'section') {
      const text = (b.text as { text: string } | undefined)?.text;
      const fields = (b.fields as Array<{ text: string }> | undefined) ?? [];
      check(text !== undefined || fields.length > 0, `${at}: a section has text or fields`);
      if (text !== undefined) check(text.length > 0 && text.length <= 3000, `${at}: section text 1–3000`);
      check(fields.length <= 10, `${at}: ≤ 10 fields`);
      for (const field of fields) check(field.text.length <= 2000, `${at}: field text ≤ 2000`);
      if (b.accessory) checkElement(b.accessory as Record<string, unknown>, at, check);
    } else if (block.type === 'header') {
      check(((b.text as { text: string }).text ?? '').length <= 150, `${at}: header ≤ 150`);
    } else if (block.type === 'context') {
      const elements = b.elements as Array<{ text: string }>;
      check(elements.length >= 1 && elements.length <= 10, `${at}: 1–10 context elements`);
      for (const element of elements) check(element.text.length <= 3000, `${at}: context text ≤ 3000`);
    } else if (block.type === 'input') {
      const label = (b.label as { type: string; text: string }) ?? { text: '' };
      check(
        label.type === 'plain_text' && label.text.length > 0 && label.text.length <= 2000,
        `${at}: label 1–2000`,
      );
      const hint = b.hint as { type: string; text: string } | undefined;
      if (hint) check(hint.type === 'plain_text' && hint.text.length <= 2000, `${at}: hint ≤ 2000`);
      check(b.element !== undefined, `${at}: has an element`);
      checkElement(b.element as Record<string, unknown>, at, check);
    }
  });
  expect(problems, 'Slack would refuse this view').toEqual([]);
}

function checkElement(
  element: Record<string, unknown>,
  at: string,
  check: (ok: boolean, what: string) => void,
) {
  const type = element.type as string;
  const where = `${at} ${type}`;
  check(
    typeof element.action_id === 'string' && (element.action_id as string).length <= 255,
    `${where}: action_id`,
  );
  const placeholder = element.placeholder as { type: string; text: string } | undefined;
  if (placeholder)
    check(placeholder.type === 'plain_text' && placeholder.text.length <= 150, `${where}: placeholder ≤ 150`);

  const options = element.options as OptionLike[] | undefined;
  const initialOptions = (element.initial_options as OptionLike[] | undefined) ?? [];
  const initialOption = element.initial_option as OptionLike | undefined;
  for (const option of [...(options ?? []), ...initialOptions, ...(initialOption ? [initialOption] : [])]) {
    check(
      (option.text?.text ?? '').length > 0 && (option.text?.text ?? '').length <= 75,
      `${where}: option text 1–75 "${option.text?.text}"`,
    );
    check(
      (option.value ?? '').length > 0 && (option.value ?? '').length <= 150,
      `${where}: option value 1–150 "${option.value}"`,
    );
    if (option.description) check(option.description.text!.length <= 75, `${where}: option description ≤ 75`);
  }
  switch (type) {
    case 'static_select':
    case 'multi_static_select':
    case 'checkboxes': {
      const max = type === 'checkboxes' ? 10 : 100;
      check(
        options !== undefined && options.length >= 1 && options.length <= max,
        `${where}: 1–${max} options`,
      );
      const values = (options ?? []).map((option) => JSON.stringify(option));
      for (const chosen of [...initialOptions, ...(initialOption ? [initialOption] : [])]) {
        check(
          values.includes(JSON.stringify(chosen)),
          `${where}: initial option ${chosen.value} is one of the options`,
        );
      }
      const optionValues = (options ?? []).map((option) => option.value);
      check(new Set(optionValues).size === optionValues.length, `${where}: option values unique`);
      break;
    }
    case 'external_select':
    case 'multi_external_select':
      check(element.options === undefined, `${where}: no static options`);
      check(initialOptions.length <= 100, `${where}: ≤ 100 initial options`);
      break;
    case 'number_input':
      check(typeof element.is_decimal_allowed === 'boolean', `${where}: is_decimal_allowed`);
      if (element.initial_value !== undefined) {
        check(/^-?\d+$/.test(element.initial_value as string), `${where}: initial_value is a whole number`);
      }
      break;
    case 'plain_text_input': {
      const max = (element.max_length as number | undefined) ?? 3000;
      check(max >= 1 && max <= 3000, `${where}: max_length 1–3000`);
      const initial = element.initial_value as string | undefined;
      if (initial !== undefined) check(initial.length <= max, `${where}: initial_value ≤ max_length`);
      break;
    }
    default:
      check(false, `${where}: an element the run modal does not use`);
  }
}
