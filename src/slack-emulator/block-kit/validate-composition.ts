// Composition objects shared by elements: options, option groups and confirmation dialogs.
import { BLOCK_KIT_LIMITS } from './block-kit-limits.js';
import type { BlockKitProblems } from './block-kit-problems.js';

const { option: OPTION, optionGroup: GROUP, confirm: CONFIRM } = BLOCK_KIT_LIMITS;

/** `plainText`: selects and overflow menus take plain_text options; checkboxes and radios take mrkdwn too. */
export function validateOption(
  option: unknown,
  at: string,
  problems: BlockKitProblems,
  plainText = true,
): void {
  if (!problems.object(option, at)) return;
  problems.text(option.text, `${at}/text`, { max: OPTION.textLength, plain: plainText });
  if (typeof option.value !== 'string') problems.fail(`${at}/value`, 'missing required field');
  else problems.string(option.value, `${at}/value`, OPTION.valueLength);
  problems.text(option.description, `${at}/description`, { max: OPTION.descriptionLength, optional: true });
  problems.string(option.url, `${at}/url`, OPTION.urlLength);
}

export function validateOptions(
  options: unknown,
  at: string,
  problems: BlockKitProblems,
  limits: { max: number; min?: number; optional?: boolean; plainText?: boolean },
): void {
  const items = problems.array(options, at, limits.max, limits.min ?? 0, limits.optional ?? true);
  items.forEach((option, index) => {
    validateOption(option, `${at}/${index}`, problems, limits.plainText ?? true);
  });
}

export function validateOptionGroups(groups: unknown, at: string, problems: BlockKitProblems): void {
  const items = problems.array(groups, at, BLOCK_KIT_LIMITS.select.optionGroups);
  items.forEach((group, index) => {
    const groupAt = `${at}/${index}`;
    if (!problems.object(group, groupAt)) return;
    problems.text(group.label, `${groupAt}/label`, { max: GROUP.labelLength, plain: true });
    validateOptions(group.options, `${groupAt}/options`, problems, { max: GROUP.options, optional: false });
  });
}

export function validateConfirm(confirm: unknown, at: string, problems: BlockKitProblems): void {
  if (confirm === undefined || !problems.object(confirm, at)) return;
  problems.text(confirm.title, `${at}/title`, { max: CONFIRM.titleLength, plain: true });
  problems.text(confirm.text, `${at}/text`, { max: CONFIRM.textLength });
  problems.text(confirm.confirm, `${at}/confirm`, { max: CONFIRM.confirmLength, plain: true });
  problems.text(confirm.deny, `${at}/deny`, { max: CONFIRM.denyLength, plain: true });
  problems.oneOf(confirm.style, `${at}/style`, ['primary', 'danger']);
}
