// The driver: acts as users in Slack would — slash commands, clicks, selections, modal input, submissions, App Home —
// and sends the app exactly the requests Slack sends.
import type { ResponseUrls } from '../response-urls.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { EmulatedView, JsonObject, SlackMessage } from '../state/slack-types.js';
import { AppEndpoint, type AppEndpointOptions } from './app-endpoint.js';
import { applySubmissionAnswer } from './apply-submission-answer.js';
import { checkOptionsAnswer } from './check-options-answer.js';
import { type Delivery, notSent } from './deliver.js';
import type {
  InteractionResult,
  OptionsResult,
  SelectOptionInput,
  SlashCommandInput,
  SlashCommandResult,
  ViewClosedResult,
  ViewInput,
  ViewSubmissionResult,
} from './driver-results.js';
import { type ElementTarget, type LocatedElement, locateElement } from './locate-element.js';
import {
  appHomeOpenedEvent,
  blockActionsPayload,
  blockSuggestionPayload,
  slashCommandFields,
  viewClosedPayload,
  viewSubmissionPayload,
} from './payloads.js';
import { recordCommandAnswer } from './record-command-answer.js';
import { SlackDriverError } from './slack-driver-error.js';
import {
  emptyRequiredInputs,
  type InputValue,
  optionsOf,
  stateValueFor,
  submissionValues,
} from './view-state-values.js';

export class SlackDriver {
  private readonly app: AppEndpoint;
  /** Options the app last offered per external select (view or message + action_id), for later selection. */
  private readonly externalOptions = new Map<string, JsonObject[]>();

  constructor(
    private readonly state: EmulatorState,
    private readonly responseUrls: ResponseUrls,
    endpoint: Omit<AppEndpointOptions, 'state'>,
  ) {
    this.app = new AppEndpoint({ ...endpoint, state });
  }

  async slashCommand(input: SlashCommandInput): Promise<SlashCommandResult> {
    const { userId, channelId } = input;
    this.requireUser(userId);
    const channel = this.state.directory.resolveChannel(channelId);
    if (!channel) throw new SlackDriverError(`no channel ${channelId}`);
    if (channel.isPrivate && !channel.members.has(userId)) {
      throw new SlackDriverError(`${userId} cannot see private channel ${channelId}`);
    }
    const triggerId = this.state.triggers.issue(userId);
    const responseUrl = this.responseUrls.issue({ kind: 'command', channel: channel.id, user: userId });
    const command = input.command ?? '/ssm';
    const payload = slashCommandFields(this.actor(userId), {
      channelId: channel.id,
      command,
      text: input.text ?? '',
      responseUrl,
      triggerId,
    });
    const delivery = await this.app.sendCommand(userId, payload);
    const ephemeral = recordCommandAnswer(this.state, { command, channelId: channel.id, userId }, delivery);
    return { ...delivery, payload, triggerId, responseUrl, ...(ephemeral ? { ephemeral } : {}) };
  }

  /** A user writes in a channel (or a thread): stored as Slack stores it; the app is not told (no Events API). */
  postUserMessage(input: {
    userId: string;
    channelId: string;
    text: string;
    threadTs?: string;
  }): SlackMessage {
    this.requireUser(input.userId);
    const channel = this.state.directory.resolveChannel(input.channelId);
    if (!channel?.members.has(input.userId)) {
      throw new SlackDriverError(`${input.userId} is not a member of ${input.channelId}`);
    }
    const { team } = this.state.directory;
    return this.state.messages.post(
      channel.id,
      { user: input.userId, team: team.id, text: input.text },
      input.threadTs,
    );
  }

  /** Clicks a button found by action_id in a view, or in a channel's messages (newest first) and ephemerals. */
  async clickButton(target: ElementTarget): Promise<InteractionResult> {
    const located = locateElement(this.state, target);
    if (located.element.type !== 'button') {
      throw new SlackDriverError(`${target.actionId} is a ${String(located.element.type)}, not a button`);
    }
    const { element, block } = located;
    const action = pick(element, ['type', 'action_id', 'text', 'value', 'style', 'url', 'confirm']);
    return this.sendAction(target.userId, located, {
      ...action,
      block_id: block.block_id,
      action_ts: this.state.ids.ts(),
    });
  }

