// `events setup` and `events teardown` as one flow: who am I, which organization, what exists, plan, apply.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AssumedRoleCredentials } from '../assumed-role-credentials.js';
import { type AwsClientSettings, AwsClients } from '../aws-clients.js';
import { OrganizationsAccountDirectory } from '../organizations-account-directory.js';
import { type ApplyReport, applyEventDeliveryPlan } from './apply-event-delivery-plan.js';
import { desiredEventDelivery, type EventDeliverySettings } from './desired-event-delivery.js';
import type { DesiredEventDelivery, EventDeliveryPlan } from './event-delivery.js';
import { EventDeliveryClients } from './event-delivery-clients.js';
import { planEventDelivery } from './plan-event-delivery.js';
import { planEventTeardown } from './plan-event-teardown.js';
import { readEventDeliveryState } from './read-event-delivery-state.js';

export interface ManageEventDeliveryRequest {
  action: 'setup' | 'teardown';
  dryRun: boolean;
  aws: AwsClientSettings;
  /** Everything but what is read from AWS: the operations account id and the organization. */
  settings: Omit<EventDeliverySettings, 'operationsAccountId' | 'organization'>;
  setupRoleName: string;
  externalId?: string;
}

export interface ManageEventDeliveryOutcome {
  desired: DesiredEventDelivery;
  plan: EventDeliveryPlan;
  /** Absent on a dry run. */
  report?: ApplyReport;
}

/** Reads, plans and (unless a dry run) applies; per-place failures are in the outcome, not thrown. */
export async function manageEventDelivery(
  request: ManageEventDeliveryRequest,
): Promise<ManageEventDeliveryOutcome> {
  const aws = new AwsClients(request.aws);
  const roles = new AssumedRoleCredentials(aws, { sessionName: 'ssm-chatops-events-setup' });
  try {
    const { Account: operationsAccountId } = await aws.sts().send(new GetCallerIdentityCommand({}));
    if (!operationsAccountId) throw new Error('STS GetCallerIdentity returned no account');
    const organization = await new OrganizationsAccountDirectory(aws).organization();
    const desired = desiredEventDelivery({ ...request.settings, operationsAccountId, organization });
    const clients = new EventDeliveryClients({
      aws,
      roles,
      operationsAccountId,
      setupRoleName: request.setupRoleName,
      externalId: request.externalId,
    });
    try {
      const current = await readEventDeliveryState(desired, clients);
      const plan =
        request.action === 'setup'
          ? planEventDelivery(current, desired)
          : planEventTeardown(current, desired);
      if (request.dryRun || plan.actions.length === 0) return { desired, plan };
      const report = await applyEventDeliveryPlan(plan, {
        clients,
        central: desired.central,
        secret: request.settings.secret,
      });
      return { desired, plan, report };
    } finally {
      clients.destroy();
    }
  } finally {
    aws.destroy();
  }
}
