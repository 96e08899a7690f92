// A run's per-target results, as the CSV and JSON files shared in its thread when it ends: one row per account and
// region, every target included (failed, cancelled, refused, never started), in the order people read them.
import type { Organization } from '../organization/organization.js';
import type { ChildExecution, Run, StepSummary } from './run.js';
import { byTarget } from './thread-layout.js';

/** One target's result. Absent values are null, so every row has every field. */
export interface RunResultRow {
  accountId: string;
  accountName: string;
  /** The OU names from the root down to the account's parent (`Workloads/Prod`); '' under the root or unknown. */
  ou: string;
  /** The account's parent OU id, or null under the root or when the organization could not be read. */
  ouId: string | null;
  region: string;
  executionId: string | null;
  /** SSM's status, or the bot's own (`Queued` never started, `StartFailed` refused, `Skipped`). */
  status: string;
  failedStep: string | null;
  failureMessage: string | null;
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  /** Every step's outputs, as `step.Output` → values. */
  outputs: Record<string, string[]>;
}

/** A file shared in the run's thread: its name, a title people read, and its text. */
export interface RunResultFile {
  name: string;
  title: string;
  content: string;
}

const CSV_COLUMNS: ReadonlyArray<[header: string, cell: (row: RunResultRow) => string | number | null]> = [
  ['account_id', (row) => row.accountId],
  ['account_name', (row) => row.accountName],
  ['ou', (row) => row.ou],
  ['region', (row) => row.region],
  ['execution_id', (row) => row.executionId],
  ['status', (row) => row.status],
  ['failed_step', (row) => row.failedStep],
  ['failure_message', (row) => row.failureMessage],
  ['duration_seconds', (row) => row.durationSeconds],
  ['outputs', (row) => (Object.keys(row.outputs).length > 0 ? JSON.stringify(row.outputs) : '')],
];

/** `<run-id>-results.csv` and `<run-id>-results.json`; `organization` names the OUs (without it they are blank). */
export function runResultFiles(run: Run, organization?: Organization): RunResultFile[] {
  const rows = runResultRows(run, organization);
  return [
    { name: `${run.id}-results.csv`, title: `${run.id} results (CSV)`, content: runResultsCsv(rows) },
    { name: `${run.id}-results.json`, title: `${run.id} results (JSON)`, content: runResultsJson(run, rows) },
  ];
}

/** Every child of the run, by account name, account id and region. */
export function runResultRows(run: Pick<Run, 'children'>, organization?: Organization): RunResultRow[] {
  const ouOf = organizationalUnits(organization);
  return [...run.children].sort(byTarget).map((child) => {
    const failed = failedStep(child.steps);
    return {
      accountId: child.accountId,
      accountName: child.accountName,
      ...ouOf(child.accountId),
      region: child.region,
      executionId: child.executionId ?? null,
      status: child.status,
      failedStep: failed?.name ?? null,
      failureMessage: failed?.failureMessage ?? child.failure?.message ?? null,
      startedAt: child.startedAt ?? null,
      endedAt: child.endedAt ?? null,
      durationSeconds: durationSeconds(child),
      outputs: outputsOf(child.steps),
    };
  });
}

/**
 * RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, a quote or a line break. A text
 * cell that a spreadsheet would take for a formula (= + - @, tab, CR) starts with a single quote instead.
 */
export function runResultsCsv(rows: readonly RunResultRow[]): string {
  const lines = [
    CSV_COLUMNS.map(([header]) => header),
    ...rows.map((row) => CSV_COLUMNS.map(([, cell]) => csvCell(cell(row)))),
  ];
  return `${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

/** The run's identity and every row, for scripts. */
export function runResultsJson(run: Run, rows: readonly RunResultRow[]): string {
  const summary = {
    id: run.id,
    runbook: run.runbook.name,
    ...(run.runbook.version ? { runbookVersion: run.runbook.version } : {}),
    mode: run.mode,
    status: run.status,
    requestedBy: run.requester.userId,
    channel: run.channelId,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    ...(run.cancelledBy ? { cancelledBy: run.cancelledBy } : {}),
  };
  return `${JSON.stringify({ run: summary, targets: rows }, null, 2)}\n`;
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The OU path and parent OU of each account, looked up once per run. */
function organizationalUnits(organization: Organization | undefined) {
  const names = new Map(organization?.organizationalUnits.map((unit) => [unit.id, unit.name]));
  const accounts = new Map(organization?.accounts.map((account) => [account.id, account]));
  return (accountId: string): Pick<RunResultRow, 'ou' | 'ouId'> => {
    // The path starts at the root (`r-…`), which is no OU.
    const path = accounts.get(accountId)?.path.slice(1) ?? [];
    return {
      ou: path.map((id) => names.get(id) ?? id).join('/'),
      ouId: path.at(-1) ?? null,
    };
  };
}

function failedStep(steps: readonly StepSummary[] | undefined): StepSummary | undefined {
  return steps?.find((step) => step.status === 'Failed' || step.status === 'TimedOut');
}

function durationSeconds(child: ChildExecution): number | null {
  if (!child.startedAt || !child.endedAt) return null;
  const ms = Date.parse(child.endedAt) - Date.parse(child.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms) / 1000 : null;
}

/** SSM names a step's outputs without the step; the file names them `step.Output`, as runbook outputs are named. */
function outputsOf(steps: readonly StepSummary[] | undefined): Record<string, string[]> {
  const outputs: Record<string, string[]> = {};
  for (const step of steps ?? []) {
    for (const [name, values] of Object.entries(step.outputs ?? {})) {
      outputs[name.includes('.') ? name : `${step.name}.${name}`] = values;
    }
  }
  return outputs;
}
