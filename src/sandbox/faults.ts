// Failure injection: API errors, added latency and step failures, set in the fixture or at run time.
import { AwsServiceError } from './aws-error.js';
import type { FaultRuleSpec } from './fixture.js';

export interface FaultRule extends FaultRuleSpec {
  id: string;
}

export interface ApiCallScope {
  service: string;
  operation: string;
  accountId: string;
  region: string;
}

export interface StepScope {
  documentName: string;
  stepName: string;
  accountId: string;
  region: string;
}

export interface StepFault {
  status: 'Failed' | 'TimedOut';
  message: string;
}

const matches = (expected: string | undefined, actual: string) =>
  expected === undefined || expected === actual;

export class FaultRules {
  private rules: FaultRule[] = [];
  private nextId = 1;

  constructor(
    specs: FaultRuleSpec[],
    private readonly random: () => number,
  ) {
    for (const spec of specs) this.add(spec);
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  add(spec: FaultRuleSpec): FaultRule {
    const rule: FaultRule = { ...spec, id: spec.id ?? `fault-${this.nextId++}` };
    this.rules = this.rules.filter((existing) => existing.id !== rule.id).concat(rule);
    return { ...rule };
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /** Added latency for this call, summed over matching latency rules. */
  latencyFor(scope: ApiCallScope): number {
    let delay = 0;
    for (const rule of this.rules) {
      if (rule.kind === 'api-latency' && this.appliesToCall(rule, scope) && this.fires(rule)) {
        delay += rule.delayMs ?? 0;
      }
    }
    return delay;
  }

  /**
   * The injected error for this call, if a rule fires. A rule without `httpStatus` gets `statusOf(code)`:
   * the status the service's model gives that code.
   */
  errorFor(scope: ApiCallScope, statusOf: (code: string) => number | undefined = () => undefined) {
    for (const rule of this.rules) {
      if (rule.kind === 'api-error' && this.appliesToCall(rule, scope) && this.fires(rule)) {
        const code = rule.errorCode ?? 'AccessDeniedException';
        const status =
          rule.httpStatus ??
          statusOf(code) ??
          (code === 'InternalServerError' || code === 'InternalFailure' ? 500 : 400);
        return new AwsServiceError(
          code,
          rule.message ??
            `Injected ${code} for ${scope.service}:${scope.operation} (sandbox fault ${rule.id})`,
          status,
          status >= 500 ? 'server' : 'client',
        );
      }
    }
    return undefined;
  }

  /** The injected outcome for one step of one execution, if a rule fires. */
  stepFaultFor(scope: StepScope): StepFault | undefined {
    for (const rule of this.rules) {
      if (
        rule.kind === 'step-failure' &&
        matches(rule.documentName, scope.documentName) &&
        matches(rule.stepName, scope.stepName) &&
        matches(rule.accountId, scope.accountId) &&
        matches(rule.region, scope.region) &&
        this.fires(rule)
      ) {
        return {
          status: rule.stepStatus ?? 'Failed',
          message: rule.message ?? `Step ${scope.stepName} failed (sandbox fault ${rule.id})`,
        };
      }
    }
    return undefined;
  }

  private appliesToCall(rule: FaultRule, scope: ApiCallScope): boolean {
    return (
      matches(rule.service, scope.service) &&
      matches(rule.operation, scope.operation) &&
      matches(rule.accountId, scope.accountId) &&
      matches(rule.region, scope.region)
    );
  }

  private fires(rule: FaultRule): boolean {
    if (rule.probability < 1 && this.random() >= rule.probability) return false;
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.remove(rule.id);
    }
    return true;
  }
}
