// The confirmation dialog Slack shows before a button (or overflow option) with `confirm` sends its action.
import { h } from './dom.js';
import { plainText, textObject } from './text-objects.js';

/** Resolves true when the person confirms, false when they deny or press Escape. */
export function confirmDialog(confirm, names) {
  return new Promise((resolve) => {
    const close = (answer) => {
      overlay.remove();
      resolve(answer);
    };
    const ok = h(
      'button',
      {
        type: 'button',
        className: `btn ${confirm.style === 'danger' ? 'btn-danger' : 'btn-primary'}`,
        'data-testid': 'confirm-ok',
        onclick: () => close(true),
      },
      plainText(confirm.confirm) || 'Yes',
    );
    const overlay = h(
      'div',
      {
        className: 'overlay confirm-overlay',
        onkeydown: (event) => event.key === 'Escape' && close(false),
      },
      h(
        'div',
        {
          className: 'dialog confirm-dialog',
          role: 'alertdialog',
          'aria-modal': 'true',
          'aria-label': plainText(confirm.title) || 'Are you sure?',
          'data-testid': 'confirm-dialog',
        },
        h('h2', { className: 'dialog-title' }, plainText(confirm.title) || 'Are you sure?'),
        h('div', { className: 'dialog-body' }, textObject(confirm.text, names)),
        h(
          'div',
          { className: 'dialog-footer' },
          h(
            'button',
            {
              type: 'button',
              className: 'btn',
              'data-testid': 'confirm-cancel',
              onclick: () => close(false),
            },
            plainText(confirm.deny) || 'Cancel',
          ),
          ok,
        ),
      ),
    );
    document.body.append(overlay);
    ok.focus();
  });
}
