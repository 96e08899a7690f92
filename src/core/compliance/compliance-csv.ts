// Every non-compliant instance as CSV (RFC 4180, as the run results are), worst first: what Download uploads.
import { csvCell } from '../run/run-results.js';
import type { InstancePatchCompliance } from './patch-compliance.js';

const COLUMNS: Array<
  [string, (instance: InstancePatchCompliance, names: ReadonlyMap<string, string>) => string | number]
> = [
  ['account_id', (instance) => instance.accountId],
  ['account_name', (instance, names) => names.get(instance.accountId) ?? ''],
  ['region', (instance) => instance.region],
  ['instance_id', (instance) => instance.instanceId],
  ['critical_missing', (instance) => instance.critical],
  ['security_missing', (instance) => instance.security],
  ['missing', (instance) => instance.missing],
  ['failed', (instance) => instance.failed],
  ['last_patch_operation', (instance) => instance.lastOperationAt?.toISOString() ?? ''],
];

export function nonCompliantInstancesCsv(
  instances: readonly InstancePatchCompliance[],
  accountNames: ReadonlyMap<string, string>,
): string {
  const lines = [
    COLUMNS.map(([header]) => header),
    ...instances.map((instance) => COLUMNS.map(([, cell]) => csvCell(cell(instance, accountNames)))),
  ];
  return `${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
