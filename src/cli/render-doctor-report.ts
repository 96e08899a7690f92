// The readiness check's report as text for a terminal: the organization, the account × region matrix
// (accounts with problems first), then each fix once with where it applies.
import type { DoctorReport, PlaceVerdict } from '../core/doctor/diagnose-organization.js';
import { accountsByTrouble, doctorFixes } from '../core/doctor/doctor-fixes.js';
import type { Finding } from '../core/doctor/readiness-problem.js';

/** Places a fix lists by name before it says "and N more". */
const PLACES_SHOWN = 6;

const mark = (findings: readonly Finding[]) =>
  findings.some((finding) => finding.severity === 'blocking') ? '✗' : findings.length > 0 ? '!' : '✓';

const cell = (place: PlaceVerdict | undefined) => {
  if (!place) return '–';
  if (place.findings.length === 0) return '✓';
  return `${mark(place.findings)} ${[...new Set(place.findings.map((finding) => finding.code))].join(',')}`;
};

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
  const names = new Map(report.places.map((place) => [place.accountId, place.accountName ?? '']));
  const rows = accountsByTrouble(report).map((accountId) => [
    `${accountId} ${names.get(accountId) ?? ''}`.trim(),
    ...report.regions.map((region) => cell(byPlace.get(`${accountId} ${region}`))),
  ]);
  const header = ['account', ...report.regions];
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
