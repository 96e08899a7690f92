// Wires the readiness check to a test sandbox with the real AWS adapters, and reads its report by place.
import { resolve } from 'node:path';
import { AssumedRoleCredentials } from '../../src/aws/assumed-role-credentials.js';
import { AwsClients } from '../../src/aws/aws-clients.js';
import { AwsOrganizationInspector } from '../../src/aws/aws-organization-inspector.js';
import { OrganizationsAccountDirectory } from '../../src/aws/organizations-account-directory.js';
import type { DoctorReport } from '../../src/core/doctor/diagnose-organization.js';
import type { DoctorSettings } from '../../src/core/doctor/readiness-problem.js';
import type { CheckOrganizationDependencies } from '../../src/use-cases/check-organization.js';
import { HOME_CREDENTIALS } from './sandbox.js';

export const BROKEN_FIXTURE = resolve(import.meta.dirname, '../../fixtures/sandbox/broken-organization.yml');
export const HOME_REGION = 'ap-northeast-1';
export const EXTERNAL_ID = 'ssm-chatops-sandbox';

export const DOCTOR_SETTINGS: DoctorSettings = {
  homeRegion: HOME_REGION,
  administrationRoleName: 'AWS-SystemsManager-AutomationAdministrationRole',
  executionRoleName: 'AWS-SystemsManager-AutomationExecutionRole',
  fanOutRoleName: 'SsmChatOpsExecution',
  readRoleName: 'SsmChatOpsReadOnly',
  externalId: EXTERNAL_ID,
  modesInUse: ['multi-account', 'fan-out'],
};

/** The use case's dependencies over real SDK clients pointed at `endpoint`; `destroy` when done. */
export function doctorAgainst(
  endpoint: string,
  options: { accountsAtOnce?: number; settings?: DoctorSettings } = {},
): CheckOrganizationDependencies & { destroy(): void; roles: AssumedRoleCredentials } {
  const settings = options.settings ?? DOCTOR_SETTINGS;
  const clients = new AwsClients({
    homeRegion: HOME_REGION,
    endpoint,
    credentials: HOME_CREDENTIALS,
    maxClients: 5_000,
  });
  const roles = new AssumedRoleCredentials(clients, { sessionName: 'ssm-chatops-doctor', maxRoles: 10_000 });
  return {
    inspector: new AwsOrganizationInspector(clients, roles, settings),
    directory: new OrganizationsAccountDirectory(clients),
    settings,
    roles,
    ...(options.accountsAtOnce !== undefined && { accountsAtOnce: options.accountsAtOnce }),
    destroy: () => clients.destroy(),
  };
}

/** `"333333333301 us-east-1" → ["region-not-enabled"]`: the codes found in each place, sorted. */
export function codesByPlace(report: DoctorReport): Record<string, string[]> {
  return Object.fromEntries(
    report.places.map((place) => [
      `${place.accountId} ${place.region}`,
      place.findings.map((finding) => finding.code).sort(),
    ]),
  );
}
