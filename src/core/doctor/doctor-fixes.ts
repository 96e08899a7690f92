// The report's fixes, each once with the places it applies to, blocking first: what both the CLI and Slack list.
import type { DoctorReport } from './diagnose-organization.js';
import { ACCOUNT_WIDE_CODES, type ProblemCode, type Severity } from './readiness-problem.js';

export interface FixToApply {
  code: ProblemCode;
  severity: Severity;
  fix: string;
  /** "organization", the account (a role's problem is the same in all its regions), or "ACCOUNT REGION". */
  where: string[];
  /** The explanation of the first place it applies to (the others differ only in the account or region). */
  explanation: string;
}

export function doctorFixes(report: DoctorReport): FixToApply[] {
  const byFix = new Map<string, FixToApply>();
  const add = (finding: DoctorReport['organization'][number], where: string) => {
    const key = `${finding.code}|${finding.fix}`;
    const known = byFix.get(key);
    if (!known) byFix.set(key, { ...finding, where: [where] });
    else if (!known.where.includes(where)) known.where.push(where);
  };
  for (const finding of report.organization) add(finding, 'organization');
  for (const place of report.places) {
    for (const finding of place.findings) {
      add(
        finding,
        ACCOUNT_WIDE_CODES.has(finding.code) ? place.accountId : `${place.accountId} ${place.region}`,
      );
    }
  }
  const rank = (fix: FixToApply) => (fix.severity === 'blocking' ? 0 : 1);
  return [...byFix.values()].sort((a, b) => rank(a) - rank(b));
}

/** Accounts with a blocking finding first, then with warnings, then healthy ones; stable within each. */
export function accountsByTrouble(report: DoctorReport): string[] {
  const worst = new Map<string, number>();
  for (const place of report.places) {
    const score = place.findings.some((finding) => finding.severity === 'blocking')
      ? 0
      : place.findings.length > 0
        ? 1
        : 2;
    worst.set(place.accountId, Math.min(worst.get(place.accountId) ?? 2, score));
  }
  return [...worst.keys()].sort((a, b) => worst.get(a)! - worst.get(b)!);
}
