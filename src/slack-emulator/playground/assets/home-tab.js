// App Home in the playground: a "Home" entry under the channels. Opening it sends the app app_home_opened (as
// Slack does when a person opens the tab) and shows the view the app published for the acting user; buttons in it
// click through the driver like any other.
import { renderBlocks } from './blocks.js';
import { h } from './dom.js';

/** The pseudo channel id the page uses while the Home tab is shown. */
export const HOME = 'app-home';

export class HomeTab {
  #key;

  /**
   * @param {HTMLElement} root where the Home is drawn (hidden while a channel is shown)
   * @param {object} deps
   * @param {import('./control-api.js').ControlApi} deps.api
   * @param {(view: object) => import('./blocks.js').Surface} deps.surfaceFor
   * @param {(error: Error) => void} deps.report
   */
  constructor(root, deps) {
    this.root = root;
    this.deps = deps;
  }

  /** The sidebar entry, marked when the Home is what is shown. */
  sidebarItem(active, onSelect) {
    return h(
      'li',
      null,
      h(
        'button',
        {
          type: 'button',
          className: `channel${active ? ' active' : ''}`,
          'data-testid': 'app-home',
          'aria-current': active ? 'page' : undefined,
          onclick: onSelect,
        },
        '⌂ ',
        'Home',
      ),
    );
  }

  /** The person opens the tab: the app is told, and publishes (or not) what they will see. */
  open(userId) {
    this.#key = undefined;
    return this.deps.api.act('app-home-opened', { userId }).catch(this.deps.report);
  }

  /** Shows the user's published Home, or hides the pane when another channel is shown. */
  show(visible, store, userId) {
    this.root.hidden = !visible;
    if (!visible) {
      this.#key = undefined;
      return;
    }
    const view = [...store.views.values()]
      .filter((candidate) => candidate.type === 'home' && candidate.user_id === userId)
      .at(-1);
    const key = view ? `${view.id}|${view.hash}` : `none|${userId}`;
    if (key === this.#key) return;
    this.#key = key;
    this.root.replaceChildren(
      view
        ? h(
            'div',
            { className: 'home-view', 'data-testid': 'home-view', 'data-view-id': view.id },
            renderBlocks(view.blocks, this.deps.surfaceFor(view)),
          )
        : h(
            'p',
            { className: 'home-empty', 'data-testid': 'home-empty' },
            'The app has not published a Home for you yet.',
          ),
    );
  }
}
