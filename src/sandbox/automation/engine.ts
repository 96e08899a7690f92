// Automation executions: where they live (account and region), how they start, stop and end, and the
// events they emit. Single-account runs play through StepRunner; TargetLocations runs through MultiAccountRun.
import { createHash } from 'node:crypto';
import { AwsServiceError } from '../aws-error.js';
import type { Principal } from '../principal.js';
import { patchedInstances } from '../ssm/apply-patch-baseline.js';
import { validateAutomationParameters } from '../ssm/document-catalog.js';
import type { Runbook } from '../ssm/runbook.js';
import type { SandboxWorld } from '../world.js';
import { executionStatusEvent, stepStatusEvent } from './automation-events.js';
import { ConcurrencyQuota } from './concurrency-quota.js';
import {
  type ExecutionRecord,
  FINAL_STATUSES,
  type StepRecord,
  type TargetLocationSpec,
} from './execution.js';
import { type ChildTarget, MultiAccountRun } from './multi-account-run.js';
import { StepRunner } from './step-runner.js';

export interface StartRequest {
  documentName: string;
  documentVersion?: string;
  parameters?: Record<string, string[]>;
  clientToken?: string;
  targetLocations?: TargetLocationSpec[];
  tags?: Array<{ Key: string; Value: string }>;
}

const bucketKey = (accountId: string, region: string) => `${accountId}|${region}`;

export class AutomationEngine {
  private readonly buckets = new Map<string, Map<string, ExecutionRecord>>();
  private readonly childrenByParent = new Map<string, ExecutionRecord[]>();
  private readonly multiAccountRuns = new Map<string, MultiAccountRun>();
  private readonly clientTokens = new Map<string, { executionId: string; fingerprint: string }>();
  private readonly runner: StepRunner;
  private readonly quota: ConcurrencyQuota;

  constructor(readonly world: SandboxWorld) {
    this.quota = new ConcurrencyQuota(world.fixture.automationQuota);
    this.runner = new StepRunner(world, {
      statusChanged: (execution) => this.emitStatus(execution),
      stepChanged: (execution, step) => this.emitStep(execution, step),
      finished: (execution) => this.childEnded(execution),
    });
  }

