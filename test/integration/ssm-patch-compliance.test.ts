// The patch compliance reader against the sandbox: every place through the read role, paging past one page,
// a region the account has not enabled, and an account without the read role.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { AssumedRoleCredentials } from '../../src/aws/assumed-role-credentials.js';
import { AwsClients } from '../../src/aws/aws-clients.js';
import { SsmPatchCompliance } from '../../src/aws/ssm-patch-compliance.js';
import type { PlaceCompliance } from '../../src/core/compliance/patch-compliance.js';
import { DEFAULT_FIXTURE_PATH } from '../../src/sandbox/fixture.js';
import {
  HOME_CREDENTIALS,
  OPERATIONS_ACCOUNT,
  startTestSandbox,
  type TestSandbox,
} from '../support/sandbox.js';

/** fixtures/sandbox/organization.yml */
const PAYMENTS_PROD = '333333333301';
const PAYMENTS_STAGING = '444444444401';
const DEV_SHARED = '555555555501';
const DATA_DEV = '555555555502';

/** The default fixture, but payments-staging lacks the read role. */
function fixtureWithoutReadRoleIn(accountId: string): string {
  const fixture = parse(readFileSync(DEFAULT_FIXTURE_PATH, 'utf8'));
  const base = dirname(DEFAULT_FIXTURE_PATH);
  fixture.runbooks = fixture.runbooks.map((runbook: { file: string }) => ({
    ...runbook,
    file: resolve(base, runbook.file),
  }));
  const readRole = fixture.roles.find((role: { name: string }) => role.name === 'SsmChatOpsReadOnly');
  readRole.except = [accountId];
  const path = join(mkdtempSync(join(tmpdir(), 'compliance-')), 'organization.yml');
  writeFileSync(path, stringify(fixture));
  return path;
}

let env: TestSandbox;
let clients: AwsClients;
let reader: SsmPatchCompliance;
let roles: AssumedRoleCredentials;
beforeAll(async () => {
  env = await startTestSandbox({ fixturePath: fixtureWithoutReadRoleIn(PAYMENTS_STAGING) });
  clients = new AwsClients({
    homeRegion: 'ap-northeast-1',
    endpoint: env.sandbox.url,
    credentials: HOME_CREDENTIALS,
    maxAttempts: 1,
  });
  roles = new AssumedRoleCredentials(clients, { sessionName: 'compliance-test' });
  reader = new SsmPatchCompliance(clients, roles, async () => OPERATIONS_ACCOUNT, {
    readRoleName: 'SsmChatOpsReadOnly',
    externalId: 'ssm-chatops-sandbox',
    accountsAtOnce: 2,
  });
});
afterAll(async () => {
  clients.destroy();
  await env.close();
});

const place = (places: PlaceCompliance[], accountId: string, region: string) =>
  places.find((p) => p.target.accountId === accountId && p.target.region === region)!;

describe('SsmPatchCompliance against the sandbox', () => {
  it('when a place has instances, then each comes with Patch Manager counts for the non-compliant ones', async () => {
    const [read] = await reader.read([{ accountId: PAYMENTS_PROD, region: 'ap-northeast-1' }]);
    expect(read?.kind).toBe('read');
    const instances = read!.kind === 'read' ? read!.instances : [];
    expect(instances).toHaveLength(10);
    expect(instances.filter((instance) => !instance.compliant)).toHaveLength(4);
    expect(instances.reduce((sum, instance) => sum + instance.security, 0)).toBe(12);
    expect(instances.reduce((sum, instance) => sum + instance.critical, 0)).toBe(6);
    expect(instances.find((instance) => instance.failed > 0)).toMatchObject({ missing: 2, failed: 1 });
  });

  it('when a place holds more instances than one page, then every one is read', async () => {
    const [read] = await reader.read([{ accountId: DEV_SHARED, region: 'ap-northeast-1' }]);
    expect(read!.kind === 'read' && read!.instances.length).toBe(64);
  });

  it('when a region is not enabled for the account, then that place alone is unreadable, saying so', async () => {
    const places = await reader.read([
      { accountId: DATA_DEV, region: 'ap-northeast-1' },
      { accountId: DATA_DEV, region: 'us-east-1' },
    ]);
    expect(place(places, DATA_DEV, 'ap-northeast-1').kind).toBe('read');
    expect(place(places, DATA_DEV, 'us-east-1')).toMatchObject({
      kind: 'unreadable',
      reason: 'region-not-enabled',
    });
  });

  it('when the read role is missing in an account, then each of its places is unreadable for that reason', async () => {
    const places = await reader.read([
      { accountId: PAYMENTS_STAGING, region: 'ap-northeast-1' },
      { accountId: PAYMENTS_STAGING, region: 'us-east-1' },
      { accountId: PAYMENTS_PROD, region: 'us-east-1' },
    ]);
    expect(place(places, PAYMENTS_STAGING, 'ap-northeast-1')).toMatchObject({
      kind: 'unreadable',
      reason: 'no-read-role',
      message: expect.stringContaining('SsmChatOpsReadOnly'),
    });
    expect(place(places, PAYMENTS_STAGING, 'us-east-1')).toMatchObject({ reason: 'no-read-role' });
    expect(place(places, PAYMENTS_PROD, 'us-east-1').kind).toBe('read');
  });

  it('when the home account is read, then the bot reads it as itself, without assuming a role', async () => {
    const before = roles.assumeRoleCalls;
    const [read] = await reader.read([{ accountId: OPERATIONS_ACCOUNT, region: 'eu-west-1' }]);
    expect(read).toMatchObject({ kind: 'read', instances: [] });
    expect(roles.assumeRoleCalls).toBe(before);
  });
});