  /** Picks option(s) of a select, radio or checkbox group by value; in a view the choice also lands in its state. */
  async selectOption(input: SelectOptionInput): Promise<InteractionResult> {
    const located = locateElement(this.state, input);
    const { element, block } = located;
    const chosen: InputValue = input.values ?? input.value ?? null;
    const entry = stateValueFor(
      element,
      chosen,
      this.externalOptions.get(this.optionsKey(located, input.actionId)),
    );
    if (located.container.kind === 'view') {
      located.container.view = this.state.views.setStateValue(
        located.container.view.id,
        String(block.block_id),
        input.actionId,
        entry,
      );
    }
    const action = {
      ...entry,
      ...pick(element, ['action_id', 'placeholder', 'confirm']),
      block_id: block.block_id,
    };
    return this.sendAction(input.userId, located, { ...action, action_ts: this.state.ids.ts() });
  }

  /** Types into (or picks in) an input of an open view; Slack sends nothing for this, so neither does the driver. */
  setViewInput(input: ViewInput): EmulatedView {
    const view = this.openViewOf(input.userId, input.viewId);
    const block = view.blocks.find((candidate) => candidate.block_id === input.blockId);
    const element = (block?.element ?? block?.accessory) as JsonObject | undefined;
    if (!block || !element || (input.actionId !== undefined && element.action_id !== input.actionId)) {
      throw new SlackDriverError(`no input ${input.blockId}/${input.actionId ?? '*'} in view ${view.id}`);
    }
    const actionId = String(element.action_id);
    const entry = stateValueFor(element, input.value, this.externalOptions.get(`${view.id}|${actionId}`));
    return this.state.views.setStateValue(view.id, input.blockId, actionId, entry);
  }

  /** Submits the top view of the user's stack; `values` (block_id → value) are entered first. */
  async submitView(input: {
    userId: string;
    viewId: string;
    values?: Record<string, InputValue>;
  }): Promise<ViewSubmissionResult> {
    let view = this.openViewOf(input.userId, input.viewId);
    if (this.state.views.stack(input.userId).at(-1)?.id !== view.id) {
      throw new SlackDriverError(`view ${view.id} is not the top of ${input.userId}'s stack`);
    }
    for (const [blockId, value] of Object.entries(input.values ?? {})) {
      view = this.setViewInput({ userId: input.userId, viewId: view.id, blockId, value });
    }
    const values = submissionValues(view);
    const empty = emptyRequiredInputs(view, values);
    if (empty.length > 0) {
      const errors = Object.fromEntries(
        empty.map((blockId) => [blockId, 'Please complete this required field.']),
      );
      const shown = this.state.views.setErrors(view.id, errors);
      return {
        ...notSent('required inputs are empty'),
        outcome: 'incomplete',
        errors,
        problems: [],
        view: shown,
      };
    }
    const submitted = { ...view, state: { values } };
    const payload = viewSubmissionPayload(
      this.actor(input.userId),
      submitted,
      this.state.triggers.issue(input.userId),
    );
    const delivery = await this.app.sendPayload('view_submission', input.userId, payload);
    return { ...delivery, ...applySubmissionAnswer(this.state, view, delivery), payload };
  }

  /** The user closes (or goes back from) a view; the app hears of it only when the view asked with notify_on_close. */
  async closeView(input: { userId: string; viewId: string }): Promise<ViewClosedResult> {
    const view = this.openViewOf(input.userId, input.viewId);
    const closed = view.clear_on_close
      ? this.state.views.clear(input.userId)
      : this.state.views.close(view.id);
    if (!view.notify_on_close) return { closed };
    const payload = viewClosedPayload(this.actor(input.userId), view, view.clear_on_close);
    return { closed, delivery: await this.app.sendPayload('view_closed', input.userId, payload) };
  }

