// An organization of 5,000 accounts in nested OUs, read through the real Organizations adapter from the sandbox
// (which pages as AWS does, 20 a page): read once and paged, served from the cache within its TTL, served stale
// while a background refresh runs after it, and searched by the account picker without calling AWS.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { writeLargeOrganization } from '../../bench/support/large-organization.js';
import { AwsClients } from '../../src/aws/aws-clients.js';
import { OrganizationsAccountDirectory } from '../../src/aws/organizations-account-directory.js';
import { suggestAccounts } from '../../src/use-cases/suggest-accounts.js';
import { aRunContext } from '../support/run-context-builder.js';
import { aSubject } from '../support/run-request-builder.js';
import { HOME_CREDENTIALS, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const ACCOUNTS = 5_000;
const TTL_MS = 5 * 60_000;

/** The bench organization with its OUs nested three deep instead of flat under the root. */
function nestedLargeOrganization(): string {
  const { path } = writeLargeOrganization(ACCOUNTS);
  const fixture = parse(readFileSync(path, 'utf8'));
  const bench = fixture.organization.organizationalUnits.filter((unit: { id: string }) =>
    unit.id.startsWith('ou-bnch-'),
  );
  bench.forEach((unit: { parent: string }, index: number) => {
    if (index >= 2) unit.parent = bench[Math.floor((index - 2) / 2)].id;
  });
  writeFileSync(path, stringify(fixture));
  return path;
}

let env: TestSandbox;
let now = 1_000;
let directory: OrganizationsAccountDirectory;
beforeAll(async () => {
  env = await startTestSandbox({ fixturePath: nestedLargeOrganization() });
  const clients = new AwsClients({
    homeRegion: 'ap-northeast-1',
    endpoint: env.sandbox.url,
    credentials: HOME_CREDENTIALS,
    maxAttempts: 1,
  });
  directory = new OrganizationsAccountDirectory(clients, { ttlMs: TTL_MS, now: () => now });
}, 60_000);
afterAll(() => env?.close());

async function organizationsCalls(): Promise<Record<string, number>> {
  const { rows } = await env.control.calls();
  const counts: Record<string, number> = {};
  for (const row of rows.filter((candidate) => candidate.service === 'organizations')) {
    counts[row.operation] = (counts[row.operation] ?? 0) + row.ok + row.error + row.throttled;
  }
  return counts;
}

describe('an organization of 5,000 accounts', () => {
  it('when read, then every account arrives with its OU path, page by page', async () => {
    await env.control.resetCalls();
    const organization = await directory.organization();

    expect(organization.accounts.filter((account) => account.id.startsWith('9'))).toHaveLength(ACCOUNTS);
    const deepest = organization.accounts.find((account) => account.id === '900000000007')!;
    expect(deepest.path).toHaveLength(4);
    // 20 accounts a page at most, as AWS: 5,000 accounts cannot come in fewer than 250 pages.
    expect((await organizationsCalls()).ListAccountsForParent).toBeGreaterThanOrEqual(ACCOUNTS / 20);
  }, 60_000);

  it('when read again within the TTL, then AWS is not called', async () => {
    const first = await directory.organization();
    await env.control.resetCalls();
    now += TTL_MS - 1;

    expect(await directory.organization()).toBe(first);
    expect(await organizationsCalls()).toEqual({});
  });

  it('when read after the TTL, then the cached value answers at once and a refresh runs behind it', async () => {
    const cached = await directory.organization();
    await env.control.resetCalls();
    now += TTL_MS + 1;

    expect(await directory.organization()).toBe(cached);
    await vi.waitFor(async () => expect(await directory.organization()).not.toBe(cached), {
      timeout: 30_000,
      interval: 50,
    });
    expect((await organizationsCalls()).DescribeOrganization).toBe(1);
  }, 60_000);

  it('when the account picker searches it, then it answers from the cache', async () => {
    await directory.organization();
    await env.control.resetCalls();
    const context = aRunContext({ accounts: directory });

    const started = performance.now();
    const offered = await suggestAccounts(context, aSubject(), undefined);
    const elapsedMs = performance.now() - started;

    expect(offered.filter((account) => account.id.startsWith('9'))).toHaveLength(ACCOUNTS);
    expect(await organizationsCalls()).toEqual({});
    // A figure for the report, not an assertion: wall-clock time varies with the machine.
    console.info(`suggestAccounts over ${offered.length} accounts: ${elapsedMs.toFixed(2)} ms`);
  });
});
