// What the driver's methods take and return: the app's answer (Delivery) plus what the interaction produced.
import type { EmulatedView, EphemeralMessage, JsonObject } from '../state/slack-types.js';
import type { SubmissionVerdict } from './apply-submission-answer.js';
import type { Delivery } from './deliver.js';
import type { ElementTarget } from './locate-element.js';
import type { InputValue } from './view-state-values.js';

export interface SlashCommandInput {
  userId: string;
  channelId: string;
  text?: string;
  /** Defaults to `/ssm`. */
  command?: string;
}

export type SlashCommandResult = Delivery & {
  payload: Record<string, string>;
  triggerId: string;
  responseUrl: string;
  /** The ephemeral message Slack showed for the app's immediate answer (or for its failure). */
  ephemeral?: EphemeralMessage;
};

export type InteractionResult = Delivery & { payload: JsonObject; triggerId: string; responseUrl?: string };

export type SelectOptionInput = ElementTarget & { value?: string; values?: string[] };

export type ViewSubmissionResult = Delivery & SubmissionVerdict & { payload?: JsonObject };

export type OptionsResult = Delivery & {
  payload: JsonObject;
  options: JsonObject[];
  optionGroups: JsonObject[];
  problems: string[];
};

export interface ViewInput {
  userId: string;
  viewId: string;
  blockId: string;
  /** Optional: an input block has one element. */
  actionId?: string;
  value: InputValue;
}

export interface ViewClosedResult {
  /** The views that closed, top first. */
  closed: EmulatedView[];
  /** The app's answer to view_closed, when the view asked for it with notify_on_close. */
  delivery?: Delivery;
}
