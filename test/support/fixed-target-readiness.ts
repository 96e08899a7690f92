// A TargetReadiness for tests that do not ask AWS: every target ready, unless a test names its answers.
import { type Target, targetKey } from '../../src/core/organization/organization.js';
import type { Readiness } from '../../src/core/run/target-readiness.js';
import type { TargetReadiness } from '../../src/ports.js';

/** Answers `answers[targetKey]` where given, ready elsewhere; records each check's targets and mode. */
export class FixedTargetReadiness implements TargetReadiness {
  readonly checks: Array<{ targets: Target[]; mode: string; budgetMs: number }> = [];

  constructor(private readonly answers: Record<string, Readiness> = {}) {}

  async check(targets: readonly Target[], mode: string, { budgetMs }: { budgetMs: number }) {
    this.checks.push({ targets: [...targets], mode, budgetMs });
    return Object.fromEntries(
      targets.map((target) => [
        targetKey(target),
        this.answers[targetKey(target)] ?? { kind: 'ready' as const },
      ]),
    );
  }
}
