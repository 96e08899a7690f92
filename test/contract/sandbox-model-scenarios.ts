// Calls every operation the sandbox implements with valid input, and the refusals worth checking, through
// real SDK clients whose raw responses are recorded (see sandbox-model-conformance.test.ts).
import * as eb from '@aws-sdk/client-eventbridge';
import * as org from '@aws-sdk/client-organizations';
import * as ssm from '@aws-sdk/client-ssm';
import * as sts from '@aws-sdk/client-sts';
import type { RawResponse } from '../support/aws-model/check-response.js';
import { RecordingHandler } from '../support/aws-model/recording-handler.js';
import type { SandboxCredentials, TestSandbox } from '../support/sandbox.js';

const REGION = 'ap-northeast-1';
const ORG_ID = 'o-sbx7k2m9q4';
const MEMBER_ACCOUNT = '333333333301';
const PATTERN = JSON.stringify({ source: ['aws.ssm'] });

interface Clients {
  ssm: ssm.SSMClient;
  org: org.OrganizationsClient;
  sts: sts.STSClient;
  events: eb.EventBridgeClient;
}

/** Runs the scenarios against `env` and returns every raw response, in call order. */
export async function recordEveryOperation(env: TestSandbox): Promise<RawResponse[]> {
  const handlers: RecordingHandler[] = [];
  const clientsFor = (credentials?: SandboxCredentials): Clients => {
    const config = (service: string) => {
      const handler = new RecordingHandler(service);
      handlers.push(handler);
      return {
        endpoint: env.sandbox.url,
        region: REGION,
        credentials: credentials ?? { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
        maxAttempts: 1,
        requestHandler: handler,
      };
    };
    return {
      ssm: new ssm.SSMClient(config('ssm')),
      org: new org.OrganizationsClient(config('organizations')),
      sts: new sts.STSClient(config('sts')),
      events: new eb.EventBridgeClient(config('events')),
    };
  };
  const home = clientsFor();
  await ssmScenarios(home, env);
  await organizationsScenarios(home);
  await stsScenarios(home);
  await eventsScenarios(home);

  const member = await env.assumeRole(
    `arn:aws:iam::${MEMBER_ACCOUNT}:role/SsmChatOpsReadOnly`,
    'model-check',
  );
  await refused(clientsFor(member).org.send(new org.ListRootsCommand({})));
  await complianceScenarios(clientsFor(member));

  await env.control.setThrottling({
    enabled: true,
    rates: Object.fromEntries(
      ['ssm:ListDocuments', 'organizations:ListAccounts', 'sts:GetCallerIdentity', 'events:ListRules'].map(
        (api) => [api, { ratePerSecond: 0.001, burst: 1 }],
      ),
    ),
  });
  // One call takes the only token; the next is throttled.
  for (let attempt = 0; attempt < 2; attempt++) {
    const calls = [
      home.ssm.send(new ssm.ListDocumentsCommand({})),
      home.org.send(new org.ListAccountsCommand({})),
      home.sts.send(new sts.GetCallerIdentityCommand({})),
      home.events.send(new eb.ListRulesCommand({})),
    ];
    await Promise.all(attempt === 0 ? calls : calls.map(refused));
  }
  await env.control.setThrottling({ enabled: false });

  return handlers.flatMap((handler) => handler.responses);
}

/** Awaits a call that AWS refuses; the recorded response is what the test checks. */
async function refused(call: Promise<unknown>): Promise<void> {
  await call.then(
    () => {
      throw new Error('expected AWS to refuse the call');
    },
    () => undefined,
  );
}

async function ssmScenarios({ ssm: client }: Clients, env: TestSandbox): Promise<void> {
  await client.send(
    new ssm.ListDocumentsCommand({ Filters: [{ Key: 'DocumentType', Values: ['Automation'] }] }),
  );
  for (const name of [
    'AWS-RestartEC2Instance',
    'Platform-VerifyBackupRestore',
    'Platform-RollingRestartService',
    'Platform-CleanupUnusedAmis',
    'AWS-EnableS3BucketEncryption',
  ]) {
    await client.send(new ssm.DescribeDocumentCommand({ Name: name }));
    await client.send(new ssm.GetDocumentCommand({ Name: name }));
  }
  await refused(client.send(new ssm.DescribeDocumentCommand({ Name: 'No-Such-Document' })));
  await client.send(new ssm.GetCalendarStateCommand({ CalendarNames: ['WeekendMaintenanceWindow'] }));
  const { AutomationExecutionId: single } = await client.send(
    new ssm.StartAutomationExecutionCommand({
      DocumentName: 'AWS-RestartEC2Instance',
      Parameters: { InstanceId: ['i-0abc12345678'] },
    }),
  );
  const { AutomationExecutionId: multi } = await client.send(
    new ssm.StartAutomationExecutionCommand({
      DocumentName: 'AWS-RestartEC2Instance',
      Parameters: {
        InstanceId: ['i-0abc12345678'],
        AutomationAssumeRole: [
          'arn:aws:iam::222222222222:role/AWS-SystemsManager-AutomationAdministrationRole',
        ],
      },
      TargetLocations: [
        { Accounts: ['ou-sbx1-prod0001'], Regions: [REGION], TargetLocationMaxConcurrency: '2' },
      ],
    }),
  );
  await env.control.advance(120);
  for (const id of [single!, multi!]) {
    await client.send(new ssm.GetAutomationExecutionCommand({ AutomationExecutionId: id }));
    await client.send(new ssm.DescribeAutomationStepExecutionsCommand({ AutomationExecutionId: id }));
  }
  await client.send(new ssm.DescribeAutomationExecutionsCommand({}));
  await client.send(
    new ssm.DescribeAutomationExecutionsCommand({
      Filters: [{ Key: 'ParentExecutionId', Values: [multi!] }],
    }),
  );
  await refused(
    client.send(
      new ssm.GetAutomationExecutionCommand({
        AutomationExecutionId: '00000000-0000-4000-8000-000000000000',
      }),
    ),
  );
  const { AutomationExecutionId: stopped } = await client.send(
    new ssm.StartAutomationExecutionCommand({
      DocumentName: 'AWS-RestartEC2Instance',
      Parameters: { InstanceId: ['i-0abc12345678'] },
    }),
  );
  await client.send(new ssm.StopAutomationExecutionCommand({ AutomationExecutionId: stopped! }));
}

async function organizationsScenarios({ org: client }: Clients): Promise<void> {
  await client.send(new org.DescribeOrganizationCommand({}));
  await client.send(new org.ListRootsCommand({}));
  await client.send(new org.ListChildrenCommand({ ParentId: 'r-sbx1', ChildType: 'ORGANIZATIONAL_UNIT' }));
  await client.send(new org.ListChildrenCommand({ ParentId: 'ou-sbx1-prod0001', ChildType: 'ACCOUNT' }));
  await client.send(new org.ListOrganizationalUnitsForParentCommand({ ParentId: 'ou-sbx1-workload' }));
  await client.send(new org.ListAccountsCommand({}));
  await client.send(new org.ListAccountsForParentCommand({ ParentId: 'ou-sbx1-suspend1' }));
  await client.send(new org.ListAWSServiceAccessForOrganizationCommand({}));
  await client.send(new org.ListDelegatedAdministratorsCommand({ ServicePrincipal: 'ssm.amazonaws.com' }));
  await client.send(new org.DescribeAccountCommand({ AccountId: '777777777701' }));
  await client.send(new org.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-sbx1-prod0001' }));
  await refused(client.send(new org.DescribeAccountCommand({ AccountId: '999999999999' })));
  await refused(client.send(new org.DescribeAccountCommand({ AccountId: 'not-an-account' })));
  await refused(
    client.send(new org.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-sbx1-nothere1' })),
  );
  await refused(
    client.send(new org.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'not-an-ou' })),
  );
  await refused(
    client.send(new org.ListChildrenCommand({ ParentId: 'ou-sbx1-nothere1', ChildType: 'ACCOUNT' })),
  );
  await refused(client.send(new org.ListAccountsForParentCommand({ ParentId: 'not-a-parent' })));
  await refused(client.send(new org.ListAccountsCommand({ NextToken: 'forged' })));
}

async function stsScenarios({ sts: client }: Clients): Promise<void> {
  await client.send(new sts.GetCallerIdentityCommand({}));
  await client.send(
    new sts.AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${MEMBER_ACCOUNT}:role/SsmChatOpsExecution`,
      RoleSessionName: 'model-check',
      ExternalId: 'ssm-chatops-sandbox',
    }),
  );
  await refused(
    client.send(
      new sts.AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MEMBER_ACCOUNT}:role/SsmChatOpsExecution`,
        RoleSessionName: 'no-external-id',
      }),
    ),
  );
}

