// The EventBridge events SSM Automation emits on every execution and step status change.
import type { AwsEvent } from '../events/event-buses.js';
import type { ExecutionRecord, StepRecord } from './execution.js';

const executionArn = (execution: ExecutionRecord) =>
  `arn:aws:ssm:${execution.region}:${execution.accountId}:automation-execution/${execution.id}`;

const iso = (date: Date | undefined) => date?.toISOString();

/** The envelope both Automation events share; `detail` differs. */
function automationEvent(
  id: string,
  detailType: string,
  execution: ExecutionRecord,
  now: Date,
  detail: Record<string, unknown>,
): AwsEvent {
  return {
    version: '0',
    id,
    'detail-type': detailType,
    source: 'aws.ssm',
    account: execution.accountId,
    time: now.toISOString(),
    region: execution.region,
    resources: [executionArn(execution)],
    detail: {
      ExecutionId: execution.id,
      Definition: execution.documentName,
      DefinitionVersion: Number(execution.documentVersion) || execution.documentVersion,
      ...detail,
      Time: now.getTime(),
    },
  };
}

export const executionStatusEvent = (id: string, execution: ExecutionRecord, now: Date): AwsEvent =>
  automationEvent(id, 'EC2 Automation Execution Status-change Notification', execution, now, {
    Status: execution.status,
    StartTime: iso(execution.startTime),
    EndTime: iso(execution.endTime),
    ExecutedBy: execution.executedBy,
    ParentExecutionId: execution.parentId,
  });

export const stepStatusEvent = (
  id: string,
  execution: ExecutionRecord,
  step: StepRecord,
  now: Date,
): AwsEvent =>
  automationEvent(id, 'EC2 Automation Step Status-change Notification', execution, now, {
    Status: step.status,
    StepName: step.name,
    Action: step.action,
    StartTime: iso(step.startTime),
    EndTime: iso(step.endTime),
  });
