// Plays a single-account execution step by step on the sandbox clock, as SSM Automation runs a runbook.
import type { TimerHandle } from '../clock.js';
import type { Runbook, RunbookStep } from '../ssm/runbook.js';
import type { SandboxWorld } from '../world.js';
import type { ExecutionRecord, StepRecord, StepStatus } from './execution.js';
import { renderInputs } from './render-inputs.js';
import { chooseBranch, simulatedOutputs, stepDurationSeconds } from './simulate-step.js';

export interface StepRunnerHooks {
  statusChanged(execution: ExecutionRecord): void;
  stepChanged(execution: ExecutionRecord, step: StepRecord): void;
  finished(execution: ExecutionRecord): void;
}

interface Outcome {
  status: StepStatus;
  message?: string;
  failureType?: string;
}

export class StepRunner {
  private readonly timers = new Map<string, TimerHandle>();

  constructor(
    private readonly world: SandboxWorld,
    private readonly hooks: StepRunnerHooks,
  ) {}

  /** Starts the first step right away (on the sandbox clock). */
  start(execution: ExecutionRecord, runbook: Runbook): void {
    this.later(execution, 0, () => {
      this.setStatus(execution, 'InProgress');
      this.runStep(execution, runbook, runbook.steps[0]!, 1);
    });
  }

  /** Cancels the running step; the execution passes through Cancelling to Cancelled. */
  stop(execution: ExecutionRecord): void {
    this.timers.get(execution.id)?.cancel();
    const now = this.world.clock.now();
    for (const step of execution.steps) {
      if (step.status === 'InProgress' || step.status === 'Pending') {
        step.status = 'Cancelled';
        step.endTime = now;
        this.hooks.stepChanged(execution, step);
      }
    }
    this.setStatus(execution, 'Cancelling');
    this.later(execution, 1000, () => this.finish(execution, 'Cancelled'));
  }

  private later(execution: ExecutionRecord, delayMs: number, fn: () => void): void {
    this.timers.set(
      execution.id,
      this.world.clock.after(delayMs, () => {
        this.timers.delete(execution.id);
        fn();
      }),
    );
  }

  private runStep(execution: ExecutionRecord, runbook: Runbook, spec: RunbookStep, attempt: number): void {
    const now = this.world.clock.now();
    let step = execution.steps.findLast(
      (candidate) => candidate.name === spec.name && candidate.status === 'InProgress',
    );
    if (!step) {
      step = {
        stepExecutionId: this.world.ids.uuid(),
        name: spec.name,
        action: spec.action,
        status: 'InProgress',
        startTime: now,
        inputs: renderInputs(spec.inputs, execution, runbook),
        onFailure: spec.onFailure,
        maxAttempts: spec.maxAttempts,
        timeoutSeconds: spec.timeoutSeconds,
        isEnd: spec.isEnd,
        isCritical: spec.isCritical ?? true,
        nextStep: spec.nextStep,
      };
      execution.steps.push(step);
      this.hooks.stepChanged(execution, step);
    }
    const duration = stepDurationSeconds(spec, runbook, execution, this.world.clock.nowMs());
    const timedOut = spec.timeoutSeconds !== undefined && duration > spec.timeoutSeconds;
    const elapsed = timedOut ? spec.timeoutSeconds! : duration;
    const current = step;
    this.later(execution, elapsed * 1000, () => {
      const outcome = timedOut
        ? {
            status: 'TimedOut' as const,
            message: `Step timed out after ${spec.timeoutSeconds} seconds.`,
            failureType: 'Timeout',
          }
        : this.outcomeOf(execution, runbook, spec);
      if (outcome.status !== 'Success' && attempt < (spec.maxAttempts ?? 1)) {
        this.runStep(execution, runbook, spec, attempt + 1);
        return;
      }
      this.completeStep(execution, runbook, spec, current, outcome);
    });
  }

