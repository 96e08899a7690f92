// views.*: open, push, update and publish, with trigger ids, hashes, external ids and Block Kit checks.
import { fillGeneratedIds } from '../block-kit/fill-generated-ids.js';
import { validateView } from '../block-kit/validate-view.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { EmulatedView, JsonObject, SlackView } from '../state/slack-types.js';
import type { ApiArgs } from './api-args.js';
import { SlackApiError } from './slack-api-error.js';
import type { WebApiMethod } from './web-api-method.js';

/** The view as Slack shows it to the app: without the emulator's own bookkeeping. */
export function toSlackView(view: EmulatedView): SlackView {
  const { user_id: _user, is_open: _open, errors: _errors, display_error: _display, ...slack } = view;
  return slack;
}

/** Reads and checks the `view` argument; Slack answers invalid_arguments with the reasons. */
export function readView(args: ApiArgs, state: EmulatorState, type: 'modal' | 'home'): JsonObject {
  const raw = args.json('view', 'invalid_arguments');
  if (raw === undefined)
    throw new SlackApiError('invalid_arguments', ['[ERROR] missing required field: view']);
  const verdict = validateView(raw);
  if (!verdict.ok) throw new SlackApiError('invalid_arguments', verdict.messages);
  if (verdict.view.type !== type) {
    throw new SlackApiError('invalid_arguments', [`[ERROR] must be ${type} [json-pointer:/view/type]`]);
  }
  const blocks = fillGeneratedIds(verdict.view.blocks as JsonObject[], () => state.generatedId());
  return { ...verdict.view, blocks };
}

function checkExternalId(state: EmulatorState, view: JsonObject, ownId?: string): void {
  const externalId = typeof view.external_id === 'string' ? view.external_id : '';
  const holder = externalId ? state.views.byExternalId(externalId) : undefined;
  if (holder && holder.id !== ownId) throw new SlackApiError('duplicate_external_id');
}

function exchangeTrigger(state: EmulatorState, args: ApiArgs): string {
  const triggerId = args.string('trigger_id') ?? args.string('interactivity_pointer');
  if (!triggerId)
    throw new SlackApiError('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
  const exchange = state.triggers.exchange(triggerId);
  if (!exchange.ok) throw new SlackApiError(exchange.error);
  return exchange.userId;
}

const open: WebApiMethod = ({ state, args }) => {
  const spec = readView(args, state, 'modal');
  checkExternalId(state, spec);
  const userId = exchangeTrigger(state, args);
  return { view: toSlackView(state.views.open(userId, spec)) };
};

const push: WebApiMethod = ({ state, args }) => {
  const spec = readView(args, state, 'modal');
  checkExternalId(state, spec);
  const userId = exchangeTrigger(state, args);
  const pushed = state.views.push(userId, spec);
  if (pushed === 'no_open_view') throw new SlackApiError('not_found');
  if (pushed === 'push_limit_reached') throw new SlackApiError('push_limit_reached');
  return { view: toSlackView(pushed) };
};

const update: WebApiMethod = ({ state, args }) => {
  const viewId = args.string('view_id');
  const externalId = args.string('external_id');
  if (!viewId && !externalId)
    throw new SlackApiError('invalid_arguments', ['[ERROR] view_id or external_id is required']);
  const existing = viewId ? state.views.get(viewId) : state.views.byExternalId(externalId!);
  if (!existing?.is_open) throw new SlackApiError('not_found');
  const spec = readView(args, state, existing.type);
  checkExternalId(state, spec, existing.id);
  const hash = args.string('hash');
  if (hash !== undefined && hash !== existing.hash) throw new SlackApiError('hash_conflict');
  return { view: toSlackView(state.views.update(existing.id, spec)!) };
};

/** Slack: "view_too_large: the provided view is greater than 250kb". */
const MAX_VIEW_BYTES = 250 * 1024;

const publish: WebApiMethod = ({ state, args }) => {
  const userId = args.required('user_id', 'invalid_arguments');
  if (!state.directory.user(userId)) throw new SlackApiError('user_not_found');
  const spec = readView(args, state, 'home');
  // Slack: "not_enabled: a home view is published but the Home tab isn't enabled for the app".
  if (!state.appHome.homeTabEnabled) throw new SlackApiError('not_enabled');
  if (Buffer.byteLength(args.string('view') ?? JSON.stringify(spec)) > MAX_VIEW_BYTES) {
    throw new SlackApiError('view_too_large');
  }
  const current = state.views.home(userId);
  checkExternalId(state, spec, current?.id);
  const hash = args.string('hash');
  if (hash !== undefined && current && hash !== current.hash) throw new SlackApiError('hash_conflict');
  return { view: toSlackView(state.views.publishHome(userId, spec)) };
};

export const VIEW_METHODS: Record<string, WebApiMethod> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
