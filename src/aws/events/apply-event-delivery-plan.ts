// Applies a plan: each place's actions in order, member places side by side, a failure stopping only its place.

import { mapConcurrently } from '../../core/map-concurrently.js';
import { type DeliveryAction, type EventDeliveryPlan, type Place, samePlace } from './event-delivery.js';
import type { EventDeliveryClients } from './event-delivery-clients.js';
import { describeError } from './read-event-delivery-state.js';
import { runDeliveryStep } from './run-delivery-step.js';

const DEFAULT_CONCURRENCY = 8;

export interface ApplyEventDeliveryOptions {
  clients: EventDeliveryClients;
  /** The operations account's place: its actions run alone, in plan order relative to the members'. */
  central: Place;
  /** SSM_CHATOPS_EVENTS_SECRET, for CreateConnection. */
  secret: string;
  concurrency?: number;
}

export interface FailedAction {
  action: DeliveryAction;
  reason: string;
}

export interface ApplyReport {
  applied: DeliveryAction[];
  failed: FailedAction[];
  /** Actions not tried because an earlier action at the same place failed. */
  skipped: DeliveryAction[];
}

/**
 * Runs the plan's actions. Actions at one place run in order and stop at the first failure there (a rule's
 * target needs the rule); other places go on. The central place is a barrier: in setup it comes first (the bus
 * exists before members forward to it), in teardown last.
 */
export async function applyEventDeliveryPlan(
  plan: EventDeliveryPlan,
  options: ApplyEventDeliveryOptions,
): Promise<ApplyReport> {
  const report: ApplyReport = { applied: [], failed: [], skipped: [] };
  const runPlace = async (actions: DeliveryAction[]) => {
    const client = options.clients.clientFor(actions[0]!.place);
    for (const [index, action] of actions.entries()) {
      try {
        await runDeliveryStep(client, action.step, options.secret);
        report.applied.push(action);
      } catch (error) {
        report.failed.push({ action, reason: describeError(error) });
        report.skipped.push(...actions.slice(index + 1));
        return;
      }
    }
  };

  let members: DeliveryAction[][] = [];
  const flushMembers = async () => {
    await mapConcurrently(members, options.concurrency ?? DEFAULT_CONCURRENCY, runPlace);
    members = [];
  };
  for (const group of groupByPlace(plan.actions)) {
    if (samePlace(group[0]!.place, options.central)) {
      await flushMembers();
      await runPlace(group);
    } else {
      members.push(group);
    }
  }
  await flushMembers();
  return report;
}

/** Consecutive runs of one place's actions, in plan order (the planners keep a place's actions together). */
function groupByPlace(actions: DeliveryAction[]): DeliveryAction[][] {
  const groups: DeliveryAction[][] = [];
  for (const action of actions) {
    const last = groups.at(-1);
    if (last && samePlace(last[0]!.place, action.place)) last.push(action);
    else groups.push([action]);
  }
  return groups;
}