async function eventsScenarios({ events: client }: Clients): Promise<void> {
  await client.send(new eb.CreateEventBusCommand({ Name: 'model-check' }));
  await client.send(new eb.DescribeEventBusCommand({ Name: 'model-check' }));
  await client.send(new eb.ListEventBusesCommand({}));
  await client.send(
    new eb.PutPermissionCommand({
      StatementId: 'organization',
      Action: 'events:PutEvents',
      Principal: '*',
      Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: ORG_ID },
    }),
  );
  await client.send(new eb.DescribeEventBusCommand({}));
  await client.send(new eb.RemovePermissionCommand({ StatementId: 'organization' }));
  await client.send(
    new eb.PutRuleCommand({ Name: 'status', EventPattern: PATTERN, Description: 'model check' }),
  );
  await client.send(new eb.DescribeRuleCommand({ Name: 'status' }));
  await client.send(new eb.ListRulesCommand({}));
  await client.send(new eb.DisableRuleCommand({ Name: 'status' }));
  await client.send(new eb.EnableRuleCommand({ Name: 'status' }));
  await client.send(
    new eb.TestEventPatternCommand({
      EventPattern: PATTERN,
      Event: JSON.stringify({
        id: '1',
        account: MEMBER_ACCOUNT,
        source: 'aws.ssm',
        time: '2026-05-01T10:00:00Z',
        region: REGION,
        'detail-type': 'x',
        detail: {},
      }),
    }),
  );
  await client.send(
    new eb.PutTargetsCommand({
      Rule: 'status',
      Targets: [{ Id: 'bus', Arn: `arn:aws:events:${REGION}:222222222222:event-bus/model-check` }],
    }),
  );
  await client.send(new eb.ListTargetsByRuleCommand({ Rule: 'status' }));
  await client.send(
    new eb.PutEventsCommand({ Entries: [{ Source: 'model.check', DetailType: 'check', Detail: '{}' }] }),
  );
  await client.send(new eb.RemoveTargetsCommand({ Rule: 'status', Ids: ['bus'] }));
  await client.send(new eb.DeleteRuleCommand({ Name: 'status' }));
  await refused(client.send(new eb.DescribeRuleCommand({ Name: 'status' })));
  await client.send(new eb.DeleteEventBusCommand({ Name: 'model-check' }));

  const { ConnectionArn } = await client.send(
    new eb.CreateConnectionCommand({
      Name: 'receiver',
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'secret' } },
    }),
  );
  await client.send(new eb.DescribeConnectionCommand({ Name: 'receiver' }));
  await client.send(new eb.ListConnectionsCommand({}));
  await client.send(
    new eb.CreateApiDestinationCommand({
      Name: 'receiver',
      ConnectionArn,
      InvocationEndpoint: 'https://chatops.example.com/aws/events',
      HttpMethod: 'POST',
    }),
  );
  await refused(
    client.send(
      new eb.CreateApiDestinationCommand({
        Name: 'plain-http',
        ConnectionArn,
        InvocationEndpoint: 'http://chatops.example.com/aws/events',
        HttpMethod: 'POST',
      }),
    ),
  );
  await client.send(new eb.DescribeApiDestinationCommand({ Name: 'receiver' }));
  await client.send(new eb.ListApiDestinationsCommand({}));
  await client.send(new eb.DeleteApiDestinationCommand({ Name: 'receiver' }));
  await client.send(new eb.DeleteConnectionCommand({ Name: 'receiver' }));
}

/** Patch compliance as a member account with managed instances reads it (the operations account has none). */
async function complianceScenarios({ ssm: client }: Clients): Promise<void> {
  const { ResourceComplianceSummaryItems: items } = await client.send(
    new ssm.ListResourceComplianceSummariesCommand({
      Filters: [{ Key: 'ComplianceType', Values: ['Patch'], Type: 'EQUAL' }],
      MaxResults: 5,
    }),
  );
  await client.send(
    new ssm.DescribeInstancePatchStatesCommand({
      InstanceIds: (items ?? []).map((item) => item.ResourceId!),
    }),
  );
  await refused(client.send(new ssm.ListResourceComplianceSummariesCommand({ NextToken: 'made-up' })));
  await refused(client.send(new ssm.DescribeInstancePatchStatesCommand({ InstanceIds: [], MaxResults: 5 })));
}
