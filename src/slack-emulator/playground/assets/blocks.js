// Block Kit layout blocks as DOM: section, header, context, divider, image, actions, input, rich_text and table.
import { h, testId } from './dom.js';
import { renderElement } from './elements.js';
import { image } from './image.js';
import { richText } from './rich-text.js';
import { plainText, textObject } from './text-objects.js';

/**
 * What blocks are rendered for, and what a person's actions on them do.
 * @typedef {object} Surface
 * @property {{ user(id: string): string, channel(id: string): string, group(id: string): string }} names
 * @property {{ users: object[], channels: object[] }} workspace for users_select and conversations_select
 * @property {(element: object, block: object, options?: { confirmedAfterEdit?: boolean }) => Promise<unknown>} click
 *   a button (`confirmedAfterEdit`: its confirm dialog was answered, perhaps after the message changed)
 * @property {(element: object, block: object, value: unknown) => Promise<unknown>} choose block_actions with a
 *   choice (selects, overflow, pickers, checkboxes, radio buttons; an input block only when it dispatches)
 * @property {(element: object, block: object, query: string) => Promise<{ options: object[], optionGroups: object[] }>} suggest
 *   an external select's options for what was typed
 * @property {(element: object, block: object, value: unknown) => unknown} [input] a view's input changed (Slack
 *   sends nothing for it)
 * @property {(block: object, element: object) => object | undefined} [stateOf] the view's state entry
 * @property {(blockId: string) => string | undefined} [errorOf] a field's error after a submission
 * @property {Map<string, () => unknown>} [readers] each input block's current value, for the submission
 */

/** @param {object[]} blocks @param {Surface} surface */
export function renderBlocks(blocks, surface) {
  return h(
    'div',
    { className: 'blocks' },
    (blocks ?? []).map((block) => renderBlock(block, surface)),
  );
}

function renderBlock(block, surface) {
  const attrs = {
    className: `block block-${block.type}`,
    'data-block-id': block.block_id,
    'data-block-type': block.type,
  };
  const { names } = surface;
  switch (block.type) {
    case 'section':
      return h(
        'div',
        attrs,
        h(
          'div',
          { className: 'section-main' },
          block.text && textObject(block.text, names, 'section-text'),
          Array.isArray(block.fields) &&
            h(
              'div',
              { className: 'section-fields' },
              block.fields.map((field) => textObject(field, names, 'section-field')),
            ),
        ),
        block.accessory &&
          h('div', { className: 'section-accessory' }, renderElement(block.accessory, block, surface)),
      );
    case 'header':
      return h('div', attrs, h('h3', { className: 'header-text' }, plainText(block.text)));
    case 'context':
      return h(
        'div',
        attrs,
        (block.elements ?? []).map((element) =>
          element.type === 'image'
            ? image(element.image_url, element.alt_text, 'context-image')
            : textObject(element, names, 'context-part'),
        ),
      );
    case 'divider':
      return h('hr', attrs);
    case 'image':
      return h(
        'figure',
        attrs,
        block.title && h('figcaption', null, plainText(block.title)),
        image(block.image_url ?? block.slack_file?.url, block.alt_text, 'block-image-content'),
      );
    case 'actions':
      return h(
        'div',
        attrs,
        (block.elements ?? []).map((element) => renderElement(element, block, surface)),
      );
    case 'input':
      return inputBlock(block, surface, attrs);
    case 'rich_text':
      return h('div', attrs, richText(block, names));
    case 'table':
      return h('div', { ...attrs, className: `${attrs.className} table-block` }, tableBlock(block, names));
    default:
      return h('div', attrs, h('em', { className: 'unsupported' }, `[${block.type} block]`));
  }
}

/** Rows of raw_text or rich_text cells; column_settings align and wrap each column. */
function tableBlock(block, names) {
  const settings = block.column_settings ?? [];
  const cellOf = (cell, column) => {
    const setting = settings[column] ?? {};
    const className = `align-${setting.align ?? 'left'}${setting.is_wrapped ? ' wrapped' : ''}`;
    const content = cell.type === 'rich_text' ? richText(cell, names) : (cell.text ?? '');
    return h('td', { className }, content);
  };
  return h(
    'table',
    { className: 'block-table' },
    h(
      'tbody',
      null,
      (block.rows ?? []).map((row) => h('tr', null, row.map(cellOf))),
    ),
  );
}

function inputBlock(block, surface, attrs) {
  const error = surface.errorOf?.(block.block_id);
  const label = plainText(block.label);
  return h(
    'div',
    {
      ...attrs,
      className: `${attrs.className}${error ? ' has-error' : ''}`,
      'data-testid': testId('field', block.block_id),
    },
    h(
      'div',
      { className: 'input-label' },
      label,
      block.optional && h('span', { className: 'input-optional' }, ' (optional)'),
    ),
    renderElement(block.element, block, surface, label),
    block.hint && h('div', { className: 'input-hint' }, plainText(block.hint)),
    error &&
      h(
        'div',
        { className: 'input-error', role: 'alert', 'data-testid': testId('field-error', block.block_id) },
        error,
      ),
  );
}
