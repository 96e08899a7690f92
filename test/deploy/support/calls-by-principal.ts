// Who makes each AWS call the bot makes, and where that principal's permissions are in the deploy templates.
import type { CloudFormationTemplate, StackPlace } from './cloudformation-template.js';
import { MEMBER_HOME, member, OPERATIONS, operations } from './deploy-stacks.js';

/**
 * Who makes each AWS call, read from the code: the bot's own identity (task role) at home; the read role to follow
 * executions in members (ssm-automation-gateway describe/describeExecutions); the fan-out role to start, stop and
 * check fan-out places (gateway startInAccount/stop, ssm-target-readiness); whoever runs `events setup` at home
 * (operations account) and the events setup role in members (event-delivery-clients); the read role also for
 * doctor's forwarding check and compliance. `pending` marks a call granted ahead of the code that makes it.
 */
export const CALLS_BY_PRINCIPAL: Record<Principal, Array<{ action: string; pending?: string }>> = {
  'task role': [
    ...[
      'sts:AssumeRole',
      'iam:PassRole',
      'ssm:StartAutomationExecution',
      'ssm:StopAutomationExecution',
      'ssm:GetAutomationExecution',
      'ssm:DescribeAutomationStepExecutions',
      'ssm:DescribeAutomationExecutions',
      'ssm:DescribeDocument',
      'ssm:GetDocument',
      'ssm:ListDocuments',
      'ssm:GetCalendarState',
      'organizations:DescribeOrganization',
      'organizations:ListRoots',
      'organizations:ListAccountsForParent',
      'organizations:ListOrganizationalUnitsForParent',
    ].map((action) => ({ action })),
    // ssm-chatops doctor, as Systems Manager's delegated administrator.
    { action: 'organizations:ListAWSServiceAccessForOrganization' },
    { action: 'organizations:ListDelegatedAdministrators' },
    // Compliance reads the operations account itself as the bot.
    { action: 'ssm:ListResourceComplianceSummaries' },
    { action: 'ssm:DescribeInstancePatchStates' },
  ],
  'events setup policy': [
    'sts:AssumeRole',
    'iam:PassRole',
    'organizations:DescribeOrganization',
    'organizations:ListRoots',
    'organizations:ListAccountsForParent',
    'organizations:ListOrganizationalUnitsForParent',
    'events:CreateEventBus',
    'events:DeleteEventBus',
    'events:DescribeEventBus',
    'events:PutPermission',
    'events:RemovePermission',
    'events:CreateConnection',
    'events:DeleteConnection',
    'events:DescribeConnection',
    'events:ListConnections',
    'events:CreateApiDestination',
    'events:DeleteApiDestination',
    'events:DescribeApiDestination',
    'events:ListApiDestinations',
    'events:ListRules',
    'events:PutRule',
    'events:DeleteRule',
    'events:DescribeRule',
    'events:PutTargets',
    'events:RemoveTargets',
    'events:ListTargetsByRule',
  ].map((action) => ({ action })),
  'read role': [
    { action: 'ssm:GetAutomationExecution' },
    // When GetAutomationExecution says StepExecutionsTruncated.
    { action: 'ssm:DescribeAutomationStepExecutions' },
    { action: 'ssm:DescribeAutomationExecutions' },
    // ssm-chatops doctor reads the forwarding rule; /ssm compliance reads patch compliance.
    { action: 'events:DescribeRule' },
    { action: 'ssm:ListResourceComplianceSummaries' },
    { action: 'ssm:DescribeInstancePatchStates' },
  ],
  'fan-out role': [
    'ssm:StartAutomationExecution',
    'ssm:StopAutomationExecution',
    'ssm:DescribeAutomationExecutions',
  ].map((action) => ({ action })),
  'events setup role': [
    'iam:PassRole',
    'events:DescribeRule',
    'events:ListTargetsByRule',
    'events:PutRule',
    'events:PutTargets',
    'events:RemoveTargets',
    'events:DeleteRule',
  ].map((action) => ({ action })),
  // Roles only AWS uses: the bot calls nothing as them.
  'administration role': [],
  'execution role': [],
  'events forward role': [],
  'events invoke role': [],
};

export type Principal =
  | 'task role'
  | 'events setup policy'
  | 'read role'
  | 'fan-out role'
  | 'events setup role'
  | 'administration role'
  | 'execution role'
  | 'events forward role'
  | 'events invoke role';

/** Where each principal's permissions are. */
export const HOLDERS: Record<Principal, [CloudFormationTemplate, StackPlace, string]> = {
  'task role': [operations, OPERATIONS, 'TaskRole'],
  'events setup policy': [operations, OPERATIONS, 'EventsSetupPolicy'],
  'administration role': [operations, OPERATIONS, 'AutomationAdministrationRole'],
  'events invoke role': [operations, OPERATIONS, 'EventsInvokeRole'],
  'read role': [member, MEMBER_HOME, 'ReadRole'],
  'fan-out role': [member, MEMBER_HOME, 'FanOutRole'],
  'events setup role': [member, MEMBER_HOME, 'EventsSetupRole'],
  'execution role': [member, MEMBER_HOME, 'AutomationExecutionRole'],
  'events forward role': [member, MEMBER_HOME, 'EventsForwardRole'],
};

/** What the templates grant for AWS itself to use, never called by the bot. */
export const GRANTED_FOR_AWS: Partial<Record<Principal, string[]>> = {
  // AWS's own AWS-SystemsManager-AutomationExecutionRole / AdministrationRole templates.
  'execution role': [
    'resource-groups:ListGroupResources',
    'tag:GetResources',
    'ec2:DescribeInstances',
    'iam:PassRole',
  ],
  'administration role': ['sts:AssumeRole', 'organizations:ListAccountsForParent'],
  'events forward role': ['events:PutEvents'],
  'events invoke role': ['events:InvokeApiDestination'],
  // EventBridge keeps a connection's API key in a Secrets Manager secret, created as the caller.
  'events setup policy': [
    'secretsmanager:CreateSecret',
    'secretsmanager:UpdateSecret',
    'secretsmanager:DescribeSecret',
    'secretsmanager:DeleteSecret',
    'secretsmanager:GetSecretValue',
    'secretsmanager:PutSecretValue',
  ],
};

/** Calls that need a second permission: a role passed to the service is iam:PassRole by the caller. */
export const IMPLIED_PERMISSIONS: Record<string, string[]> = {
  'ssm:StartAutomationExecution': ['iam:PassRole'], // AutomationAssumeRole of multi-account runs
  'events:PutTargets': ['iam:PassRole'], // the target's RoleArn
};

/** Calls IAM does not authorize. */
export const NEEDS_NO_PERMISSION = new Set(['sts:GetCallerIdentity']);
