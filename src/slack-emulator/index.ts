// The local Slack emulator: Slack's Web API, a workspace, and a driver that acts as its users — a product of its own.

export type { SubmissionOutcome } from './driver/apply-submission-answer.js';
export type { Delivery } from './driver/deliver.js';
export type {
  InteractionResult,
  OptionsResult,
  SelectOptionInput,
  SlashCommandInput,
  SlashCommandResult,
  ViewClosedResult,
  ViewInput,
  ViewSubmissionResult,
} from './driver/driver-results.js';
export type { ElementTarget } from './driver/locate-element.js';
export { signRequest } from './driver/sign-request.js';
export type { SlackDriver } from './driver/slack-driver.js';
export { SlackDriverError } from './driver/slack-driver-error.js';
export type { InputValue } from './driver/view-state-values.js';
export { ManualClock } from './manual-clock.js';
export type { PlaygroundTour, TourAction, TourAnswer, TourStep } from './playground/playground-tour.js';
export type { ForcedRateLimit, RateLimitMode } from './rate-limiter.js';
export type { DisconnectReason } from './socket-mode/socket-mode-messages.js';
export { type SlackEmulator, type SlackEmulatorOptions, startSlackEmulator } from './start-slack-emulator.js';
export type { CallCount } from './state/call-counter.js';
export type { SlackEmulatorEvent, SlackEmulatorEventType } from './state/change-feed.js';
export type { SharedFile } from './state/file-store.js';
export type {
  EmulatedView,
  EphemeralMessage,
  SlackFile,
  SlackMessage,
  SlackView,
  ViewStateValue,
} from './state/slack-types.js';
export type { WaitForOptions } from './wait-for.js';
export {
  DEFAULT_WORKSPACE_PATH,
  loadWorkspaceFixture,
  parseWorkspaceFixture,
  type WorkspaceFixture,
  WorkspaceFixtureError,
} from './workspace-fixture.js';
