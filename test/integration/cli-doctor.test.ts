// `ssm-chatops doctor` in-process against the sandbox: the matrix and fixes on stdout, progress on stderr,
// --json for machines, and the exit code that says whether anything blocks runs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { manifestBotScopes } from '../../src/slack-emulator/manifest-scopes.js';
import { loadWorkspaceFixture } from '../../src/slack-emulator/workspace-fixture.js';
import { BROKEN_FIXTURE } from '../support/doctor-setup.js';
import { fakeCliIo } from '../support/fake-cli-io.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { ALICE, APPROVALS, startTestSlackEmulator } from '../support/slack-emulator.js';

const CONFIG = `aws:
  homeRegion: ap-northeast-1
  regions: [ap-northeast-1, us-east-1]
  externalId: ssm-chatops-sandbox
runs:
  modeByRunbook: { Platform-RollingRestartService: fan-out }
approvalTemplates:
  - name: prod-change
    levels: [{ name: leads, approvers: { users: [U0APPROVE1] }, minApprovals: 1 }]
    calendars: [ProductionFreeze, MissingFreeze]
`;

let broken: TestSandbox;
let healthy: TestSandbox;
let dir = '';

beforeAll(async () => {
  [broken, healthy] = await Promise.all([
    startTestSandbox({ fixturePath: BROKEN_FIXTURE }),
    startTestSandbox(),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'cli-doctor-'));
  // The SDK's default credential chain reads these: the bot's identity in the operations account.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'sandbox');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'sandbox');
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
}, 30_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([broken?.close(), healthy?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function doctor(
  sandbox: TestSandbox,
  argv: string[],
  config = CONFIG,
  slackEnv: Record<string, string> = {},
) {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(path, config);
  const cli = fakeCliIo({
    AWS_REGION: 'ap-northeast-1',
    AWS_ENDPOINT_URL: sandbox.sandbox.url,
    SSM_CHATOPS_CONFIG: path,
    LOG_LEVEL: 'silent',
    ...slackEnv,
  });
  const code = await main(['doctor', ...argv], cli.io);
  return { code, out: cli.out(), err: cli.err() };
}

describe('ssm-chatops doctor', () => {
  it('when the organization is broken, then it prints the matrix and the fixes and exits 1', async () => {
    const { code, out, err } = await doctor(broken, []);
    expect(code).toBe(1);
    expect(err).toContain('checked 7/7 account(s)');
    expect(out).toContain('✗ trusted-access-disabled');
    expect(out).toContain('✗ calendar-missing: Change Calendar MissingFreeze');
    // One column for the account's roles, then one per region.
    expect(out).toMatch(/account +roles +ap-northeast-1 +us-east-1\n/);
    expect(out).toMatch(
      /444444444401 execution-role-missing +✗ execution-role-not-trusted +! forwarding-rule-missing +! forwarding-rule-missing\n/,
    );
    expect(out).toMatch(/555555555501 region-disabled +✓ +! forwarding-rule-missing +! region-not-enabled\n/);
    expect(out).toContain('[blocking] execution-role-not-trusted — 444444444401\n');
    expect(out).toContain(
      'fix: from the management account: aws account enable-region --account-id 555555555501',
    );
    expect(out).toContain('Not ready:');
    // Accounts with a blocking problem come before those with warnings only.
    expect(out.indexOf('444444444401')).toBeLessThan(out.indexOf('555555555501 region-disabled'));
  });

  it('when asked for --json, then the report and its fixes come as one JSON document', async () => {
    const { code, out } = await doctor(broken, [
      '--json',
      '--accounts',
      '555555555501',
      '--regions',
      'us-east-1',
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.exitCode).toBe(1);
    expect(report.places).toEqual([
      {
        accountId: '555555555501',
        accountName: 'region-disabled',
        region: 'us-east-1',
        findings: [expect.objectContaining({ code: 'region-not-enabled', severity: 'warning' })],
      },
    ]);
    expect(report.fixes.map((fix: { code: string }) => fix.code)).toEqual([
      'trusted-access-disabled',
      'calendar-missing',
      'region-not-enabled',
    ]);
  });

  it('when nothing blocks runs, then it exits 0 even with warnings', async () => {
    const { code, out } = await doctor(
      healthy,
      ['--accounts', '333333333301', '--regions', 'ap-northeast-1'],
      'aws:\n  externalId: ssm-chatops-sandbox\n',
    );
    expect(out).toContain('! forwarding-rule-missing');
    expect(out).toContain('Ready: 1 warning(s), nothing blocks runs.');
    expect(code).toBe(0);
  });

  it('when a Slack token is given, then missing scopes and a channel the bot is not in block runs', async () => {
    const lobby = 'C0LOBBY001';
    const fixture = loadWorkspaceFixture();
    const slack = await startTestSlackEmulator({
      rateLimits: 'off',
      scopes: manifestBotScopes().filter((scope) => scope !== 'files:write'),
      workspace: {
        ...fixture,
        channels: [
          ...fixture.channels,
          { id: lobby, name: 'lobby', private: false, topic: '', purpose: '', members: [ALICE] },
        ],
      },
    });
    try {
      const { code, out } = await doctor(
        healthy,
        ['--accounts', '333333333301', '--regions', 'ap-northeast-1'],
        `aws:\n  externalId: ssm-chatops-sandbox\nslack:\n  channels: { approvals: ${APPROVALS}, notifications: ${lobby} }\n`,
        { SLACK_BOT_TOKEN: slack.emulator.botToken, SLACK_API_URL: slack.emulator.apiUrl },
      );
      expect(out).toContain(
        '✗ slack-scope-missing: the bot token lacks scopes the bot calls for: files:write',
      );
      expect(out).toContain(
        `✗ slack-not-in-channel: the bot is not a member of the notifications channel ${lobby}`,
      );
      expect(out).not.toContain(APPROVALS);
      expect(code).toBe(1);
    } finally {
      await slack.close();
    }
  });

  it.each([
    [['--accounts', '12345'], '--accounts needs comma-separated 12-digit account ids, not "12345"'],
    [['--regions', 'Tokyo'], '--regions needs comma-separated region names, not "Tokyo"'],
  ])('when given %j, then it is a usage error (exit 2)', async (argv, message) => {
    const { code, err } = await doctor(healthy, argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
