// Decides every name, ARN and pattern of the event delivery from the settings and the organization.
import { createHash, scryptSync } from 'node:crypto';
import {
  AUTOMATION_EVENT_SOURCE,
  EXECUTION_STATUS_CHANGE,
  STEP_STATUS_CHANGE,
} from '../../core/events/automation-status-event.js';
import type { Organization } from '../../core/organization/organization.js';
import type { DesiredEventDelivery, Place } from './event-delivery.js';

/** The pattern of both rules: every Automation execution and step status change. */
export const AUTOMATION_STATUS_PATTERN = JSON.stringify({
  source: [AUTOMATION_EVENT_SOURCE],
  'detail-type': [EXECUTION_STATUS_CHANGE, STEP_STATUS_CHANGE],
});

/** Names of what setup creates; teardown removes exactly these (and prefixed generations). */
export const EVENT_DELIVERY_NAMES = {
  resourcePrefix: 'ssm-chatops-events-',
  permissionStatementId: 'ssm-chatops-organization',
  centralRule: 'ssm-chatops-automation-status',
  centralTargetId: 'ssm-chatops-bot',
  memberRule: 'ssm-chatops-forward-automation-status',
  memberTargetId: 'ssm-chatops-central-bus',
} as const;

export interface EventDeliverySettings {
  homeRegion: string;
  operationsAccountId: string;
  organization: Organization;
  busName: string;
  headerName: string;
  /** SSM_CHATOPS_EVENTS_SECRET; only a slow, salted hash of it reaches a name. */
  secret: string;
  endpointUrl: string;
  /** Regions whose events are forwarded; the member accounts are the organization's. */
  regions: string[];
  forwardRoleName: string;
  invokeRoleName: string;
}

export function desiredEventDelivery(settings: EventDeliverySettings): DesiredEventDelivery {
  const { homeRegion, operationsAccountId, organization, busName } = settings;
  const busArn = `arn:aws:events:${homeRegion}:${operationsAccountId}:event-bus/${busName}`;
  const names = EVENT_DELIVERY_NAMES;
  const connectionName = `${names.resourcePrefix}${shortHash(
    settings.headerName,
    secretFingerprint(settings.secret, operationsAccountId),
  )}`;
  const apiDestinationName = `${names.resourcePrefix}${shortHash(connectionName, settings.endpointUrl)}`;
  return {
    central: { accountId: operationsAccountId, region: homeRegion },
    organizationId: organization.id,
    bus: { name: busName, arn: busArn },
    permission: { statementId: names.permissionStatementId },
    connection: { name: connectionName, headerName: settings.headerName },
    apiDestination: { name: apiDestinationName, endpoint: settings.endpointUrl },
    resourcePrefix: names.resourcePrefix,
    centralRule: {
      name: names.centralRule,
      pattern: AUTOMATION_STATUS_PATTERN,
      targetId: names.centralTargetId,
      roleArn: `arn:aws:iam::${operationsAccountId}:role/${settings.invokeRoleName}`,
    },
    members: memberPlaces(settings).map((place) => ({
      place,
      ruleName: names.memberRule,
      pattern: AUTOMATION_STATUS_PATTERN,
      targetId: names.memberTargetId,
      roleArn: `arn:aws:iam::${place.accountId}:role/${settings.forwardRoleName}`,
    })),
  };
}

/**
 * Every ACTIVE account but the operations account (where the central bus is) and the management account
 * (no workloads there, as `--accounts all` also leaves it out), in every region.
 */
function memberPlaces(settings: EventDeliverySettings): Place[] {
  const { organization, operationsAccountId } = settings;
  const accounts = organization.accounts
    .filter((account) => account.status === 'ACTIVE')
    .filter(
      (account) => account.id !== operationsAccountId && account.id !== organization.managementAccountId,
    )
    .map((account) => account.id)
    .sort();
  return accounts.flatMap((accountId) => settings.regions.map((region) => ({ accountId, region })));
}

/**
 * A slow, salted hash of the secret: it tells one secret from another in a connection's name without making
 * the name a cheap oracle for guessing the secret.
 */
function secretFingerprint(secret: string, salt: string): string {
  return scryptSync(secret, `ssm-chatops-events:${salt}`, 16, { N: 2 ** 14, r: 8, p: 1 }).toString('hex');
}

const shortHash = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 10);
