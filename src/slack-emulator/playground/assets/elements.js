// Block Kit interactive elements: buttons (styles, confirm dialogs), selects (static, external, users,
// conversations; single and multi), overflow menus, checkboxes, radio buttons, date and time pickers, text inputs.
import { confirmDialog } from './confirm-dialog.js';
import { h, safeUrl, testId } from './dom.js';
import { changed, chosenValues, register } from './element-state.js';
import { externalSelect } from './external-select.js';
import { image } from './image.js';
import { plainText, textObject } from './text-objects.js';

/**
 * @param {object} element
 * @param {object} block the block holding it (its block_id goes with every action)
 * @param {import('./blocks.js').Surface} surface
 * @param {string} [label] the input block's label, as the control's accessible name
 */
export function renderElement(element, block, surface, label) {
  if (!element) return null;
  const common = {
    'data-action-id': element.action_id,
    'data-element-type': element.type,
    'aria-label': label || plainText(element.placeholder) || element.action_id,
  };
  switch (element.type) {
    case 'button':
      return button(element, block, surface);
    case 'static_select':
    case 'multi_static_select':
    case 'users_select':
    case 'multi_users_select':
    case 'conversations_select':
    case 'multi_conversations_select':
    case 'channels_select':
    case 'multi_channels_select':
      return nativeSelect(element, block, surface, common);
    case 'external_select':
    case 'multi_external_select':
      return externalSelect(element, block, surface, common);
    case 'overflow':
      return overflow(element, block, surface, common);
    case 'checkboxes':
    case 'radio_buttons':
      return choices(element, block, surface, common);
    case 'datepicker':
    case 'timepicker':
      return picker(element, block, surface, common);
    case 'datetimepicker':
      return dateTimePicker(element, block, surface, common);
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return textInput(element, block, surface, common);
    case 'image':
      return image(element.image_url, element.alt_text, 'accessory-image');
    default:
      return h('em', { className: 'unsupported' }, `[${element.type}]`);
  }
}

function button(element, block, surface) {
  const node = h(
    'button',
    {
      type: 'button',
      className: `btn${element.style ? ` btn-${element.style}` : ''}`,
      'data-action-id': element.action_id,
      'data-testid': testId('button', element.action_id),
      onclick: async () => {
        if (element.confirm && !(await confirmDialog(element.confirm, surface.names))) return;
        const href = element.url ? safeUrl(element.url) : undefined;
        if (href) window.open(href, '_blank', 'noopener');
        node.disabled = true;
        try {
          // The message may have been edited while the dialog was open: Slack sends the action as it was shown.
          await surface.click(element, block, { confirmedAfterEdit: Boolean(element.confirm) });
        } finally {
          node.disabled = false;
        }
      },
    },
    plainText(element.text),
  );
  return node;
}

function optionsOf(element, surface) {
  const type = element.type.replace(/^multi_/, '');
  if (type === 'users_select') {
    return surface.workspace.users.map((user) => ({ value: user.id, label: user.realName || user.name }));
  }
  if (type === 'conversations_select' || type === 'channels_select') {
    return surface.workspace.channels
      .filter((channel) => type === 'conversations_select' || !channel.isIm)
      .map((channel) => ({ value: channel.id, label: `#${channel.name}` }));
  }
  const own = (options, group) =>
    (options ?? []).map((option) => ({ value: option.value, label: plainText(option.text), group }));
  return [
    ...own(element.options),
    ...(element.option_groups ?? []).flatMap((group) => own(group.options, plainText(group.label))),
  ];
}

function nativeSelect(element, block, surface, common) {
  const multi = element.type.startsWith('multi_');
  const chosen = new Set(chosenValues(element, block, surface));
  const option = (item) => h('option', { value: item.value, selected: chosen.has(item.value) }, item.label);
  const options = optionsOf(element, surface);
  const groups = [...new Set(options.map((item) => item.group))];
  const select = h(
    'select',
    {
      ...common,
      className: 'select',
      multiple: multi,
      size: multi ? Math.min(6, Math.max(3, options.length)) : undefined,
      onchange: () => changed(element, block, surface, read()),
    },
    !multi &&
      h('option', { value: '', selected: chosen.size === 0 }, plainText(element.placeholder) || 'Select…'),
    groups.map((group) =>
      group === undefined
        ? options.filter((item) => item.group === undefined).map(option)
        : h('optgroup', { label: group }, options.filter((item) => item.group === group).map(option)),
    ),
  );
  const read = () =>
    multi ? [...select.selectedOptions].map((item) => item.value) : select.value === '' ? null : select.value;
  register(block, surface, read);
  return select;
}

