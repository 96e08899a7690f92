// The external select: a search box that asks the app for options as the person types (block_suggestion), with
// chips for what was chosen when it is a multi-select.
import { h } from './dom.js';
import { changed, register } from './element-state.js';
import { plainText } from './text-objects.js';

/** Labels of the options the app offered, by action_id and value, so chosen options keep their text. */
const offeredLabels = new Map();

/** A search box that asks the app for options as the person types (block_suggestion), with chips when multi. */
export function externalSelect(element, block, surface, common) {
  const multi = element.type === 'multi_external_select';
  const minLength = Number(element.min_query_length ?? 3);
  const labels = offeredLabels.get(element.action_id) ?? new Map();
  offeredLabels.set(element.action_id, labels);
  const entry = surface.stateOf?.(block, element);
  const initial = entry
    ? [entry.selected_option, ...(entry.selected_options ?? [])]
    : [element.initial_option, ...(element.initial_options ?? [])];
  let chosen = initial.filter(Boolean).map((option) => ({
    value: option.value,
    label: labels.get(option.value) ?? plainText(option.text),
  }));
  const chips = h('div', { className: 'chips' });
  const list = h('ul', { className: 'suggestions', role: 'listbox', hidden: true });
  const search = h('input', {
    ...common,
    type: 'search',
    className: 'input external-search',
    autocomplete: 'off',
    placeholder: plainText(element.placeholder) || `Type ${minLength} or more characters`,
    oninput: () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, 200);
    },
    onkeydown: (event) => {
      if (event.key === 'Escape') list.hidden = true;
    },
  });
  let timer;
  let asked = 0;
  const read = () => (multi ? chosen.map((item) => item.value) : (chosen[0]?.value ?? null));
  const commit = () => {
    drawChips();
    changed(element, block, surface, read());
  };
  const drawChips = () =>
    chips.replaceChildren(
      ...chosen.map((item) =>
        h(
          'span',
          { className: 'chip', 'data-value': item.value },
          item.label,
          h(
            'button',
            {
              type: 'button',
              className: 'chip-remove',
              'aria-label': `Remove ${item.label}`,
              onclick: () => {
                chosen = chosen.filter((other) => other.value !== item.value);
                commit();
              },
            },
            '×',
          ),
        ),
      ),
    );
  const suggest = async () => {
    const query = search.value;
    if (query.length < minLength) {
      list.replaceChildren(
        h('li', { className: 'suggestion-hint' }, `Type at least ${minLength} characters`),
      );
      list.hidden = query.length === 0;
      return;
    }
    const ask = ++asked;
    let answer;
    try {
      answer = await surface.suggest(element, block, query);
    } catch (error) {
      answer = { options: [], optionGroups: [], error: error.message };
    }
    if (ask !== asked) return;
    const offered = [
      ...(answer.options ?? []),
      ...(answer.optionGroups ?? []).flatMap((group) => group.options ?? []),
    ];
    for (const option of offered) labels.set(option.value, plainText(option.text));
    list.replaceChildren(
      ...(offered.length === 0
        ? [h('li', { className: 'suggestion-hint' }, answer.error ?? 'No matches')]
        : offered.map((option) =>
            h(
              'li',
              {
                role: 'option',
                className: 'suggestion',
                'data-value': option.value,
                tabindex: '0',
                onclick: () => pick(option),
                onkeydown: (event) => event.key === 'Enter' && pick(option),
              },
              plainText(option.text),
              option.description && h('small', null, ` ${plainText(option.description)}`),
            ),
          )),
    );
    list.hidden = false;
  };
  const pick = (option) => {
    const item = { value: option.value, label: plainText(option.text) };
    chosen = multi ? [...chosen.filter((other) => other.value !== item.value), item] : [item];
    search.value = '';
    list.hidden = true;
    commit();
  };
  drawChips();
  register(block, surface, read);
  return h('div', { className: 'external-select' }, chips, search, list);
}
