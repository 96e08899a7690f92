// Managed instances and their patch states per account × region, built deterministically from the fixture.
import { createHash } from 'node:crypto';
import type { SandboxClock } from '../clock.js';
import type { SandboxFixture } from '../fixture.js';
import type { Organization } from '../organization.js';

/** One managed instance's patch state, as Patch Manager's last Scan left it. */
export interface InstancePatchRecord {
  instanceId: string;
  accountId: string;
  region: string;
  patchGroup: string;
  baselineId: string;
  installed: number;
  missing: number;
  critical: number;
  security: number;
  failed: number;
  scanStart: Date;
  scanEnd: Date;
  /** The Run Command id of the scan, as Compliance's ExecutionSummary names it. */
  scanCommandId: string;
}

/** AWS's predefined default baseline for Amazon Linux 2 (us-east-1 id form; one id is enough for the sandbox). */
const DEFAULT_BASELINE = 'pb-0e392de35e7c563b7';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export class PatchStateStore {
  /** By `account|region`, in instance id order (the order AWS lists them in is not documented; stable is what matters). */
  private readonly byPlace = new Map<string, InstancePatchRecord[]>();

  static fromFixture(fixture: SandboxFixture, org: Organization, clock: SandboxClock): PatchStateStore {
    const store = new PatchStateStore();
    const now = clock.nowMs();
    for (const place of fixture.managedInstances) {
      // Fixtures derived from the default one (the benchmarks' organizations) replace its accounts but keep
      // this list: places of accounts they do not have are left out rather than refused.
      if (!org.account(place.account)) continue;
      const scanEnd = new Date(now - place.scannedHoursAgo * 3_600_000);
      const scanStart = new Date(scanEnd.getTime() - 90_000);
      const kinds = [
        ...Array.from({ length: place.compliant }, () => ({
          missing: 0,
          critical: 0,
          security: 0,
          failed: 0,
        })),
        ...place.nonCompliant.flatMap((kind) => Array.from({ length: kind.count }, () => kind)),
      ];
      const records = kinds.map((kind, index): InstancePatchRecord => {
        const seed = digest(`${place.account}|${place.region}|${index}`);
        return {
          instanceId: `i-0${seed.slice(0, 16)}`,
          accountId: place.account,
          region: place.region,
          patchGroup: index % 2 === 0 ? 'web' : 'batch',
          baselineId: DEFAULT_BASELINE,
          installed: place.installed,
          missing: kind.missing,
          critical: kind.critical,
          security: kind.security,
          failed: kind.failed,
          scanStart,
          scanEnd,
          scanCommandId: `${seed.slice(16, 24)}-${seed.slice(24, 28)}-4${seed.slice(29, 32)}-8${seed.slice(33, 36)}-${seed.slice(36, 48)}`,
        };
      });
      const key = `${place.account}|${place.region}`;
      store.byPlace.set(
        key,
        [...(store.byPlace.get(key) ?? []), ...records].sort((a, b) =>
          a.instanceId.localeCompare(b.instanceId),
        ),
      );
    }
    return store;
  }

  /** A successful Install: the instances' missing and failed patches are installed, scanned at `at`. */
  install(accountId: string, region: string, which: 'all' | readonly string[], at: Date): number {
    let patched = 0;
    for (const record of this.byPlace.get(`${accountId}|${region}`) ?? []) {
      if (which !== 'all' && !which.includes(record.instanceId)) continue;
      record.installed += record.missing;
      record.missing = 0;
      record.critical = 0;
      record.security = 0;
      record.failed = 0;
      record.scanStart = at;
      record.scanEnd = at;
      patched++;
    }
    return patched;
  }

  /** Every managed instance of one account in one region. */
  instances(accountId: string, region: string): readonly InstancePatchRecord[] {
    return this.byPlace.get(`${accountId}|${region}`) ?? [];
  }
}

/** Non-compliant for Patch: a missing or failed patch (AWS: "Missing" and "Failed" patches make an instance non-compliant). */
export const isNonCompliant = (record: InstancePatchRecord) => record.missing > 0 || record.failed > 0;