function overflow(element, block, surface, common) {
  const menu = h(
    'div',
    { className: 'overflow-menu', role: 'menu', hidden: true },
    (element.options ?? []).map((option) =>
      h(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          className: 'overflow-item',
          'data-value': option.value,
          onclick: async () => {
            menu.hidden = true;
            if (element.confirm && !(await confirmDialog(element.confirm, surface.names))) return;
            await surface.choose(element, block, option.value).catch(() => {});
          },
        },
        plainText(option.text),
      ),
    ),
  );
  return h(
    'span',
    { className: 'overflow' },
    h(
      'button',
      {
        ...common,
        type: 'button',
        className: 'btn btn-overflow',
        onclick: () => (menu.hidden = !menu.hidden),
      },
      '⋯',
    ),
    menu,
  );
}

function choices(element, block, surface, common) {
  const multi = element.type === 'checkboxes';
  const chosen = new Set(chosenValues(element, block, surface));
  const name = `${block.block_id}|${element.action_id}|${Math.random().toString(36).slice(2)}`;
  const inputs = [];
  const read = () => {
    const values = inputs.filter((input) => input.checked).map((input) => input.value);
    return multi ? values : (values[0] ?? null);
  };
  const group = h(
    'div',
    { ...common, role: multi ? 'group' : 'radiogroup', className: 'choices' },
    (element.options ?? []).map((option) => {
      const input = h('input', {
        type: multi ? 'checkbox' : 'radio',
        name,
        value: option.value,
        checked: chosen.has(option.value),
        onchange: () => changed(element, block, surface, read()),
      });
      inputs.push(input);
      return h(
        'label',
        { className: 'choice' },
        input,
        ' ',
        textObject(option.text, surface.names, 'choice-text'),
        option.description && textObject(option.description, surface.names, 'choice-description'),
      );
    }),
  );
  register(block, surface, read);
  return group;
}

function picker(element, block, surface, common) {
  const date = element.type === 'datepicker';
  const entry = surface.stateOf?.(block, element);
  const current = entry
    ? (entry.selected_date ?? entry.selected_time)
    : (element.initial_date ?? element.initial_time);
  const input = h('input', {
    ...common,
    type: date ? 'date' : 'time',
    className: 'input',
    value: current ?? '',
    onchange: () => changed(element, block, surface, read()),
  });
  const read = () => (input.value === '' ? null : input.value);
  register(block, surface, read);
  return input;
}

/** Slack's datetimepicker: a date and a time in the reader's zone, sent as unix seconds. */
function dateTimePicker(element, block, surface, common) {
  const entry = surface.stateOf?.(block, element);
  const seconds = entry ? entry.selected_date_time : element.initial_date_time;
  const input = h('input', {
    ...common,
    type: 'datetime-local',
    className: 'input',
    value: typeof seconds === 'number' ? localDateTime(seconds) : '',
    onchange: () => changed(element, block, surface, read()),
  });
  const read = () => {
    if (input.value === '') return null;
    const time = new Date(input.value).getTime();
    return Number.isNaN(time) ? null : String(Math.floor(time / 1000));
  };
  register(block, surface, read);
  return input;
}

/** `2026-06-02T09:00` in the reader's zone, as a datetime-local input shows it. */
function localDateTime(seconds) {
  const date = new Date(seconds * 1000);
  const pad = (value) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function textInput(element, block, surface, common) {
  const multiline = element.type === 'plain_text_input' && element.multiline;
  const entry = surface.stateOf?.(block, element);
  const draft = surface.draftOf?.(block, element);
  const value = draft ?? (entry ? entry.value : element.initial_value) ?? '';
  const type =
    { email_text_input: 'email', url_text_input: 'url', number_input: 'number' }[element.type] ?? 'text';
  const input = h(multiline ? 'textarea' : 'input', {
    ...common,
    className: 'input',
    type: multiline ? undefined : type,
    step: element.type === 'number_input' ? (element.is_decimal_allowed ? 'any' : '1') : undefined,
    min: element.min_value,
    max: element.max_value,
    minlength: element.min_length,
    maxlength: element.max_length,
    rows: multiline ? 4 : undefined,
    placeholder: plainText(element.placeholder),
    value,
    oninput: () => surface.keepDraft?.(block, element, input.value),
    // A text input's value stays in the view: a dispatching one also sends it when Enter is pressed.
    onchange: () => surface.input?.(element, block, read()),
    onkeydown: (event) => {
      if (!multiline && event.key === 'Enter' && block.dispatch_action) {
        event.preventDefault();
        surface.choose(element, block, read()).catch(() => {});
      }
    },
  });
  const read = () => (input.value === '' ? null : input.value);
  register(block, surface, read);
  return input;
}
