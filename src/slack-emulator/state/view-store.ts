// Views: each user's stack of modals (open, push, update, close, clear) and each user's App Home.
import type { ChangeFeed } from './change-feed.js';
import type { SlackIds } from './slack-ids.js';
import type { EmulatedView, JsonObject, ViewStateValue } from './slack-types.js';
import type { WorkspaceDirectory } from './workspace-directory.js';

/** Slack lets an app push two views on top of the root: three in all. */
export const MAX_STACK_DEPTH = 3;

export class ViewStore {
  private readonly views = new Map<string, EmulatedView>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();

  constructor(
    private readonly feed: ChangeFeed,
    private readonly ids: SlackIds,
    private readonly directory: WorkspaceDirectory,
  ) {}

  /** Opens a modal as the root of a new stack; a stack the user still had open is closed first. */
  open(user: string, spec: JsonObject): EmulatedView {
    this.clear(user);
    const view = this.create(user, spec, null);
    this.stacks.set(user, [view.id]);
    this.feed.emit({ type: 'view_opened', user, view });
    return view;
  }

  push(user: string, spec: JsonObject): EmulatedView | 'no_open_view' | 'push_limit_reached' {
    const stack = this.stacks.get(user) ?? [];
    const top = stack.at(-1);
    if (!top) return 'no_open_view';
    if (stack.length >= MAX_STACK_DEPTH) return 'push_limit_reached';
    const root = stack[0]!;
    const view = this.create(user, spec, root, top);
    stack.push(view.id);
    this.feed.emit({ type: 'view_opened', user, view });
    return view;
  }

  /** Replaces a view's content; its id, place in the stack and still-present input values stay. */
  update(viewId: string, spec: JsonObject): EmulatedView | undefined {
    const previous = this.views.get(viewId);
    if (!previous) return undefined;
    const fresh = this.build(
      previous.user_id,
      spec,
      previous.id,
      previous.root_view_id,
      previous.previous_view_id,
    );
    const view: EmulatedView = {
      ...fresh,
      is_open: previous.is_open,
      state: { values: keepPresentValues(previous.state.values, fresh.blocks) },
    };
    this.views.set(viewId, view);
    this.feed.emit({ type: 'view_updated', user: view.user_id, view });
    return view;
  }

  publishHome(user: string, spec: JsonObject): EmulatedView {
    const existing = this.homes.get(user);
    if (existing) return this.update(existing, spec)!;
    const view = this.create(user, spec, null);
    this.homes.set(user, view.id);
    this.feed.emit({ type: 'home_published', user, view });
    return view;
  }

  /** Closes a modal and every view pushed above it; returns the closed views, top first. */
  close(viewId: string): EmulatedView[] {
    const view = this.views.get(viewId);
    if (view?.type !== 'modal' || !view.is_open) return [];
    const stack = this.stacks.get(view.user_id) ?? [];
    const closing = stack.splice(stack.indexOf(viewId)).reverse();
    if (stack.length === 0) this.stacks.delete(view.user_id);
    return closing.map((id) => this.markClosed(id));
  }

  /** Closes the user's whole stack, top first. */
  clear(user: string): EmulatedView[] {
    const root = this.stacks.get(user)?.[0];
    return root ? this.close(root) : [];
  }

  get(viewId: string): EmulatedView | undefined {
    return this.views.get(viewId);
  }

  /** An open view (or a home) with this external_id. */
  byExternalId(externalId: string): EmulatedView | undefined {
    for (const view of this.views.values()) {
      if (view.external_id === externalId && view.is_open) return view;
    }
    return undefined;
  }

  /** The user's open modals, root first. */
  stack(user: string): EmulatedView[] {
    return (this.stacks.get(user) ?? []).map((id) => this.views.get(id)!);
  }

  home(user: string): EmulatedView | undefined {
    const id = this.homes.get(user);
    return id ? this.views.get(id) : undefined;
  }

  all(): EmulatedView[] {
    return [...this.views.values()];
  }

