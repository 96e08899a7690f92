// The sandbox as the bot will meet it: a multi-account run with one injected step failure, its children
// visible only in their member accounts, and the failure events reaching an HTTP endpoint through
// cross-account EventBridge forwarding and an API destination.
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  PutPermissionCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  DescribeAutomationExecutionsCommand,
  GetAutomationExecutionCommand,
  StartAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpReceiver } from '../support/http-receiver.js';
import { OPERATIONS_ACCOUNT, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const REGION = 'ap-northeast-1';
const FAILING_ACCOUNT = '333333333301';
const HEALTHY_ACCOUNT = '444444444401';
const ADMIN_ROLE = `arn:aws:iam::${OPERATIONS_ACCOUNT}:role/AWS-SystemsManager-AutomationAdministrationRole`;
const FAILED_EXECUTIONS = JSON.stringify({
  source: ['aws.ssm'],
  'detail-type': ['EC2 Automation Execution Status-change Notification'],
  detail: { Status: ['Failed'] },
});

let env: TestSandbox;
const receiver = new HttpReceiver();
beforeAll(async () => {
  // The receiver is plain HTTP (HttpReceiver); AWS, and the sandbox by default, refuse such endpoints.
  env = await startTestSandbox({ allowHttpApiDestinations: true });
  await receiver.start();
});
afterAll(async () => {
  await env.close();
  await receiver.close();
});

async function forwardFailuresToTheBot(): Promise<void> {
  const operations = env.events({ region: REGION });
  await operations.send(
    new PutPermissionCommand({
      StatementId: 'organization-forwarding',
      Action: 'events:PutEvents',
      Principal: '*',
      Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-sbx7k2m9q4' },
    }),
  );
  const connection = await operations.send(
    new CreateConnectionCommand({
      Name: 'ssm-chatops',
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-ssm-chatops-secret', ApiKeyValue: 'shh' } },
    }),
  );
  const destination = await operations.send(
    new CreateApiDestinationCommand({
      Name: 'ssm-chatops-bot',
      ConnectionArn: connection.ConnectionArn,
      InvocationEndpoint: `${receiver.url}/aws/events`,
      HttpMethod: 'POST',
    }),
  );
  await operations.send(
    new PutRuleCommand({ Name: 'failed-automation-to-bot', EventPattern: FAILED_EXECUTIONS }),
  );
  await operations.send(
    new PutTargetsCommand({
      Rule: 'failed-automation-to-bot',
      Targets: [
        {
          Id: 'bot',
          Arn: destination.ApiDestinationArn,
          RoleArn: `arn:aws:iam::${OPERATIONS_ACCOUNT}:role/EventBridgeInvokeApiDestination`,
        },
      ],
    }),
  );
  for (const account of [FAILING_ACCOUNT, HEALTHY_ACCOUNT]) {
    const credentials = await env.assumeRole(
      `arn:aws:iam::${account}:role/SsmChatOpsExecution`,
      'events-setup',
      {
        externalId: 'ssm-chatops-sandbox',
      },
    );
    const member = env.events({ region: REGION, credentials });
    await member.send(new PutRuleCommand({ Name: 'forward-automation', EventPattern: FAILED_EXECUTIONS }));
    await member.send(
      new PutTargetsCommand({
        Rule: 'forward-automation',
        Targets: [{ Id: 'central', Arn: `arn:aws:events:${REGION}:${OPERATIONS_ACCOUNT}:event-bus/default` }],
      }),
    );
  }
}

describe('a multi-account run with one failing account', () => {
  it('when one member account fails a step, then the parent fails, each child is visible only in its account, and the failures reach the endpoint', async () => {
    await forwardFailuresToTheBot();
    await env.control.addFault({
      kind: 'step-failure',
      documentName: 'AWS-RestartEC2Instance',
      stepName: 'startInstances',
      accountId: FAILING_ACCOUNT,
      message: 'The instance i-0abc12345678 is not in a state from which it can be started.',
    });
    const ssm = env.ssm({ region: REGION });
    const { AutomationExecutionId: parentId } = await ssm.send(
      new StartAutomationExecutionCommand({
        DocumentName: 'AWS-RestartEC2Instance',
        Parameters: { InstanceId: ['i-0abc12345678'], AutomationAssumeRole: [ADMIN_ROLE] },
        TargetLocations: [
          {
            Accounts: [FAILING_ACCOUNT, HEALTHY_ACCOUNT],
            Regions: [REGION],
            ExecutionRoleName: 'AWS-SystemsManager-AutomationExecutionRole',
            TargetLocationMaxConcurrency: '2',
            TargetLocationMaxErrors: '1',
          },
        ],
      }),
    );
    await env.control.settle();

    const parent = (await ssm.send(new GetAutomationExecutionCommand({ AutomationExecutionId: parentId })))
      .AutomationExecution!;
    expect(parent.AutomationExecutionStatus).toBe('Failed');
    expect(parent.ProgressCounters).toMatchObject({ TotalSteps: 2, SuccessSteps: 1, FailedSteps: 1 });

    const children: Record<string, { id: string; status: string; failure?: string }> = {};
    for (const account of [FAILING_ACCOUNT, HEALTHY_ACCOUNT]) {
      const credentials = await env.assumeRole(`arn:aws:iam::${account}:role/SsmChatOpsReadOnly`, 'reader');
      const member = env.ssm({ region: REGION, credentials });
      const found = await member.send(
        new DescribeAutomationExecutionsCommand({
          Filters: [{ Key: 'ParentExecutionId', Values: [parentId!] }],
        }),
      );
      expect(found.AutomationExecutionMetadataList).toHaveLength(1);
      const id = found.AutomationExecutionMetadataList![0]!.AutomationExecutionId!;
      const child = (await member.send(new GetAutomationExecutionCommand({ AutomationExecutionId: id })))
        .AutomationExecution!;
      children[account] = { id, status: child.AutomationExecutionStatus!, failure: child.FailureMessage };
      // The operations account that started the run cannot see the child.
      await expect(
        ssm.send(new GetAutomationExecutionCommand({ AutomationExecutionId: id })),
      ).rejects.toMatchObject({
        name: 'AutomationExecutionNotFoundException',
      });
    }
    expect(children[FAILING_ACCOUNT]).toMatchObject({ status: 'Failed' });
    expect(children[FAILING_ACCOUNT]!.failure).toContain('is not in a state from which it can be started');
    expect(children[HEALTHY_ACCOUNT]).toMatchObject({ status: 'Success' });

    await env.control.eventsIdle();
    const delivered = receiver.requests.map((request) => {
      expect(request.headers['x-ssm-chatops-secret']).toBe('shh');
      return JSON.parse(request.body) as { account: string; detail: { ExecutionId: string; Status: string } };
    });
    expect(delivered.map((event) => [event.account, event.detail.ExecutionId]).sort()).toEqual(
      [
        [OPERATIONS_ACCOUNT, parentId],
        [FAILING_ACCOUNT, children[FAILING_ACCOUNT]!.id],
      ].sort(),
    );
  });
});
