// App Home's compliance card: the cached snapshot as this person may see it. Publishing a Home (on every run end
// and change of theirs) never reads AWS nor asks for a read: with nothing cached the card says how to get one.
import type { Subject } from '../core/policy/subject.js';
import type { ComplianceServices } from './compliance-services.js';
import type { RunContext } from './run-context.js';
import { type ComplianceAnswer, showCompliance } from './show-compliance.js';

export type ComplianceCard =
  | Extract<ComplianceAnswer, { kind: 'summary' }>
  /** Nothing cached yet. */
  | { kind: 'not-read-yet' };

const EVERYWHERE = { accounts: [], organizationalUnits: [], regions: [] };

export async function describeComplianceCard(
  run: RunContext,
  compliance: ComplianceServices,
  subject: Subject,
): Promise<ComplianceCard> {
  if (!(await compliance.cache.get())) return { kind: 'not-read-yet' };
  const answer = await showCompliance(run, compliance, { scope: EVERYWHERE, subject });
  return answer.kind === 'summary' ? answer : { kind: 'not-read-yet' };
}
