// The parent of a multi-account (TargetLocations) run: one child execution per account and region,
// started in the member account with its execution role, under TargetLocationMaxConcurrency / MaxErrors.
import { type RoleRecord, roleSessionPrincipal } from '../identity.js';
import type { Principal } from '../principal.js';
import type { Runbook } from '../ssm/runbook.js';
import type { SandboxWorld } from '../world.js';
import type { ExecutionRecord, StepRecord } from './execution.js';

export interface ChildLauncher {
  /** Creates and starts a child execution; returns it. */
  launchChild(
    parent: ExecutionRecord,
    runbook: Runbook,
    target: ChildTarget,
    executedBy: string,
  ): ExecutionRecord;
  stopChild(child: ExecutionRecord): void;
  finishParent(parent: ExecutionRecord, status: 'Success' | 'Failed' | 'Cancelled', message?: string): void;
  stepChanged(parent: ExecutionRecord, step: StepRecord): void;
}

export interface ChildTarget {
  accountId: string;
  region: string;
  executionRoleName: string;
}

/** "10" or "10%" of `total`, at least `floor`. */
export function resolveLimit(value: string, total: number, floor: number): number {
  const percent = /^(\d+)%$/.exec(value);
  const count = percent ? Math.floor((Number(percent[1]) * total) / 100) : Number(value);
  return Math.max(floor, count);
}

export class MultiAccountRun {
  private readonly targets: Array<{ target: ChildTarget; step: StepRecord; child?: ExecutionRecord }> = [];
  private readonly maxConcurrency: number;
  private readonly maxErrors: number;
  /** The administration role session that starts the children, as their ExecutedBy shows. */
  private readonly adminSession: Principal;
  private stopped = false;

  constructor(
    private readonly world: SandboxWorld,
    private readonly launcher: ChildLauncher,
    private readonly parent: ExecutionRecord,
    private readonly runbook: Runbook,
    adminRole: RoleRecord,
  ) {
    this.adminSession = roleSessionPrincipal(adminRole, parent.id);
    for (const location of parent.targetLocations ?? []) {
      for (const accountId of this.expandAccounts(location.Accounts)) {
        for (const region of location.Regions) {
          const step: StepRecord = {
            stepExecutionId: world.ids.uuid(),
            name: `${accountId}-${region}`,
            action: 'aws:executeAutomation',
            status: 'Pending',
            inputs: {
              DocumentName: JSON.stringify(parent.documentName),
              TargetAccount: JSON.stringify(accountId),
              TargetRegion: JSON.stringify(region),
            },
            isCritical: true,
            targetLocation: {
              Accounts: [accountId],
              Regions: [region],
              ExecutionRoleName: location.ExecutionRoleName,
            },
          };
          parent.steps.push(step);
          this.targets.push({
            target: { accountId, region, executionRoleName: location.ExecutionRoleName },
            step,
          });
        }
      }
    }
    const first = parent.targetLocations?.[0];
    this.maxConcurrency = resolveLimit(first?.TargetLocationMaxConcurrency ?? '1', this.targets.length, 1);
    this.maxErrors = resolveLimit(first?.TargetLocationMaxErrors ?? '0', this.targets.length, 0);
  }

  start(): void {
    this.world.clock.after(0, () => this.launchMore());
  }

