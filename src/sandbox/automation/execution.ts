// The Automation execution model the engine keeps, and its wire shapes (GetAutomationExecution & co).

export type ExecutionStatus =
  | 'Pending'
  | 'InProgress'
  | 'Waiting'
  | 'Success'
  | 'TimedOut'
  | 'Cancelling'
  | 'Cancelled'
  | 'Failed';

export type StepStatus = 'Pending' | 'InProgress' | 'Success' | 'TimedOut' | 'Cancelled' | 'Failed';

export const FINAL_STATUSES: ReadonlySet<string> = new Set(['Success', 'TimedOut', 'Cancelled', 'Failed']);

export interface TargetLocationSpec {
  Accounts: string[];
  Regions: string[];
  ExecutionRoleName: string;
  TargetLocationMaxConcurrency: string;
  TargetLocationMaxErrors: string;
}

export interface StepRecord {
  stepExecutionId: string;
  name: string;
  action: string;
  status: StepStatus;
  startTime?: Date;
  endTime?: Date;
  inputs: Record<string, string>;
  outputs?: Record<string, string[]>;
  failureMessage?: string;
  failureDetails?: { FailureStage: string; FailureType: string; Details?: Record<string, string[]> };
  onFailure?: string;
  maxAttempts?: number;
  timeoutSeconds?: number;
  isEnd?: boolean;
  isCritical: boolean;
  nextStep?: string;
  /** For the parent of a multi-account run: the account and region this step stands for. */
  targetLocation?: { Accounts: string[]; Regions: string[]; ExecutionRoleName: string };
}

export interface ExecutionRecord {
  id: string;
  accountId: string;
  region: string;
  documentName: string;
  documentVersion: string;
  parameters: Record<string, string[]>;
  status: ExecutionStatus;
  startTime: Date;
  endTime?: Date;
  executedBy: string;
  mode: 'Auto';
  automationType: 'Local' | 'CrossAccount';
  parentId?: string;
  targetLocations?: TargetLocationSpec[];
  steps: StepRecord[];
  outputs: Record<string, string[]>;
  failureMessage?: string;
  tags: Array<{ Key: string; Value: string }>;
  /** Set while a Stop is under way, so the step runner winds down instead of going on. */
  stopRequested?: boolean;
}

const stepShape = (step: StepRecord) => ({
  StepExecutionId: step.stepExecutionId,
  StepName: step.name,
  Action: step.action,
  StepStatus: step.status,
  ExecutionStartTime: step.startTime,
  ExecutionEndTime: step.endTime,
  Inputs: step.inputs,
  Outputs: step.outputs,
  FailureMessage: step.failureMessage,
  FailureDetails: step.failureDetails,
  OnFailure: step.onFailure ?? 'Abort',
  MaxAttempts: step.maxAttempts ?? 1,
  TimeoutSeconds: step.timeoutSeconds,
  IsEnd: step.isEnd ?? false,
  IsCritical: step.isCritical,
  NextStep: step.nextStep,
  TargetLocation: step.targetLocation,
});

export function currentStep(execution: ExecutionRecord): StepRecord | undefined {
  if (FINAL_STATUSES.has(execution.status)) return undefined;
  return execution.steps.findLast((step) => step.status === 'InProgress' || step.status === 'Pending');
}

export function progressCounters(execution: ExecutionRecord) {
  if (execution.automationType !== 'CrossAccount') return undefined;
  const count = (status: StepStatus) => execution.steps.filter((step) => step.status === status).length;
  return {
    TotalSteps: execution.steps.length,
    SuccessSteps: count('Success'),
    FailedSteps: count('Failed'),
    CancelledSteps: count('Cancelled'),
    TimedOutSteps: count('TimedOut'),
  };
}

/**
 * The AutomationExecution shape of GetAutomationExecution: at most `stepsShown` step executions, the first by
 * start; past them StepExecutionsTruncated says the full list is DescribeAutomationStepExecutions'.
 */
export function executionShape(execution: ExecutionRecord, stepsShown = Number.POSITIVE_INFINITY) {
  const current = currentStep(execution);
  return {
    AutomationExecutionId: execution.id,
    DocumentName: execution.documentName,
    DocumentVersion: execution.documentVersion,
    ExecutionStartTime: execution.startTime,
    ExecutionEndTime: execution.endTime,
    AutomationExecutionStatus: execution.status,
    StepExecutions: execution.steps.slice(0, stepsShown).map(stepShape),
    StepExecutionsTruncated: execution.steps.length > stepsShown,
    Parameters: execution.parameters,
    Outputs: execution.outputs,
    FailureMessage: execution.failureMessage,
    Mode: execution.mode,
    ParentAutomationExecutionId: execution.parentId,
    ExecutedBy: execution.executedBy,
    CurrentStepName: current?.name,
    CurrentAction: current?.action,
    TargetLocations: execution.targetLocations,
    ProgressCounters: progressCounters(execution),
    AutomationSubtype: undefined,
  };
}

/** The AutomationExecutionMetadata shape of DescribeAutomationExecutions. */
export function metadataShape(execution: ExecutionRecord) {
  const current = currentStep(execution);
  return {
    AutomationExecutionId: execution.id,
    DocumentName: execution.documentName,
    DocumentVersion: execution.documentVersion,
    AutomationExecutionStatus: execution.status,
    ExecutionStartTime: execution.startTime,
    ExecutionEndTime: execution.endTime,
    ExecutedBy: execution.executedBy,
    Outputs: execution.outputs,
    Mode: execution.mode,
    ParentAutomationExecutionId: execution.parentId,
    CurrentStepName: current?.name,
    CurrentAction: current?.action,
    FailureMessage: execution.failureMessage,
    // No TargetLocations: AutomationExecutionMetadata has no such member (GetAutomationExecution does).
    AutomationType: execution.automationType,
  };
}

export { stepShape };
