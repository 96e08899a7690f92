// A sandbox organization with many member accounts for benchmarks: the default fixture's roles, runbooks and
// calendars, with its member accounts replaced by `count` generated ones spread over a tree of OUs, and optionally
// a step fault that makes one account in `failEvery` fail a runbook.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_FIXTURE_PATH } from '../../src/sandbox/fixture.js';

interface FixtureDocument {
  organization: {
    organizationalUnits: Array<{ id: string; name: string; parent: string }>;
    accounts: Array<Record<string, unknown>>;
    root: { id: string };
  };
  runbooks: Array<{ file: string }>;
  faults?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export interface LargeOrganizationOptions {
  /** Depth of the OU tree under the root (default 1: flat). */
  ouLevels?: number;
  /** OUs under each parent (default 8). Accounts go into the deepest level, round robin. */
  ouBranching?: number;
  /**
   * One account in `every` fails `step` of `runbook` in every region (a sandbox step-failure fault), so with
   * `every` 50, 2 % of the targets fail.
   */
  failing?: { every: number; runbook: string; step: string };
}

/** Writes the fixture to a temporary file and returns its path, the generated account ids and the failing ones. */
export function writeLargeOrganization(
  count: number,
  options: LargeOrganizationOptions = {},
): { path: string; accountIds: string[]; failingAccountIds: string[]; organizationalUnits: number } {
  const fixture = parse(readFileSync(DEFAULT_FIXTURE_PATH, 'utf8')) as FixtureDocument;
  const org = fixture.organization;
  const keep = org.accounts.filter(
    (account) => account.id === '111111111111' || account.id === '222222222222',
  );
  const units = ouTree(org.root.id, options.ouLevels ?? 1, options.ouBranching ?? 8);
  const leaves = units.filter((unit) => unit.level === (options.ouLevels ?? 1));
  const accountIds = Array.from({ length: count }, (_, index) => String(900000000000 + index));
  org.organizationalUnits = [
    ...org.organizationalUnits.filter((unit) => unit.id === 'ou-sbx1-dlgadmin'),
    ...units.map(({ id, name, parent }) => ({ id, name, parent })),
  ];
  org.accounts = [
    ...keep,
    ...accountIds.map((id, index) => ({
      id,
      name: `bench-${String(index).padStart(3, '0')}`,
      email: `aws-bench-${index}@example.com`,
      parent: leaves[index % leaves.length]!.id,
    })),
  ];
  const failing = options.failing;
  // Spread over the OUs: the accounts at every-th position, starting mid-way so a small org has one too.
  const failingAccountIds = failing
    ? accountIds.filter((_, index) => index % failing.every === Math.floor(failing.every / 2) % count)
    : [];
  if (failing) {
    fixture.faults = [
      ...(fixture.faults ?? []),
      ...failingAccountIds.map((accountId) => ({
        id: `bench-fail-${accountId}`,
        kind: 'step-failure',
        documentName: failing.runbook,
        stepName: failing.step,
        accountId,
        message: `Bench fault: ${failing.step} fails in account ${accountId}`,
      })),
    ];
  }
  // Runbook files are relative to the fixture: make them absolute, the copy lives elsewhere.
  const base = dirname(DEFAULT_FIXTURE_PATH);
  fixture.runbooks = fixture.runbooks.map((runbook) => ({ ...runbook, file: resolve(base, runbook.file) }));
  const path = join(tmpdir(), `ssm-chatops-bench-org-${process.pid}.yml`);
  writeFileSync(path, stringify(fixture));
  return { path, accountIds, failingAccountIds, organizationalUnits: units.length };
}

/** `branching` OUs under the root, `branching` under each of those, … `levels` deep. */
function ouTree(rootId: string, levels: number, branching: number) {
  const units: Array<{ id: string; name: string; parent: string; level: number }> = [];
  let parents = [rootId];
  for (let level = 1; level <= levels; level++) {
    const next: string[] = [];
    for (const parent of parents) {
      for (let branch = 0; branch < branching; branch++) {
        const index = units.length;
        // The first level keeps the flat layout's ids (ou-bnch-unit0000…), which older results name.
        const id =
          level === 1
            ? `ou-bnch-unit${String(index).padStart(4, '0')}`
            : `ou-bnch-l${level}u${String(index).padStart(5, '0')}`;
        units.push({ id, name: `Bench ${level}.${index}`, parent, level });
        next.push(id);
      }
    }
    parents = next;
  }
  return units;
}
