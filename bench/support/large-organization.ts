// A sandbox organization with many member accounts for benchmarks: the default fixture's roles, runbooks and
// calendars, with its member accounts replaced by `count` generated ones spread over a few OUs.
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
  [key: string]: unknown;
}

/** Writes the fixture to a temporary file and returns its path and the generated account ids. */
export function writeLargeOrganization(count: number): { path: string; accountIds: string[] } {
  const fixture = parse(readFileSync(DEFAULT_FIXTURE_PATH, 'utf8')) as FixtureDocument;
  const org = fixture.organization;
  const keep = org.accounts.filter(
    (account) => account.id === '111111111111' || account.id === '222222222222',
  );
  const units = Array.from({ length: 8 }, (_, index) => ({
    id: `ou-bnch-unit${String(index).padStart(4, '0')}`,
    name: `Bench ${index}`,
    parent: org.root.id,
  }));
  const accountIds = Array.from({ length: count }, (_, index) => String(900000000000 + index));
  org.organizationalUnits = [
    ...org.organizationalUnits.filter((unit) => unit.id === 'ou-sbx1-dlgadmin'),
    ...units,
  ];
  org.accounts = [
    ...keep,
    ...accountIds.map((id, index) => ({
      id,
      name: `bench-${String(index).padStart(3, '0')}`,
      email: `aws-bench-${index}@example.com`,
      parent: units[index % units.length]!.id,
    })),
  ];
  // Runbook files are relative to the fixture: make them absolute, the copy lives elsewhere.
  const base = dirname(DEFAULT_FIXTURE_PATH);
  fixture.runbooks = fixture.runbooks.map((runbook) => ({ ...runbook, file: resolve(base, runbook.file) }));
  const path = join(tmpdir(), `ssm-chatops-bench-org-${process.pid}.yml`);
  writeFileSync(path, stringify(fixture));
  return { path, accountIds };
}
