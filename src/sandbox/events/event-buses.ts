// STUB (to be completed): EventBridge buses, rules, targets and delivery, per account and region.
import type { SandboxWorld } from '../world.js';

export interface AwsEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export class EventBuses {
  constructor(readonly world: SandboxWorld) {}

  /** Puts an event on the default bus of `accountId` in `region`, as an AWS service would. */
  publish(_event: AwsEvent): void {}

  /** Resolves when every delivery under way has finished (tests and the control API use it). */
  async idle(): Promise<void> {}

  dispose(): void {}
}
