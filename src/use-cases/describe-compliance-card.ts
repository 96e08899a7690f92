// App Home's compliance card: the cached snapshot as this person may see it. The Home never reads the whole
// organization itself: with nothing cached it asks the worker for a read and says so.
import type { Subject } from '../core/policy/subject.js';
import type { ComplianceServices } from './compliance-services.js';
import type { RunContext } from './run-context.js';
import { type ComplianceAnswer, showCompliance } from './show-compliance.js';

export type ComplianceCard =
  | Extract<ComplianceAnswer, { kind: 'summary' }>
  /** Nothing cached yet: a read was asked for. */
  | { kind: 'not-read-yet' };

const EVERYWHERE = { accounts: [], organizationalUnits: [], regions: [] };

export async function describeComplianceCard(
  run: RunContext,
  compliance: ComplianceServices,
  subject: Subject,
): Promise<ComplianceCard> {
  if (!(await compliance.cache.get())) {
    await compliance.refresh.requestRefresh();
    return { kind: 'not-read-yet' };
  }
  const answer = await showCompliance(run, compliance, { scope: EVERYWHERE, subject });
  return answer.kind === 'summary' ? answer : { kind: 'not-read-yet' };
}