  private outcomeOf(execution: ExecutionRecord, runbook: Runbook, spec: RunbookStep): Outcome {
    const fault = this.world.faults.stepFaultFor({
      documentName: execution.documentName,
      stepName: spec.name,
      accountId: execution.accountId,
      region: execution.region,
    });
    if (fault) return { status: fault.status, message: fault.message, failureType: 'Verification' };
    const simulatedFailure = runbook.simulation[spec.name]?.failure;
    if (simulatedFailure) return { status: 'Failed', message: simulatedFailure, failureType: 'Verification' };
    if (spec.action === 'aws:branch' && chooseBranch(spec, execution, runbook) === undefined) {
      return {
        status: 'Failed',
        message: 'No choice matched and no Default step is defined.',
        failureType: 'Verification',
      };
    }
    return { status: 'Success' };
  }

  private completeStep(
    execution: ExecutionRecord,
    runbook: Runbook,
    spec: RunbookStep,
    step: StepRecord,
    outcome: Outcome,
  ): void {
    step.status = outcome.status;
    step.endTime = this.world.clock.now();
    if (outcome.status === 'Success') {
      step.outputs = simulatedOutputs(spec, runbook, execution);
    } else {
      step.failureMessage = outcome.message;
      step.failureDetails = { FailureStage: 'Execution', FailureType: outcome.failureType ?? 'Verification' };
    }
    this.hooks.stepChanged(execution, step);
    const next = this.nextStep(runbook, spec, step, execution);
    if (next === 'abort') {
      execution.failureMessage =
        `Step fails when it is ${outcome.status === 'TimedOut' ? 'Timed out' : 'Executing'}. ${outcome.message ?? ''}`.trim();
      this.finish(execution, outcome.status === 'TimedOut' ? 'TimedOut' : 'Failed');
    } else if (next === undefined) {
      this.finishNormally(execution, runbook);
    } else {
      this.runStep(execution, runbook, next, 1);
    }
  }

  /** The step to run next, 'abort' to stop the execution, or undefined when the runbook is done. */
  private nextStep(runbook: Runbook, spec: RunbookStep, step: StepRecord, execution: ExecutionRecord) {
    const byName = (name: string | undefined) => runbook.steps.find((candidate) => candidate.name === name);
    const following = runbook.steps[runbook.steps.indexOf(spec) + 1];
    if (step.status !== 'Success') {
      const onFailure = spec.onFailure ?? 'Abort';
      if (onFailure === 'Continue') return spec.isEnd ? undefined : following;
      if (onFailure.startsWith('step:')) return byName(onFailure.slice(5));
      return 'abort' as const;
    }
    if (spec.action === 'aws:branch') return byName(chooseBranch(spec, execution, runbook));
    if (spec.isEnd) return undefined;
    if (spec.nextStep) return byName(spec.nextStep);
    return following;
  }

  private finishNormally(execution: ExecutionRecord, runbook: Runbook): void {
    const failedCritical = execution.steps.find((step) => step.isCritical && step.status !== 'Success');
    if (failedCritical) {
      execution.failureMessage = `Step ${failedCritical.name} failed: ${failedCritical.failureMessage ?? failedCritical.status}`;
      this.finish(execution, failedCritical.status === 'TimedOut' ? 'TimedOut' : 'Failed');
      return;
    }
    for (const name of runbook.outputs) {
      const [stepName, outputName] = name.split('.');
      const values = execution.steps.findLast((step) => step.name === stepName)?.outputs?.[outputName ?? ''];
      if (values) execution.outputs[name] = values;
    }
    this.finish(execution, 'Success');
  }

  private finish(execution: ExecutionRecord, status: 'Success' | 'Failed' | 'TimedOut' | 'Cancelled'): void {
    execution.endTime = this.world.clock.now();
    this.setStatus(execution, status);
    this.hooks.finished(execution);
  }

  private setStatus(execution: ExecutionRecord, status: ExecutionRecord['status']): void {
    if (execution.status === status) return;
    execution.status = status;
    this.hooks.statusChanged(execution);
  }
}