  /** Types `value` into an external select: Slack asks the app for options (block_suggestion). */
  async requestOptions(input: ElementTarget & { value: string }): Promise<OptionsResult> {
    const located = locateElement(this.state, input);
    const minLength = Number(located.element.min_query_length ?? 3);
    if (!String(located.element.type).includes('external')) {
      throw new SlackDriverError(
        `${input.actionId} is a ${String(located.element.type)}, not an external select`,
      );
    }
    if (input.value.length < minLength) {
      throw new SlackDriverError(
        `Slack asks for options only from ${minLength} characters (min_query_length)`,
      );
    }
    const payload = blockSuggestionPayload(this.actor(input.userId), {
      container: located.container,
      blockId: String(located.block.block_id),
      actionId: input.actionId,
      value: input.value,
    });
    const delivery = await this.app.sendPayload('block_suggestion', input.userId, payload);
    const answer = checkOptionsAnswer(delivery);
    const offered = [
      ...answer.options,
      ...optionsOf({ type: 'static_select', option_groups: answer.optionGroups }),
    ];
    this.externalOptions.set(this.optionsKey(located, input.actionId), offered);
    return { ...delivery, payload, ...answer };
  }

  /** The user opens the app's Home tab: an app_home_opened event, with the current home view if any. */
  async appHomeOpened(input: { userId: string }): Promise<Delivery> {
    this.requireUser(input.userId);
    if (!this.state.appHome.homeTabEnabled) {
      throw new SlackDriverError('the app has no Home tab (manifest: features.app_home.home_tab_enabled)');
    }
    if (!this.state.appHome.botEvents.includes('app_home_opened')) {
      throw new SlackDriverError(
        'the app does not subscribe to app_home_opened (manifest: settings.event_subscriptions.bot_events)',
      );
    }
    const envelope = appHomeOpenedEvent(this.actor(input.userId), {
      channelId: this.state.directory.imWith(input.userId).id,
      eventId: this.state.ids.id('Ev0'),
      eventTs: this.state.ids.ts(),
      view: this.state.views.home(input.userId),
    });
    return this.app.sendEvent('app_home_opened', input.userId, envelope);
  }

  private async sendAction(
    userId: string,
    located: LocatedElement,
    action: JsonObject,
  ): Promise<InteractionResult> {
    const { container } = located;
    const triggerId = this.state.triggers.issue(userId);
    const responseUrl =
      container.kind === 'view'
        ? undefined
        : this.responseUrls.issue({
            kind: 'message',
            channel: container.channelId,
            user: userId,
            messageTs: container.message.ts,
            isEphemeral: container.kind === 'ephemeral',
          });
    const state = container.kind === 'view' ? container.view.state.values : {};
    const payload = blockActionsPayload(this.actor(userId), {
      container,
      action,
      triggerId,
      responseUrl,
      state,
    });
    const delivery = await this.app.sendPayload('block_actions', userId, payload);
    return { ...delivery, payload, triggerId, ...(responseUrl ? { responseUrl } : {}) };
  }

  private optionsKey(located: LocatedElement, actionId: string): string {
    const { container } = located;
    return container.kind === 'view'
      ? `${container.view.id}|${actionId}`
      : `${container.message.ts}|${actionId}`;
  }

  private openViewOf(userId: string, viewId: string): EmulatedView {
    const view = this.state.views.get(viewId);
    if (!view || view.user_id !== userId || !view.is_open) {
      throw new SlackDriverError(`view ${viewId} is not open for ${userId}`);
    }
    return view;
  }

  private requireUser(userId: string): void {
    if (!this.state.directory.user(userId)) throw new SlackDriverError(`no user ${userId} in the workspace`);
  }

  private actor(userId: string) {
    return { directory: this.state.directory, userId };
  }
}

function pick(source: JsonObject, keys: string[]): JsonObject {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}