  setStateValue(viewId: string, blockId: string, actionId: string, value: ViewStateValue): EmulatedView {
    const view = this.views.get(viewId)!;
    const values = { ...view.state.values, [blockId]: { ...view.state.values[blockId], [actionId]: value } };
    return this.replace({ ...view, state: { values } });
  }

  /** Records what the user sees after a submission: field errors, or Slack's own error banner. */
  setErrors(viewId: string, errors: Record<string, string>, displayError?: string): EmulatedView {
    const { display_error: _dropped, ...view } = this.views.get(viewId)!;
    return this.replace({ ...view, errors, ...(displayError ? { display_error: displayError } : {}) });
  }

  private replace(view: EmulatedView): EmulatedView {
    this.views.set(view.id, view);
    this.feed.emit({ type: 'view_updated', user: view.user_id, view });
    return view;
  }

  private markClosed(id: string): EmulatedView {
    const view = { ...this.views.get(id)!, is_open: false };
    this.views.set(id, view);
    this.feed.emit({ type: 'view_closed', user: view.user_id, view });
    return view;
  }

  private create(user: string, spec: JsonObject, rootId: string | null, previousId: string | null = null) {
    const id = this.ids.id('V0');
    const view = this.build(user, spec, id, rootId ?? (spec.type === 'modal' ? id : null), previousId);
    this.views.set(id, view);
    return view;
  }

  private build(
    user: string,
    spec: JsonObject,
    id: string,
    rootId: string | null,
    previousId: string | null,
  ): EmulatedView {
    const type = spec.type === 'home' ? 'home' : 'modal';
    const str = (key: string) => (typeof spec[key] === 'string' ? (spec[key] as string) : '');
    const obj = (key: string) =>
      spec[key] && typeof spec[key] === 'object' ? (spec[key] as JsonObject) : null;
    return {
      id,
      team_id: this.directory.team.id,
      type,
      ...(obj('title') ? { title: obj('title')! } : {}),
      ...(type === 'modal' ? { submit: obj('submit'), close: obj('close') } : {}),
      blocks: (spec.blocks as JsonObject[] | undefined) ?? [],
      private_metadata: str('private_metadata'),
      callback_id: str('callback_id'),
      external_id: str('external_id'),
      state: { values: {} },
      hash: this.ids.hash(),
      clear_on_close: spec.clear_on_close === true,
      notify_on_close: spec.notify_on_close === true,
      submit_disabled: spec.submit_disabled === true,
      root_view_id: rootId,
      previous_view_id: previousId,
      app_id: this.directory.app.id,
      app_installed_team_id: this.directory.team.id,
      bot_id: this.directory.bot.botId,
      user_id: user,
      is_open: true,
      errors: {},
    };
  }
}

/** Slack keeps what the user typed into inputs that survive an update (same block_id and action_id). */
function keepPresentValues(
  values: EmulatedView['state']['values'],
  blocks: JsonObject[],
): EmulatedView['state']['values'] {
  const kept: EmulatedView['state']['values'] = {};
  for (const block of blocks) {
    const blockId = typeof block.block_id === 'string' ? block.block_id : undefined;
    const previous = blockId ? values[blockId] : undefined;
    if (!blockId || !previous) continue;
    const actionIds = elementsOf(block).map((element) => element.action_id);
    const entries = Object.entries(previous).filter(([actionId]) => actionIds.includes(actionId));
    if (entries.length > 0) kept[blockId] = Object.fromEntries(entries);
  }
  return kept;
}

/** The interactive elements of a block: an input's element, a section's accessory, an actions block's elements. */
export function elementsOf(block: JsonObject): JsonObject[] {
  const candidates = [
    block.element,
    block.accessory,
    ...(Array.isArray(block.elements) ? block.elements : []),
  ];
  return candidates.filter(
    (candidate): candidate is JsonObject =>
      !!candidate && typeof candidate === 'object' && typeof (candidate as JsonObject).action_id === 'string',
  );
}
