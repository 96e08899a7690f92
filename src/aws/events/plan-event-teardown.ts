// What `events teardown` must remove of what setup created: a pure function of what exists.
import {
  type DeliveryAction,
  type DesiredEventDelivery,
  type EventDeliveryPlan,
  type EventDeliveryState,
  type Place,
  placeLabel,
  type RuleState,
  samePlace,
  type UnreachablePlace,
} from './event-delivery.js';
import { hasStatement } from './organization-permission.js';

const DEFAULT_BUS = 'default';

/**
 * Deletions in a safe order: member accounts stop forwarding first; then, on the central bus, the rule's
 * targets, the rule, the API destinations, the connections and the permission, and the bus itself when
 * setup created it and no other rule lives on it.
 */
export function planEventTeardown(
  current: EventDeliveryState,
  desired: DesiredEventDelivery,
): EventDeliveryPlan {
  const actions: DeliveryAction[] = [];
  const unreachable: UnreachablePlace[] = [];
  const notEnabled: Place[] = [];
  for (const member of desired.members) {
    const state = current.members.find((candidate) => samePlace(candidate.place, member.place));
    if (state && 'unreadable' in state) unreachable.push({ place: member.place, reason: state.unreadable });
    else if (state && 'regionNotEnabled' in state) notEnabled.push(member.place);
    else if (state?.rule) actions.push(...removeRule(member.place, DEFAULT_BUS, member.ruleName, state.rule));
  }

  const central = current.central;
  const at = desired.central;
  const busName = desired.bus.name;
  const add = (sentence: string, step: DeliveryAction['step']) =>
    actions.push({ change: 'delete', place: at, sentence, step });
  if (central.rule) actions.push(...removeRule(at, busName, desired.centralRule.name, central.rule));
  for (const destination of central.apiDestinations) {
    add(`delete API destination ${destination.name}`, {
      kind: 'delete-api-destination',
      name: destination.name,
    });
  }
  for (const connection of central.connections) {
    add(`delete connection ${connection.name}`, { kind: 'delete-connection', name: connection.name });
  }
  const { statementId } = desired.permission;
  if (hasStatement(central.bus?.policy, statementId)) {
    add(`remove statement ${statementId} from the policy of bus ${busName}`, {
      kind: 'remove-permission',
      busName,
      statementId,
    });
  }
  if (busName !== DEFAULT_BUS && central.bus && central.otherRuleNames.length === 0) {
    add(`delete event bus ${busName} in ${placeLabel(at)}`, { kind: 'delete-event-bus', busName });
  }
  return { actions, unreachable, ...(notEnabled.length > 0 && { notEnabled }) };
}

/** A rule with targets cannot be deleted: its targets go first. */
function removeRule(place: Place, busName: string, ruleName: string, rule: RuleState): DeliveryAction[] {
  const where = `${busName === DEFAULT_BUS ? '' : `on bus ${busName} `}in ${placeLabel(place)}`;
  const actions: DeliveryAction[] = [];
  if (rule.targets.length > 0) {
    actions.push({
      change: 'delete',
      place,
      sentence: `remove the targets of rule ${ruleName} ${where}`,
      step: { kind: 'remove-targets', busName, ruleName, targetIds: rule.targets.map((target) => target.id) },
    });
  }
  actions.push({
    change: 'delete',
    place,
    sentence: `delete rule ${ruleName} ${where}`,
    step: { kind: 'delete-rule', busName, ruleName },
  });
  return actions;
}
