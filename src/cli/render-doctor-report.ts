// The readiness check's report as text for a terminal: the organization, the account × region matrix
// (accounts with problems first), then each fix once with where it applies.
import type { DoctorReport, PlaceVerdict } from '../core/doctor/diagnose-organization.js';
import { accountsByTrouble, doctorFixes } from '../core/doctor/doctor-fixes.js';
import { ACCOUNT_WIDE_CODES, type Finding } from '../core/doctor/readiness-problem.js';

/** Places a fix lists by name before it says "and N more". */
const PLACES_SHOWN = 6;

const mark = (findings: readonly Finding[]) =>
  findings.some((finding) => finding.severity === 'blocking') ? '✗' : findings.length > 0 ? '!' : '✓';

const codesOf = (findings: readonly Finding[]) =>
  findings.length === 0
    ? '✓'
    : `${mark(findings)} ${[...new Set(findings.map((finding) => finding.code))].join(',')}`;

const accountWide = (finding: Finding) => ACCOUNT_WIDE_CODES.has(finding.code);

export function renderDoctorReport(report: DoctorReport): string {
  const lines: string[] = [];
  lines.push(`Organization (the bot runs in account ${report.callerAccountId}):`);
  if (report.organization.length === 0) lines.push('  ✓ everything checked is in place');
  for (const finding of report.organization) {
    lines.push(`  ${mark([finding])} ${finding.code}: ${finding.explanation}`);
  }
  lines.push('', ...renderMatrix(report), '');
  const fixes = doctorFixes(report);
  if (fixes.length > 0) {
    lines.push('Fixes (blocking first):');
    fixes.forEach((fix, index) => {
      const where =
        fix.where.length > PLACES_SHOWN
          ? `${fix.where.slice(0, PLACES_SHOWN).join(', ')} and ${fix.where.length - PLACES_SHOWN} more`
          : fix.where.join(', ');
      lines.push(`  ${index + 1}. [${fix.severity}] ${fix.code} — ${where}`);
      lines.push(`     ${fix.explanation}`);
      lines.push(`     fix: ${fix.fix}`);
    });
    lines.push('');
  }
  lines.push(
    report.exitCode === 0
      ? `Ready: ${report.warnings} warning(s), nothing blocks runs.`
      : `Not ready: ${report.blocking} blocking problem(s), ${report.warnings} warning(s).`,
  );
  return `${lines.join('\n')}\n`;
}

function renderMatrix(report: DoctorReport): string[] {
  if (report.places.length === 0) return ['Accounts × regions: no member account was checked.'];
  const byPlace = new Map(report.places.map((place) => [`${place.accountId} ${place.region}`, place]));
  const rows = accountsByTrouble(report).map((accountId) => {
    const places = report.places.filter((place) => place.accountId === accountId);
    const name = places[0]?.accountName ?? '';
    // Role problems are the same in every region: one column for them, then each region's own.
    const roles = places[0]?.findings.filter(accountWide) ?? [];
    return [
      `${accountId} ${name}`.trim(),
      codesOf(roles),
      ...report.regions.map((region) => {
        const place: PlaceVerdict | undefined = byPlace.get(`${accountId} ${region}`);
        return place ? codesOf(place.findings.filter((finding) => !accountWide(finding))) : '–';
      }),
    ];
  });
  const header = ['account', 'roles', ...report.regions];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (row: string[]) =>
    `  ${row.map((text, column) => text.padEnd(widths[column]!)).join('  ')}`.trimEnd();
  return [
    'Accounts × regions (✓ ready, ! warning, ✗ blocks runs; problems first):',
    line(header),
    ...rows.map(line),
  ];
}
