// What `events setup` must change so what exists matches what should: a pure comparison, one action per change.
import {
  type CentralDeliveryState,
  type DeliveryAction,
  type DeliveryChange,
  type DeliveryStep,
  type DesiredEventDelivery,
  type EventDeliveryPlan,
  type EventDeliveryState,
  type MemberForwarding,
  type Place,
  placeLabel,
  type RuleState,
  samePlace,
  type UnreachablePlace,
} from './event-delivery.js';
import { organizationPermission } from './organization-permission.js';
import { sameEventPattern } from './same-event-pattern.js';

const DEFAULT_BUS = 'default';
const RULE_DESCRIPTION = 'ssm-chatops: SSM Automation execution and step status changes';

/**
 * The actions that make `current` into `desired`, in the order they must run: the central bus, its permission,
 * connection, API destination, rule and target first (new generations before old ones are deleted, so delivery
 * never points at nothing), then each member account's forwarding rule and target. Nothing that already matches
 * is touched; places that could not be read are listed as unreachable, with no actions.
 */
export function planEventDelivery(
  current: EventDeliveryState,
  desired: DesiredEventDelivery,
): EventDeliveryPlan {
  const actions = planCentral(current.central, desired);
  const unreachable: UnreachablePlace[] = [];
  const notEnabled: Place[] = [];
  for (const member of desired.members) {
    const state = current.members.find((candidate) => samePlace(candidate.place, member.place));
    if (state && 'unreadable' in state) {
      unreachable.push({ place: member.place, reason: state.unreadable });
      continue;
    }
    if (state && 'regionNotEnabled' in state) {
      notEnabled.push(member.place);
      continue;
    }
    actions.push(...planForwarding(member, state?.rule, desired.bus.arn));
  }
  return { actions, unreachable, ...(notEnabled.length > 0 && { notEnabled }) };
}

function planCentral(current: CentralDeliveryState, desired: DesiredEventDelivery): DeliveryAction[] {
  const actions: DeliveryAction[] = [];
  const add = actionsAt(desired.central, actions);
  const where = placeLabel(desired.central);
  const busName = desired.bus.name;

  if (busName !== DEFAULT_BUS && !current.bus) {
    add('create', `create event bus ${busName} in ${where}`, { kind: 'create-event-bus', busName });
  }

  const { statementId } = desired.permission;
  const permission = organizationPermission(current.bus?.policy, {
    statementId,
    organizationId: desired.organizationId,
    busArn: desired.bus.arn,
  });
  if (permission !== 'present') {
    add(
      permission === 'absent' ? 'create' : 'update',
      `allow the accounts of organization ${desired.organizationId} to put events on bus ${busName} ` +
        `(statement ${statementId})`,
      {
        kind: 'put-permission',
        busName,
        statementId,
        organizationId: desired.organizationId,
        replace: permission === 'different',
      },
    );
  }

  const wanted = desired.connection;
  const connection = current.connections.find((candidate) => candidate.name === wanted.name);
  if (!connection) {
    add('create', `create connection ${wanted.name} (API key in header ${wanted.headerName})`, {
      kind: 'create-connection',
      name: wanted.name,
      headerName: wanted.headerName,
    });
  }

  const api = desired.apiDestination;
  const destination = current.apiDestinations.find((candidate) => candidate.name === api.name);
  const destinationMatches =
    destination !== undefined &&
    connection !== undefined &&
    destination.connectionArn === connection.arn &&
    destination.endpoint === api.endpoint &&
    destination.httpMethod === 'POST';
  if (destination && !destinationMatches) {
    // Same name, other content: only when changed by hand; API destinations are replaced, never edited.
    add(
      'delete',
      `delete API destination ${api.name}: its connection or endpoint was changed outside setup`,
      {
        kind: 'delete-api-destination',
        name: api.name,
      },
    );
  }
  if (!destinationMatches) {
    add(destination ? 'update' : 'create', `create API destination ${api.name}: POST ${api.endpoint}`, {
      kind: 'create-api-destination',
      name: api.name,
      endpoint: api.endpoint,
      connectionName: wanted.name,
    });
  }

  const rule = desired.centralRule;
  actions.push(
    ...planRule(
      desired.central,
      busName,
      rule.name,
      rule.pattern,
      current.rule,
      `on bus ${busName} in ${where}`,
    ),
  );
  const target = current.rule?.targets.find((candidate) => candidate.id === rule.targetId);
  const targetMatches =
    target !== undefined &&
    destinationMatches &&
    target.arn === destination?.arn &&
    target.roleArn === rule.roleArn;
  if (!targetMatches) {
    add(
      target ? 'update' : 'create',
      `send the events of rule ${rule.name} to API destination ${api.name} (as ${rule.roleArn})`,
      {
        kind: 'put-target',
        busName,
        ruleName: rule.name,
        targetId: rule.targetId,
        arn: { apiDestination: api.name },
        roleArn: rule.roleArn,
      },
    );
  }

  // Earlier generations go last, once the rule's target points at the new API destination.
  for (const old of current.apiDestinations.filter((candidate) => candidate.name !== api.name)) {
    add('delete', `delete API destination ${old.name}: replaced by ${api.name}`, {
      kind: 'delete-api-destination',
      name: old.name,
    });
  }
  for (const old of current.connections.filter((candidate) => candidate.name !== wanted.name)) {
    add('delete', `delete connection ${old.name}: replaced by ${wanted.name}`, {
      kind: 'delete-connection',
      name: old.name,
    });
  }
  return actions;
}

function planForwarding(
  member: MemberForwarding,
  rule: RuleState | undefined,
  busArn: string,
): DeliveryAction[] {
  const actions = planRule(
    member.place,
    DEFAULT_BUS,
    member.ruleName,
    member.pattern,
    rule,
    `in ${placeLabel(member.place)}`,
  );
  const target = rule?.targets.find((candidate) => candidate.id === member.targetId);
  if (!target || target.arn !== busArn || target.roleArn !== member.roleArn) {
    actionsAt(member.place, actions)(
      target ? 'update' : 'create',
      `forward the events of rule ${member.ruleName} in ${placeLabel(member.place)} to ${busArn} (as ${member.roleArn})`,
      {
        kind: 'put-target',
        busName: DEFAULT_BUS,
        ruleName: member.ruleName,
        targetId: member.targetId,
        arn: busArn,
        roleArn: member.roleArn,
      },
    );
  }
  return actions;
}

/** PutRule when the rule is absent, disabled or has another pattern. */
function planRule(
  place: Place,
  busName: string,
  ruleName: string,
  pattern: string,
  current: RuleState | undefined,
  where: string,
): DeliveryAction[] {
  const actions: DeliveryAction[] = [];
  const matches = current && current.state === 'ENABLED' && sameEventPattern(current.pattern, pattern);
  if (!matches) {
    const why = current
      ? ` (its ${current.state === 'ENABLED' ? 'pattern differs' : 'state is not ENABLED'})`
      : '';
    actionsAt(place, actions)(
      current ? 'update' : 'create',
      `${current ? 'update' : 'create'} rule ${ruleName} ${where} for Automation status changes${why}`,
      { kind: 'put-rule', busName, ruleName, pattern, description: RULE_DESCRIPTION },
    );
  }
  return actions;
}

const actionsAt =
  (place: Place, actions: DeliveryAction[]) =>
  (change: DeliveryChange, sentence: string, step: DeliveryStep) =>
    actions.push({ change, place, sentence, step });
