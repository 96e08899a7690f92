// AutomationGateway over SSM and STS: multi-account starts from the operations account, fan-out starts
// inside each member account through an assumed role, and stops where each execution lives.
import {
  type AutomationExecution,
  type AutomationExecutionMetadata,
  DescribeAutomationStepExecutionsCommand,
  GetAutomationExecutionCommand,
  paginateDescribeAutomationExecutions,
  type SSMClient,
  StartAutomationExecutionCommand,
  type StepExecution,
  StopAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { ChildReport } from '../core/run/apply-child-reports.js';
import { type AutomationStatus, NOT_STARTED, type StepSummary } from '../core/run/run.js';
import type { DescribeFilter } from '../core/tracking/plan-location-poll.js';
import type { ExecutionLocation, ExecutionSummary } from '../core/tracking/tracked-location.js';
import type {
  AccountStart,
  AutomationGateway,
  AutomationOutcome,
  ExecutionRef,
  ExecutionSnapshot,
  MultiAccountStart,
} from '../ports.js';
import type { AssumedRoleCredentials, RoleToAssume } from './assumed-role-credentials.js';
import type { AwsClients } from './aws-clients.js';
import { isExpiredToken, isThrottling, toChildFailure } from './aws-failure.js';

export interface AutomationGatewaySettings {
  /** Role the bot assumes in each member account to start fan-out executions, and to stop them. */
  fanOutRoleName: string;
  /** Role the worker assumes to read executions (their status and steps) in member accounts. */
  readRoleName: string;
  externalId?: string;
}

export class SsmAutomationGateway implements AutomationGateway {
  private home?: Promise<string>;

  constructor(
    private readonly clients: AwsClients,
    private readonly roles: AssumedRoleCredentials,
    private readonly settings: AutomationGatewaySettings,
  ) {}

  homeAccountId(): Promise<string> {
    this.home ??= this.clients
      .sts()
      .send(new GetCallerIdentityCommand({}))
      .then(({ Account }) => {
        if (!Account) throw new Error('STS GetCallerIdentity returned no account');
        return Account;
      });
    this.home.catch(() => {
      this.home = undefined;
    });
    return this.home;
  }

  async startMultiAccount(request: MultiAccountStart): Promise<AutomationOutcome<{ executionId: string }>> {
    const locations = request.locations.map((location) => ({
      Accounts: location.accountIds,
      Regions: location.regions,
      ExecutionRoleName: request.executionRoleName,
      TargetLocationMaxConcurrency: request.maxConcurrency,
      TargetLocationMaxErrors: request.maxErrors,
    }));
    try {
      const { AutomationExecutionId } = await this.clients.ssm(this.clients.homeRegion).send(
        new StartAutomationExecutionCommand({
          DocumentName: request.runbook,
          Parameters: nonEmpty(request.parameters),
          TargetLocations: locations,
          ClientToken: request.clientToken,
        }),
      );
      return { ok: true, value: { executionId: required(AutomationExecutionId) } };
    } catch (error) {
      return { ok: false, failure: toChildFailure(error, 'StartAutomationExecution') };
    }
  }

  async startInAccount(request: AccountStart): Promise<AutomationOutcome<{ executionId: string }>> {
    const role = this.role(this.settings.fanOutRoleName, request.target.accountId);
    const command = new StartAutomationExecutionCommand({
      DocumentName: request.runbook,
      Parameters: nonEmpty(request.parameters),
      ClientToken: request.clientToken,
    });
    const assumed = await this.assume(role);
    if (!assumed.ok) return assumed;
    try {
      const { AutomationExecutionId } = await this.asRole(role, request.target.region, (client) =>
        client.send(command),
      );
      return { ok: true, value: { executionId: required(AutomationExecutionId) } };
    } catch (error) {
      // Throttled past the SDK's retries: an answer about this place's pace, which the run waits out.
      if (isThrottling(error)) {
        return {
          ok: false,
          failure: { reason: error.name, message: `StartAutomationExecution: ${error.message}` },
        };
      }
      return { ok: false, failure: toChildFailure(error, 'StartAutomationExecution') };
    }
  }

  async stop(execution: ExecutionRef): Promise<AutomationOutcome<void>> {
    const command = new StopAutomationExecutionCommand({
      AutomationExecutionId: execution.executionId,
      Type: 'Cancel',
    });
    try {
      if (execution.accountId === undefined || execution.accountId === (await this.homeAccountId())) {
        await this.clients.ssm(execution.region).send(command);
      } else {
        const role = this.role(this.settings.fanOutRoleName, execution.accountId);
        const assumed = await this.assume(role);
        if (!assumed.ok) return assumed;
        await this.asRole(role, execution.region, (client) => client.send(command));
      }
      return { ok: true, value: undefined };
    } catch (error) {
      return { ok: false, failure: toChildFailure(error, 'StopAutomationExecution') };
    }
  }

  async describe(execution: ExecutionRef): Promise<AutomationOutcome<ExecutionSnapshot>> {
    try {
      let call: <T>(send: (client: SSMClient) => Promise<T>) => Promise<T>;
      if (execution.accountId === undefined || execution.accountId === (await this.homeAccountId())) {
        call = (send) => send(this.clients.ssm(execution.region));
      } else {
        const role = this.role(this.settings.readRoleName, execution.accountId);
        const assumed = await this.assume(role);
        if (!assumed.ok) return assumed;
        call = (send) => this.asRole(role, execution.region, send);
      }
      const { AutomationExecution: found } = await call((client) =>
        client.send(new GetAutomationExecutionCommand({ AutomationExecutionId: execution.executionId })),
      );
      if (!found?.AutomationExecutionStatus)
        throw new Error(`GetAutomationExecution ${execution.executionId} returned no status`);
      const steps = new SnapshotSteps(Boolean(found.TargetLocations?.length));
      if (!found.StepExecutionsTruncated) steps.add(found.StepExecutions ?? []);
      else {
        // AWS lists only the first step executions (a multi-account parent has one per account and region):
        // the whole list is read page by page, each page folded in before the next is asked for.
        let NextToken: string | undefined;
        do {
          const page = await call((client) =>
            client.send(
              new DescribeAutomationStepExecutionsCommand({
                AutomationExecutionId: execution.executionId,
                MaxResults: 50,
                NextToken,
              }),
            ),
          );
          steps.add(page.StepExecutions ?? []);
          NextToken = page.NextToken;
        } while (NextToken);
      }
      return { ok: true, value: toSnapshot(execution.executionId, found, steps) };
    } catch (error) {
      return { ok: false, failure: toChildFailure(error, 'GetAutomationExecution') };
    }
  }

  async describeExecutions(
    location: ExecutionLocation,
    filter: DescribeFilter,
  ): Promise<AutomationOutcome<ExecutionSummary[]>> {
    const input = { Filters: [{ Key: filter.key, Values: filter.values }], MaxResults: 50 };
    try {
      const read = async (client: ReturnType<AwsClients['ssm']>) => {
        const summaries: ExecutionSummary[] = [];
        for await (const page of paginateDescribeAutomationExecutions({ client }, input)) {
          for (const metadata of page.AutomationExecutionMetadataList ?? []) {
            const summary = toSummary(metadata);
            if (summary) summaries.push(summary);
          }
        }
        return summaries;
      };
      if (location.accountId === (await this.homeAccountId())) {
        return { ok: true, value: await read(this.clients.ssm(location.region)) };
      }
      const role = this.role(this.settings.readRoleName, location.accountId);
      const assumed = await this.assume(role);
      if (!assumed.ok) return assumed;
      return { ok: true, value: await this.asRole(role, location.region, read) };
    } catch (error) {
      return { ok: false, failure: toChildFailure(error, 'DescribeAutomationExecutions') };
    }
  }

  private role(name: string, accountId: string): RoleToAssume {
    return { roleArn: `arn:aws:iam::${accountId}:role/${name}`, externalId: this.settings.externalId };
  }

  /** Assumes the role (or reuses its cached credentials), so a refusal is reported as AssumeRole's. */
  private async assume(role: RoleToAssume): Promise<AutomationOutcome<void>> {
    try {
      await this.roles.identity(role).credentials();
      return { ok: true, value: undefined };
    } catch (error) {
      return { ok: false, failure: toChildFailure(error, `AssumeRole ${role.roleArn}`) };
    }
  }

  /** Calls as the role; when AWS says the credentials expired (clocks disagree), assumes again once. */
  private async asRole<T>(
    role: RoleToAssume,
    region: string,
    call: (client: ReturnType<AwsClients['ssm']>) => Promise<T>,
  ): Promise<T> {
    const identity = this.roles.identity(role);
    try {
      return await call(this.clients.ssm(region, identity));
    } catch (error) {
      if (!isExpiredToken(error)) throw error;
      this.roles.invalidate(role);
      this.clients.discard(identity.key);
      return call(this.clients.ssm(region, this.roles.identity(role)));
    }
  }
}

function required(executionId: string | undefined): string {
  if (!executionId) throw new Error('StartAutomationExecution returned no AutomationExecutionId');
  return executionId;
}

/** SSM's Parameters map must hold at least one entry: none given means leave it out. */
function nonEmpty(parameters: Record<string, string[]>): Record<string, string[]> | undefined {
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

/** An execution's steps as they are read (one answer, or page after page), kept only as the snapshot needs them. */
class SnapshotSteps {
  readonly steps: StepSummary[] = [];
  readonly locations: ChildReport[] = [];
  failedStep?: { name?: string; message?: string };

  constructor(private readonly multiAccount: boolean) {}

  add(page: readonly StepExecution[]): void {
    for (const step of page) {
      this.steps.push(toStepSummary(step));
      if (this.multiAccount) this.locations.push(...locationReport(step));
      if (!this.failedStep && (step.StepStatus === 'Failed' || step.StepStatus === 'TimedOut'))
        this.failedStep = { name: step.StepName, message: step.FailureMessage };
    }
  }
}

function toSnapshot(
  executionId: string,
  execution: AutomationExecution,
  read: SnapshotSteps,
): ExecutionSnapshot {
  const message = read.failedStep?.message ?? execution.FailureMessage;
  return {
    executionId,
    status: execution.AutomationExecutionStatus as AutomationStatus,
    startedAt: execution.ExecutionStartTime?.toISOString(),
    endedAt: execution.ExecutionEndTime?.toISOString(),
    failure: message ? { reason: read.failedStep?.name ?? 'Failed', message } : undefined,
    locations: read.locations,
    steps: read.steps,
  };
}

/** A multi-account parent's `aws:executeAutomation` step for one account and region. */
function locationReport(step: StepExecution): ChildReport[] {
  const accountId = step.TargetLocation?.Accounts?.[0];
  const region = step.TargetLocation?.Regions?.[0];
  if (!accountId || !region || !step.StepStatus) return [];
  const executionId = step.Outputs?.ExecutionId?.[0];
  return [
    {
      accountId,
      region,
      status: step.StepStatus as AutomationStatus,
      executionId,
      startedAt: step.ExecutionStartTime?.toISOString(),
      endedAt: step.ExecutionEndTime?.toISOString(),
      // The step is named after the location (`444444444402-us-east-1`), not a step of the runbook: a failure
      // with no child execution means the runbook never started there (a missing role, a disabled region).
      failure: step.FailureMessage
        ? { reason: executionId ? (step.StepName ?? 'Failed') : NOT_STARTED, message: step.FailureMessage }
        : undefined,
    },
  ];
}

function toSummary(metadata: AutomationExecutionMetadata): ExecutionSummary | undefined {
  if (!metadata.AutomationExecutionId || !metadata.AutomationExecutionStatus) return undefined;
  return {
    executionId: metadata.AutomationExecutionId,
    status: metadata.AutomationExecutionStatus,
    currentStep: metadata.CurrentStepName,
    parentExecutionId: metadata.ParentAutomationExecutionId,
    runbook: metadata.DocumentName,
    executedBy: metadata.ExecutedBy,
    startedAt: metadata.ExecutionStartTime?.toISOString(),
    endedAt: metadata.ExecutionEndTime?.toISOString(),
  };
}

function toStepSummary(step: StepExecution): StepSummary {
  return {
    name: step.StepName ?? '(unnamed)',
    action: step.Action ?? '',
    status: (step.StepStatus ?? 'Pending') as AutomationStatus,
    startedAt: step.ExecutionStartTime?.toISOString(),
    endedAt: step.ExecutionEndTime?.toISOString(),
    outputs: step.Outputs,
    failureMessage: step.FailureMessage,
  };
}
