// The model of EventBridge delivery to the bot: what should exist, what does, and the actions between the two.
import type { Target as Place } from '../../core/organization/organization.js';

export type { Place };

/** What `events setup` makes exist; every name and ARN is decided here, before anything is read. */
export interface DesiredEventDelivery {
  /** The operations account in the home region: the central bus, connection, API destination and rule. */
  central: Place;
  organizationId: string;
  bus: { name: string; arn: string };
  /** The statement on the central bus that lets every account of the organization put events on it. */
  permission: { statementId: string };
  /**
   * Connections and API destinations are never edited: their names carry a hash of what they hold (header name
   * and secret; connection and endpoint), so a change creates new ones beside the old, moves the rule's target,
   * then deletes the old ones. Resources of ours are recognised by the prefix.
   */
  connection: { name: string; headerName: string };
  apiDestination: { name: string; endpoint: string };
  /** Both names start with this; anything else with it is an earlier generation, deleted once unused. */
  resourcePrefix: string;
  /** The rule on the central bus and its one target, the API destination. */
  centralRule: { name: string; pattern: string; targetId: string; roleArn: string };
  /** One forwarding rule per member account and region, targeting the central bus. */
  members: MemberForwarding[];
}

export interface MemberForwarding {
  place: Place;
  ruleName: string;
  pattern: string;
  targetId: string;
  /** The role EventBridge uses in the member account to put events on the central bus. */
  roleArn: string;
}

/** A rule as DescribeRule and ListTargetsByRule show it. */
export interface RuleState {
  pattern?: string;
  state?: string;
  targets: TargetState[];
}

export interface TargetState {
  id: string;
  arn: string;
  roleArn?: string;
}

export interface ConnectionState {
  name: string;
  arn: string;
  state?: string;
}

export interface ApiDestinationState {
  name: string;
  arn: string;
  connectionArn?: string;
  endpoint?: string;
  httpMethod?: string;
}

/** What exists in the operations account; undefined = absent. */
export interface CentralDeliveryState {
  bus?: { arn: string; policy?: string };
  /** Connections and API destinations whose names start with the resource prefix. */
  connections: ConnectionState[];
  apiDestinations: ApiDestinationState[];
  rule?: RuleState;
  /** Names of the other rules on the central bus: a bus that still has some is not deleted by teardown. */
  otherRuleNames: string[];
}

/**
 * A member account and region: its forwarding rule, or why it could not be read (e.g. AssumeRole denied), or that
 * the account has not enabled the region (nothing can run there, so nothing needs forwarding).
 */
export type MemberDeliveryState =
  | { place: Place; rule?: RuleState }
  | { place: Place; unreadable: string }
  | { place: Place; regionNotEnabled: true };

export interface EventDeliveryState {
  central: CentralDeliveryState;
  members: MemberDeliveryState[];
}

/** One SDK-level change; the executor resolves `{ apiDestination }` and connection names to ARNs when it runs. */
export type DeliveryStep =
  | { kind: 'create-event-bus'; busName: string }
  | { kind: 'delete-event-bus'; busName: string }
  | { kind: 'put-permission'; busName: string; statementId: string; organizationId: string; replace: boolean }
  | { kind: 'remove-permission'; busName: string; statementId: string }
  | { kind: 'create-connection'; name: string; headerName: string }
  | { kind: 'delete-connection'; name: string }
  | { kind: 'create-api-destination'; name: string; endpoint: string; connectionName: string }
  | { kind: 'delete-api-destination'; name: string }
  | { kind: 'put-rule'; busName: string; ruleName: string; pattern: string; description: string }
  | { kind: 'delete-rule'; busName: string; ruleName: string }
  | {
      kind: 'put-target';
      busName: string;
      ruleName: string;
      targetId: string;
      arn: string | { apiDestination: string };
      roleArn: string;
    }
  | { kind: 'remove-targets'; busName: string; ruleName: string; targetIds: string[] };

export type DeliveryChange = 'create' | 'update' | 'delete';

export interface DeliveryAction {
  change: DeliveryChange;
  place: Place;
  /** What the action does, for people: "create rule … on bus … in 333333333301 us-east-1". */
  sentence: string;
  step: DeliveryStep;
}

export interface UnreachablePlace {
  place: Place;
  reason: string;
}

/** The actions in the order they must run, and the places that could not be read (nothing is planned there). */
export interface EventDeliveryPlan {
  actions: DeliveryAction[];
  unreachable: UnreachablePlace[];
  /** Places whose account has not enabled the region: nothing is planned there, and that is no failure. */
  notEnabled?: Place[];
}

export const placeLabel = (place: Place) => `${place.accountId} ${place.region}`;
export const samePlace = (a: Place, b: Place) => a.accountId === b.accountId && a.region === b.region;
