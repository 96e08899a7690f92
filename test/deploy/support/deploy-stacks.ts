// The two deploy stacks as CloudFormation would create them in sample accounts, for the agreement tests.
import { resolve } from 'node:path';
import { fileSchema } from '../../../src/config/config-schema.js';
import {
  type CloudFormationTemplate,
  loadTemplate,
  type PolicyStatement,
  permissionStatements,
  resolveIntrinsics,
  resourcesIn,
  type StackPlace,
} from './cloudformation-template.js';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const member = loadTemplate(resolve(ROOT, 'deploy/member-account.yaml'));
export const operations = loadTemplate(resolve(ROOT, 'deploy/operations-account.yaml'));
/** The bot's config with every default. */
export const config = fileSchema.parse({});

export const OPERATIONS_ACCOUNT = '111111111111';
export const MEMBER_ACCOUNT = '222222222222';
export const HOME_REGION = 'us-east-1';
export const OTHER_REGION = 'eu-west-1';
export const ORGANIZATION_ID = 'o-abcdefghij';
export const EXTERNAL_ID = 'ssm-chatops-external-id';
export const ENDPOINT_URL = 'https://bot.example.com/aws/events';

export const memberIn = (region: string, accountId = MEMBER_ACCOUNT): StackPlace => ({
  accountId,
  region,
  parameters: { OperationsAccountId: OPERATIONS_ACCOUNT, HomeRegion: HOME_REGION, ExternalId: EXTERNAL_ID },
});
export const operationsWith = (parameters: Record<string, string> = {}): StackPlace => ({
  accountId: OPERATIONS_ACCOUNT,
  region: HOME_REGION,
  parameters: {
    OrganizationId: ORGANIZATION_ID,
    EventsEndpointUrl: ENDPOINT_URL,
    EventsSecretArn: `arn:aws:secretsmanager:${HOME_REGION}:${OPERATIONS_ACCOUNT}:secret:ssm-chatops-events-AbCdEf`,
    ...parameters,
  },
});
export const MEMBER_HOME = memberIn(HOME_REGION);
export const OPERATIONS = operationsWith();

/** The resource's properties as CloudFormation would create them in `place`. */
export function created(template: CloudFormationTemplate, place: StackPlace, logicalId: string) {
  const resource = resourcesIn(template, place)[logicalId];
  if (!resource) throw new Error(`${logicalId} is not created in ${place.accountId} ${place.region}`);
  return resolveIntrinsics(resource.Properties, template, place) as Record<string, unknown>;
}

/** The permission statements of a role or managed policy CloudFormation would create in `place`. */
export function statementsOf(
  template: CloudFormationTemplate,
  place: StackPlace,
  logicalId: string,
): PolicyStatement[] {
  const resource = resourcesIn(template, place)[logicalId];
  if (!resource) throw new Error(`${logicalId} is not created in ${place.accountId} ${place.region}`);
  return permissionStatements(resource, template, place);
}
