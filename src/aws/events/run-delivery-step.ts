// Carries out one planned step through the EventBridge API; "already so" answers count as done.
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  DeleteApiDestinationCommand,
  DeleteConnectionCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  type EventBridgeClient,
  PutPermissionCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemovePermissionCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import type { DeliveryStep } from './event-delivery.js';

/** The secret travels only here, from the command to CreateConnection; plans and sentences never hold it. */
export async function runDeliveryStep(
  client: EventBridgeClient,
  step: DeliveryStep,
  secret: string,
): Promise<void> {
  switch (step.kind) {
    case 'create-event-bus':
      return ignoring(
        'ResourceAlreadyExistsException',
        client.send(new CreateEventBusCommand({ Name: step.busName })),
      );
    case 'delete-event-bus':
      await client.send(new DeleteEventBusCommand({ Name: step.busName }));
      return;
    case 'put-permission':
      // PutPermission with a statement id in use is refused, so a different statement is removed first.
      if (step.replace) await removePermission(client, step.busName, step.statementId);
      await client.send(
        new PutPermissionCommand({
          EventBusName: step.busName,
          Action: 'events:PutEvents',
          Principal: '*',
          StatementId: step.statementId,
          Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: step.organizationId },
        }),
      );
      return;
    case 'remove-permission':
      return removePermission(client, step.busName, step.statementId);
    case 'create-connection':
      await client.send(
        new CreateConnectionCommand({
          Name: step.name,
          Description: 'ssm-chatops: authorizes Automation status events sent to the bot',
          AuthorizationType: 'API_KEY',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: step.headerName, ApiKeyValue: secret } },
        }),
      );
      return;
    case 'delete-connection':
      return ignoring(
        'ResourceNotFoundException',
        client.send(new DeleteConnectionCommand({ Name: step.name })),
      );
    case 'create-api-destination': {
      const { ConnectionArn } = await client.send(
        new DescribeConnectionCommand({ Name: step.connectionName }),
      );
      await client.send(
        new CreateApiDestinationCommand({
          Name: step.name,
          Description: 'ssm-chatops: the bot endpoint for Automation status events',
          ConnectionArn,
          InvocationEndpoint: step.endpoint,
          HttpMethod: 'POST',
        }),
      );
      return;
    }
    case 'delete-api-destination':
      return ignoring(
        'ResourceNotFoundException',
        client.send(new DeleteApiDestinationCommand({ Name: step.name })),
      );
    case 'put-rule':
      await client.send(
        new PutRuleCommand({
          Name: step.ruleName,
          EventBusName: step.busName,
          EventPattern: step.pattern,
          Description: step.description,
          State: 'ENABLED',
        }),
      );
      return;
    case 'delete-rule':
      return ignoring(
        'ResourceNotFoundException',
        client.send(new DeleteRuleCommand({ Name: step.ruleName, EventBusName: step.busName })),
      );
    case 'put-target': {
      const arn =
        typeof step.arn === 'string'
          ? step.arn
          : (await client.send(new DescribeApiDestinationCommand({ Name: step.arn.apiDestination })))
              .ApiDestinationArn;
      const result = await client.send(
        new PutTargetsCommand({
          Rule: step.ruleName,
          EventBusName: step.busName,
          Targets: [{ Id: step.targetId, Arn: arn, RoleArn: step.roleArn }],
        }),
      );
      const failed = result.FailedEntries?.[0];
      if ((result.FailedEntryCount ?? 0) > 0) {
        throw new Error(
          `PutTargets refused target ${step.targetId}: ${failed?.ErrorCode} ${failed?.ErrorMessage}`,
        );
      }
      return;
    }
    case 'remove-targets': {
      const result = await client.send(
        new RemoveTargetsCommand({ Rule: step.ruleName, EventBusName: step.busName, Ids: step.targetIds }),
      );
      const failed = result.FailedEntries?.[0];
      if ((result.FailedEntryCount ?? 0) > 0) {
        throw new Error(
          `RemoveTargets refused target ${failed?.TargetId}: ${failed?.ErrorCode} ${failed?.ErrorMessage}`,
        );
      }
      return;
    }
  }
}

function removePermission(client: EventBridgeClient, busName: string, statementId: string): Promise<void> {
  return ignoring(
    'ResourceNotFoundException',
    client.send(new RemovePermissionCommand({ EventBusName: busName, StatementId: statementId })),
  );
}

/** Awaits the call; the named error means the change is already made (a concurrent or repeated run). */
async function ignoring(errorName: string, call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof Error && error.name === errorName)) throw error;
  }
}
