// The sandbox's default organization with more team accounts in Staging and Development, so a run over those OUs
// is large enough to be grouped in its thread (the README's picture of a large run comes from one).
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_FIXTURE_PATH } from '../../src/sandbox/fixture.js';

const TEAMS = [
  'billing',
  'catalog',
  'checkout',
  'content',
  'fraud',
  'gateway',
  'inventory',
  'ledger',
  'loyalty',
  'mail',
  'maps',
  'media',
  'notify',
  'orders',
  'pricing',
  'profile',
  'ranking',
  'reports',
];
const STAGES = [
  { suffix: 'staging', parent: 'ou-sbx1-stage001' },
  { suffix: 'dev', parent: 'ou-sbx1-dev00001' },
];

interface FixtureDocument {
  organization: { accounts: Array<Record<string, unknown>> };
  runbooks: Array<{ file: string }>;
}

/**
 * Writes the default fixture plus one account per team and stage (36 accounts, in every region) to a temporary
 * file, and returns its path and the new accounts.
 */
export function writeWiderOrganization(): { path: string; accounts: Array<{ id: string; name: string }> } {
  const fixture = parse(readFileSync(DEFAULT_FIXTURE_PATH, 'utf8')) as FixtureDocument;
  const accounts = STAGES.flatMap((stage, stageIndex) =>
    TEAMS.map((team, teamIndex) => ({
      id: `8888888${stageIndex}${String(teamIndex).padStart(4, '0')}`,
      name: `${team}-${stage.suffix}`,
      email: `aws-${team}-${stage.suffix}@example.com`,
      parent: stage.parent,
    })),
  );
  fixture.organization.accounts.push(...accounts);
  // Runbook files are relative to the fixture: make them absolute, the copy lives elsewhere.
  const base = dirname(DEFAULT_FIXTURE_PATH);
  fixture.runbooks = fixture.runbooks.map((runbook) => ({ ...runbook, file: resolve(base, runbook.file) }));
  const path = join(tmpdir(), `ssm-chatops-wider-org-${process.pid}.yml`);
  writeFileSync(path, stringify(fixture));
  return { path, accounts: accounts.map(({ id, name }) => ({ id, name })) };
}