  /** StartAutomationExecution as `caller` in `region`; returns the execution id. */
  start(request: StartRequest, caller: Principal, region: string): string {
    const accountId = caller.accountId;
    const tokenKey = request.clientToken
      ? `${bucketKey(accountId, region)}|${request.clientToken}`
      : undefined;
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ ...request, clientToken: undefined }))
      .digest('hex');
    if (tokenKey) {
      const earlier = this.clientTokens.get(tokenKey);
      if (earlier && earlier.fingerprint === fingerprint) return earlier.executionId;
      if (earlier) {
        throw new AwsServiceError(
          'IdempotentParameterMismatch',
          'Error occurred during operation: ClientToken was used before with different parameters.',
        );
      }
    }
    const runbook = this.findRunbook(accountId, request.documentName, request.documentVersion);
    const parameters = validateAutomationParameters(runbook, request.parameters);
    const id = this.world.ids.uuid();
    const begin = () => {
      if (execution.status !== 'Pending') return this.quota.release(execution, execution.id);
      if (request.targetLocations) this.startMultiAccount(execution, runbook);
      else this.runner.start(execution, runbook);
    };
    // Refused before anything is stored: a start over the quota leaves no trace, as in SSM.
    const ticket = this.quota.reserve({ accountId, region }, id);
    const execution = this.store({
      id,
      accountId,
      region,
      documentName: runbook.name,
      documentVersion: runbook.documentVersion,
      parameters,
      status: 'Pending',
      startTime: this.world.clock.now(),
      executedBy: caller.arn,
      mode: 'Auto',
      automationType: request.targetLocations ? 'CrossAccount' : 'Local',
      targetLocations: request.targetLocations,
      steps: [],
      outputs: {},
      tags: request.tags ?? [],
    });
    if (tokenKey) this.clientTokens.set(tokenKey, { executionId: execution.id, fingerprint });
    this.emitStatus(execution);
    ticket.whenAdmitted(begin);
    return execution.id;
  }

  get(accountId: string, region: string, id: string): ExecutionRecord | undefined {
    return this.buckets.get(bucketKey(accountId, region))?.get(id);
  }

  /** Every execution in one account and region, newest first. */
  list(accountId: string, region: string): ExecutionRecord[] {
    return [...(this.buckets.get(bucketKey(accountId, region))?.values() ?? [])].reverse();
  }

  childrenOf(parentId: string): ExecutionRecord[] {
    return this.childrenByParent.get(parentId) ?? [];
  }

  /** StopAutomationExecution; the caller must see the execution. */
  stop(accountId: string, region: string, id: string): void {
    const execution = this.get(accountId, region, id);
    if (!execution) throw notFound(id);
    if (FINAL_STATUSES.has(execution.status) || execution.status === 'Cancelling') {
      throw new AwsServiceError(
        'InvalidAutomationStatusUpdateException',
        `The specified update status operation is not valid: execution ${id} is ${execution.status}.`,
      );
    }
    const run = this.multiAccountRuns.get(id);
    if (run) {
      execution.status = 'Cancelling';
      this.emitStatus(execution);
      run.stop();
    } else {
      this.runner.stop(execution);
    }
  }

  private findRunbook(accountId: string, name: string, version?: string): Runbook {
    const lookup = this.world.documents.lookup(accountId, name, version);
    if (lookup.found && lookup.document.documentType === 'Automation') return lookup.document;
    if (!lookup.found && lookup.reason === 'no-such-version') {
      throw new AwsServiceError(
        'AutomationDefinitionVersionNotFoundException',
        `Automation document ${name} does not have version ${version}.`,
      );
    }
    throw new AwsServiceError(
      'AutomationDefinitionNotFoundException',
      `Automation definition ${name} not found.`,
    );
  }

  private startMultiAccount(parent: ExecutionRecord, runbook: Runbook): void {
    const assumeRoleArn = runbook.assumeRoleParameter
      ? parent.parameters[runbook.assumeRoleParameter]?.[0]
      : undefined;
    const decision = assumeRoleArn
      ? this.world.identities.evaluateTrust({ kind: 'service', service: 'ssm.amazonaws.com' }, assumeRoleArn)
      : undefined;
    if (!decision?.allowed || !assumeRoleArn?.startsWith(`arn:aws:iam::${parent.accountId}:`)) {
      const reason = !assumeRoleArn
        ? `the ${runbook.assumeRoleParameter ?? 'AutomationAssumeRole'} parameter must name the administration role`
        : decision && !decision.allowed
          ? decision.reason
          : `${assumeRoleArn} is not a role in account ${parent.accountId}`;
      this.world.clock.after(0, () =>
        this.finishParent(
          parent,
          'Failed',
          `The Automation administration role cannot be assumed: ${reason}.`,
        ),
      );
      return;
    }
    parent.status = 'InProgress';
    this.emitStatus(parent);
    const run = new MultiAccountRun(
      this.world,
      {
        launchChild: (owner, book, target, executedBy) => this.launchChild(owner, book, target, executedBy),
        stopChild: (child) => this.runner.stop(child),
        finishParent: (owner, status, message) => this.finishParent(owner, status, message),
        stepChanged: (owner, step) => this.emitStep(owner, step),
      },
      parent,
      runbook,
      decision.role,
    );
    this.multiAccountRuns.set(parent.id, run);
    run.start();
  }

  private launchChild(parent: ExecutionRecord, runbook: Runbook, target: ChildTarget, executedBy: string) {
    const parameters = { ...parent.parameters };
    if (runbook.assumeRoleParameter) {
      parameters[runbook.assumeRoleParameter] = [
        `arn:aws:iam::${target.accountId}:role/${target.executionRoleName}`,
      ];
    }
    const child = this.store({
      id: this.world.ids.uuid(),
      accountId: target.accountId,
      region: target.region,
      documentName: parent.documentName,
      documentVersion: parent.documentVersion,
      parameters,
      status: 'Pending',
      startTime: this.world.clock.now(),
      executedBy,
      mode: 'Auto',
      automationType: 'Local',
      parentId: parent.id,
      steps: [],
      outputs: {},
      tags: [],
    });
    this.emitStatus(child);
    this.quota.reserve(child, child.id, true).whenAdmitted(() => {
      if (child.status === 'Pending') this.runner.start(child, runbook);
      else this.quota.release(child, child.id);
    });
    return child;
  }

  private finishParent(
    parent: ExecutionRecord,
    status: 'Success' | 'Failed' | 'Cancelled',
    message?: string,
  ) {
    parent.endTime = this.world.clock.now();
    if (message) parent.failureMessage = message;
    parent.status = status;
    this.emitStatus(parent);
    this.multiAccountRuns.delete(parent.id);
    this.quota.release(parent, parent.id);
  }

  private childEnded(execution: ExecutionRecord): void {
    this.quota.release(execution, execution.id);
    if (execution.parentId) this.multiAccountRuns.get(execution.parentId)?.childFinished(execution);
  }

  private store(execution: ExecutionRecord): ExecutionRecord {
    const key = bucketKey(execution.accountId, execution.region);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(key, bucket);
    }
    bucket.set(execution.id, execution);
    if (execution.parentId) {
      const siblings = this.childrenByParent.get(execution.parentId) ?? [];
      siblings.push(execution);
      this.childrenByParent.set(execution.parentId, siblings);
    }
    return execution;
  }

  private emitStatus(execution: ExecutionRecord): void {
    this.world.events.publish(executionStatusEvent(this.world.ids.uuid(), execution, this.world.clock.now()));
  }

  private emitStep(execution: ExecutionRecord, step: StepRecord): void {
    const patched = patchedInstances(step);
    if (patched) {
      this.world.patchStates.install(execution.accountId, execution.region, patched, this.world.clock.now());
    }
    this.world.events.publish(
      stepStatusEvent(this.world.ids.uuid(), execution, step, this.world.clock.now()),
    );
  }
}

export const notFound = (id: string) =>
  new AwsServiceError('AutomationExecutionNotFoundException', `Automation execution ${id} not found.`);