  /** Called when one of this run's children reaches a final status. */
  childFinished(child: ExecutionRecord): void {
    const entry = this.targets.find((candidate) => candidate.child?.id === child.id);
    if (!entry) return;
    this.endStep(
      entry.step,
      child.status === 'Success' ? 'Success' : child.status === 'Cancelled' ? 'Cancelled' : 'Failed',
      child.failureMessage,
    );
    entry.step.outputs = { ExecutionId: [child.id], Status: [child.status] };
    this.launchMore();
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.targets) {
      if (entry.step.status === 'Pending') this.endStep(entry.step, 'Cancelled');
      else if (entry.child && entry.step.status === 'InProgress') this.launcher.stopChild(entry.child);
    }
    this.launchMore();
  }

  private expandAccounts(ids: string[]): string[] {
    const expanded = ids.flatMap((id) =>
      id.startsWith('ou-') || id.startsWith('r-')
        ? this.world.org
            .accountsUnder(id)
            .filter((account) => account.status === 'ACTIVE')
            .map((account) => account.id)
        : [id],
    );
    return [...new Set(expanded)];
  }

  private failures(): number {
    return this.targets.filter((entry) => entry.step.status === 'Failed' || entry.step.status === 'TimedOut')
      .length;
  }

  private launchMore(): void {
    // Counted once and kept as targets launch: counting per target made each call quadratic, and it runs
    // whenever a child ends (thousands of targets took minutes of CPU, the sandbox answering nothing meanwhile).
    let running = this.targets.filter((entry) => entry.step.status === 'InProgress').length;
    let failures = this.failures();
    for (const entry of this.targets) {
      if (this.stopped || failures > this.maxErrors) break;
      if (running >= this.maxConcurrency) break;
      if (entry.step.status !== 'Pending') continue;
      const status = this.launch(entry);
      if (status === 'InProgress') running++;
      else if (status === 'Failed') failures++;
    }
    if (running > 0) return;
    const thresholdExceeded = this.failures() > this.maxErrors;
    if (this.targets.some((entry) => entry.step.status === 'Pending')) {
      if (!thresholdExceeded && !this.stopped) return;
      for (const entry of this.targets)
        if (entry.step.status === 'Pending') this.endStep(entry.step, 'Cancelled');
    }
    if (this.stopped) this.launcher.finishParent(this.parent, 'Cancelled');
    else if (this.failures() > 0) {
      this.launcher.finishParent(
        this.parent,
        'Failed',
        `${this.failures()} of ${this.targets.length} target locations failed` +
          (thresholdExceeded ? `, exceeding TargetLocationMaxErrors ${this.maxErrors}` : ''),
      );
    } else this.launcher.finishParent(this.parent, 'Success');
  }

  /** Starts the target's child; the step's status after (Failed at once when the target cannot run). */
  private launch(entry: (typeof this.targets)[number]): StepRecord['status'] {
    entry.step.status = 'InProgress';
    entry.step.startTime = this.world.clock.now();
    this.launcher.stepChanged(this.parent, entry.step);
    const problem = this.targetProblem(entry.target);
    if (problem) {
      this.endStep(entry.step, 'Failed', problem);
      return entry.step.status;
    }
    entry.child = this.launcher.launchChild(this.parent, this.runbook, entry.target, this.adminSession.arn);
    entry.step.outputs = { ExecutionId: [entry.child.id] };
    return entry.step.status;
  }

  /** Why a child cannot start in this account and region, as AWS reports it; undefined when it can. */
  private targetProblem(target: ChildTarget): string | undefined {
    const account = this.world.org.account(target.accountId);
    if (account?.status !== 'ACTIVE') {
      return `Account ${target.accountId} is not an active member of the organization.`;
    }
    if (!account.regions.includes(target.region)) {
      return `Region ${target.region} is not enabled for account ${target.accountId}.`;
    }
    const roleArn = `arn:aws:iam::${target.accountId}:role/${target.executionRoleName}`;
    const decision = this.world.identities.evaluateTrust(
      { kind: 'principal', principal: this.adminSession },
      roleArn,
    );
    if (!decision.allowed) {
      return `User: ${this.adminSession.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
    }
    return undefined;
  }

  private endStep(step: StepRecord, status: StepRecord['status'], message?: string): void {
    step.status = status;
    step.startTime ??= this.world.clock.now();
    step.endTime = this.world.clock.now();
    if (message && status !== 'Success') {
      step.failureMessage = message;
      step.failureDetails = { FailureStage: 'Execution', FailureType: 'Verification' };
    }
    this.launcher.stepChanged(this.parent, step);
  }
}
