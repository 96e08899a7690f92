// The readiness check over 300 generated member accounts with the sandbox throttling as AWS does: accounts are
// inspected a bounded few at a time, AWS's "slow down" is absorbed by the SDK's backoff, and every place is
// still judged (none left unchecked) with each role assumed once.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { writeLargeOrganization } from '../../bench/support/large-organization.js';
import type { DoctorReport } from '../../src/core/doctor/diagnose-organization.js';
import type { OrganizationInspector } from '../../src/ports.js';
import { checkOrganization } from '../../src/use-cases/check-organization.js';
import { doctorAgainst } from '../support/doctor-setup.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const ACCOUNTS = 300;
const AT_ONCE = 12;
const REGIONS = ['ap-northeast-1', 'us-east-1'];

/** The bench organization, with STS throttled tighter than the check's burst so it must wait for AWS. */
function throttledLargeOrganization(): string {
  const { path } = writeLargeOrganization(ACCOUNTS);
  const fixture = parse(readFileSync(path, 'utf8'));
  fixture.throttling.rates['sts:AssumeRole'] = { ratePerSecond: 400, burst: 20 };
  writeFileSync(path, stringify(fixture));
  return path;
}

let env: TestSandbox;
let report: DoctorReport;
let mostAtOnce = 0;
let assumeRoleCalls = 0;
let throttled = 0;

beforeAll(async () => {
  env = await startTestSandbox({ fixturePath: throttledLargeOrganization(), throttling: true });
  const doctor = doctorAgainst(env.sandbox.url, { accountsAtOnce: AT_ONCE });
  let inFlight = 0;
  const counting: OrganizationInspector = {
    inspectOrganization: (calendars) => doctor.inspector.inspectOrganization(calendars),
    inspectAccount: async (accountId, regions) => {
      mostAtOnce = Math.max(mostAtOnce, ++inFlight);
      try {
        return await doctor.inspector.inspectAccount(accountId, regions);
      } finally {
        inFlight--;
      }
    },
  };
  try {
    report = await checkOrganization({ ...doctor, inspector: counting }, { regions: REGIONS, calendars: [] });
  } finally {
    doctor.destroy();
  }
  const { rows } = await env.control.calls();
  for (const row of rows.filter((candidate) => candidate.operation === 'AssumeRole')) {
    assumeRoleCalls += row.ok;
    throttled += row.throttled;
  }
}, 120_000);
afterAll(() => env?.close());

describe('doctor over 300 accounts, throttled', () => {
  it('when the check ends, then every account × region was judged and none is left unchecked', () => {
    expect(report.places).toHaveLength(ACCOUNTS * REGIONS.length);
    const unchecked = report.places.filter((place) =>
      place.findings.some((finding) => finding.code === 'unchecked'),
    );
    expect(unchecked).toEqual([]);
    // The generated accounts have every role; only the forwarding rule (never set up here) is missing.
    const codes = new Set(report.places.flatMap((place) => place.findings.map((finding) => finding.code)));
    expect([...codes]).toEqual(['forwarding-rule-missing']);
    expect(report.exitCode).toBe(0);
  });

  it('when accounts are inspected, then never more than the bound run at once', () => {
    expect(mostAtOnce).toBe(AT_ONCE);
  });

  it('when AWS throttled AssumeRole, then the check slowed down and still assumed each role once', () => {
    expect(throttled).toBeGreaterThan(0);
    // Per account: read (also for the forwarding rule), fan-out, fan-out without the ExternalId (refused: not
    // counted), execution (chained); plus the Administration role once.
    expect(assumeRoleCalls).toBe(ACCOUNTS * 3 + 1);
  });
});
