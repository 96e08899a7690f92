// The modal a user sees: the top view of their stack (views.open / push / update), with its inputs, the field
// errors of the last submission, Slack's error banner, and Submit / Close (or Back, over a pushed view).
import { renderBlocks } from './blocks.js';
import { h } from './dom.js';
import { plainText } from './text-objects.js';

export class ModalLayer {
  #key;
  /** What was typed but not yet left (no change event): kept across re-renders of the same view. */
  #drafts = new Map();

  /**
   * @param {HTMLElement} root
   * @param {object} deps
   * @param {() => string} deps.userId
   * @param {import('./control-api.js').ControlApi} deps.api
   * @param {(view: object) => import('./blocks.js').Surface} deps.surfaceFor the view's surface without readers
   * @param {(error: Error) => void} deps.report
   */
  constructor(root, deps) {
    this.root = root;
    this.deps = deps;
  }

  /** Shows the top of the stack; re-renders only when the view's content, errors or depth changed. */
  show(stack) {
    const view = stack.at(-1);
    const key = view
      ? [view.id, view.hash, JSON.stringify(view.errors ?? {}), view.display_error ?? '', stack.length].join(
          '|',
        )
      : undefined;
    if (key === this.#key) return;
    this.#key = key;
    if (!view) {
      this.#drafts.clear();
      this.root.replaceChildren();
      return;
    }
    for (const draftKey of this.#drafts.keys())
      if (!draftKey.startsWith(`${view.id}|`)) this.#drafts.delete(draftKey);
    this.root.replaceChildren(this.#render(view, stack.length));
    this.root.querySelector('.has-error input, .has-error textarea, .has-error select')?.focus();
  }

  #render(view, depth) {
    const readers = new Map();
    const surface = {
      ...this.deps.surfaceFor(view),
      readers,
      stateOf: (block, element) => view.state?.values?.[block.block_id]?.[element.action_id],
      errorOf: (blockId) => view.errors?.[blockId],
      draftOf: (block, element) => this.#drafts.get(`${view.id}|${block.block_id}|${element.action_id}`),
      keepDraft: (block, element, value) =>
        this.#drafts.set(`${view.id}|${block.block_id}|${element.action_id}`, value),
    };
    const submitButton =
      view.submit &&
      h(
        'button',
        {
          type: 'submit',
          className: 'btn btn-primary',
          'data-testid': 'modal-submit',
          disabled: view.submit_disabled,
        },
        plainText(view.submit),
      );
    const close = () => this.#act('close-view', { viewId: view.id });
    const form = h(
      'form',
      {
        className: 'dialog modal',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-label': plainText(view.title) || 'Modal',
        'data-testid': 'modal',
        'data-view-id': view.id,
        'data-callback-id': view.callback_id,
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          const values = Object.fromEntries([...readers].map(([blockId, read]) => [blockId, read()]));
          submitButton.disabled = true;
          submitButton.classList.add('busy');
          try {
            await this.#act('submit-view', { viewId: view.id, values });
          } finally {
            submitButton.disabled = false;
            submitButton.classList.remove('busy');
          }
        },
        onkeydown: (event) => {
          if (event.key === 'Escape') close();
        },
      },
      h(
        'header',
        { className: 'dialog-header' },
        depth > 1 && h('span', { className: 'modal-depth', title: 'views in the stack' }, `${depth}`),
        h('h2', { className: 'dialog-title' }, plainText(view.title)),
        h('button', { type: 'button', className: 'icon-button', 'aria-label': 'Close', onclick: close }, '×'),
      ),
      view.display_error &&
        h(
          'div',
          { className: 'modal-error', role: 'alert', 'data-testid': 'modal-error' },
          view.display_error,
        ),
      h('div', { className: 'dialog-body' }, renderBlocks(view.blocks, surface)),
      h(
        'footer',
        { className: 'dialog-footer' },
        h(
          'button',
          { type: 'button', className: 'btn', 'data-testid': 'modal-close', onclick: close },
          plainText(view.close) || (depth > 1 ? 'Back' : 'Cancel'),
        ),
        submitButton,
      ),
    );
    return h('div', { className: 'overlay' }, form);
  }

  #act(path, body) {
    return this.deps.api.act(path, { userId: this.deps.userId(), ...body }).catch(this.deps.report);
  }
}
