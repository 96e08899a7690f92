// The readiness check against the sandbox's broken organization (fixtures/sandbox/broken-organization.yml):
// each mistake there is found, in the right place, with a fix that names what to change.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { DoctorReport } from '../../src/core/doctor/diagnose-organization.js';
import { checkOrganization } from '../../src/use-cases/check-organization.js';
import { BROKEN_FIXTURE, codesByPlace, doctorAgainst, EXTERNAL_ID } from '../support/doctor-setup.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const REGIONS = ['ap-northeast-1', 'us-east-1'];
const MEMBER_RULE = 'ssm-chatops-forward-automation-status';
/** Accounts whose forwarding rule the test puts in place; the others have none. */
const FORWARDING = [
  '333333333301',
  '333333333303',
  '444444444401',
  '444444444402',
  '555555555501',
  '666666666601',
];

let env: TestSandbox;
let report: DoctorReport;
const progress: Array<[number, number]> = [];

beforeAll(async () => {
  env = await startTestSandbox({ fixturePath: BROKEN_FIXTURE });
  for (const accountId of FORWARDING) {
    const credentials = await env.assumeRole(`arn:aws:iam::${accountId}:role/SsmChatOpsEventsSetup`, 'put', {
      externalId: EXTERNAL_ID,
    });
    const regions = accountId === '555555555501' ? ['ap-northeast-1'] : REGIONS;
    for (const region of regions) {
      await env
        .events({ region, credentials })
        .send(
          new PutRuleCommand({ Name: MEMBER_RULE, EventPattern: JSON.stringify({ source: ['aws.ssm'] }) }),
        );
    }
  }
  const doctor = doctorAgainst(env.sandbox.url);
  try {
    report = await checkOrganization(
      doctor,
      { regions: REGIONS, calendars: ['ProductionFreeze', 'MissingFreeze'] },
      ({ checkedAccounts, totalAccounts }) => progress.push([checkedAccounts, totalAccounts]),
    );
  } finally {
    doctor.destroy();
  }
}, 60_000);
afterAll(() => env?.close());

describe('doctor against the broken organization', () => {
  it('when every member account is checked, then each place carries exactly its own mistakes', () => {
    expect(codesByPlace(report)).toEqual({
      '333333333301 ap-northeast-1': [],
      '333333333301 us-east-1': [],
      '333333333302 ap-northeast-1': ['fan-out-role-not-assumable', 'forwarding-rule-missing'],
      '333333333302 us-east-1': ['fan-out-role-not-assumable', 'forwarding-rule-missing'],
      '333333333303 ap-northeast-1': ['external-id-not-required'],
      '333333333303 us-east-1': ['external-id-not-required'],
      '444444444401 ap-northeast-1': ['execution-role-not-trusted'],
      '444444444401 us-east-1': ['execution-role-not-trusted'],
      '444444444402 ap-northeast-1': ['execution-role-not-trusted'],
      '444444444402 us-east-1': ['execution-role-not-trusted'],
      '555555555501 ap-northeast-1': [],
      '555555555501 us-east-1': ['region-not-enabled'],
      // The forwarding rule is read through the read role: without it, doctor cannot tell.
      '666666666601 ap-northeast-1': ['read-role-not-assumable', 'unchecked'],
      '666666666601 us-east-1': ['read-role-not-assumable', 'unchecked'],
    });
  });

  it('when the organization is judged, then missing trusted access and the missing calendar block runs', () => {
    expect(report.callerAccountId).toBe('222222222222');
    expect(report.organization.map((finding) => [finding.code, finding.severity])).toEqual([
      ['trusted-access-disabled', 'blocking'],
      ['calendar-missing', 'blocking'],
    ]);
    expect(report.organization[0]!.fix).toBe(
      'from the management account: aws organizations enable-aws-service-access --service-principal ssm.amazonaws.com',
    );
    expect(report.organization[1]!.explanation).toContain('MissingFreeze');
    expect(report.organization[1]!.fix).toContain(
      'aws ssm create-document --region ap-northeast-1 --name MissingFreeze --document-type ChangeCalendar',
    );
  });

  it('when a role is missing or mistrusted, then its fix names the account, the role and the trust it needs', () => {
    const fixOf = (accountId: string, code: string) =>
      report.places
        .filter((place) => place.accountId === accountId)
        .flatMap((place) => place.findings)
        .find((finding) => finding.code === code)!;
    const execution = fixOf('444444444402', 'execution-role-not-trusted');
    expect(execution.severity).toBe('blocking');
    expect(execution.fix).toContain('in account 444444444402');
    expect(execution.fix).toContain(
      '"Principal":{"AWS":"arn:aws:iam::222222222222:role/AWS-SystemsManager-AutomationAdministrationRole"}',
    );
    const fanOut = fixOf('333333333302', 'fan-out-role-not-assumable');
    expect(fanOut.fix).toContain('--role-name SsmChatOpsExecution');
    expect(fanOut.fix).toContain('"sts:ExternalId":"ssm-chatops-sandbox"');
    expect(fixOf('333333333303', 'external-id-not-required').severity).toBe('warning');
    expect(fixOf('555555555501', 'region-not-enabled').fix).toContain(
      'aws account enable-region --account-id 555555555501 --region-name us-east-1',
    );
    expect(fixOf('333333333302', 'forwarding-rule-missing').fix).toContain('ssm-chatops events setup');
    expect(fixOf('666666666601', 'read-role-not-assumable').fix).toContain('--role-name SsmChatOpsReadOnly');
  });

  it('when anything blocks, then the exit code is 1; the accounts carry their names', () => {
    expect(report.exitCode).toBe(1);
    expect(report.blocking).toBeGreaterThan(0);
    expect(report.places.find((place) => place.accountId === '555555555501')?.accountName).toBe(
      'region-disabled',
    );
  });

  it('when accounts are checked, then progress counts each once up to the total', () => {
    expect(progress[0]).toEqual([0, 7]);
    expect(progress.at(-1)).toEqual([7, 7]);
    expect(progress.map(([checked]) => checked)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('doctor when the bot’s account is not a delegated administrator', () => {
  /** The broken organization with no delegated administrator: the operations account may not read it. */
  function withoutDelegatedAdministrator(): string {
    const fixture = parse(readFileSync(BROKEN_FIXTURE, 'utf8'));
    fixture.organization.delegatedAdministrators = [];
    const path = join(mkdtempSync(join(tmpdir(), 'doctor-')), 'no-delegated-admin.yml');
    writeFileSync(path, stringify(fixture));
    return path;
  }

  it('when asked for named accounts, then the organization is unreadable (blocking) and the accounts are still checked', async () => {
    const sandbox = await startTestSandbox({ fixturePath: withoutDelegatedAdministrator() });
    const doctor = doctorAgainst(sandbox.sandbox.url);
    try {
      const unreadable = await checkOrganization(doctor, {
        accounts: ['444444444401'],
        regions: ['ap-northeast-1'],
        calendars: [],
      });
      expect(unreadable.organization.map((finding) => finding.code)).toEqual(['organization-unreadable']);
      expect(unreadable.organization[0]!.explanation).toContain('AccessDeniedException');
      expect(unreadable.organization[0]!.fix).toBe(
        'from the management account: aws organizations register-delegated-administrator --account-id ' +
          '222222222222 --service-principal ssm.amazonaws.com',
      );
      expect(codesByPlace(unreadable)).toEqual({
        '444444444401 ap-northeast-1': ['execution-role-not-trusted', 'forwarding-rule-missing'],
      });
      expect(unreadable.exitCode).toBe(1);
    } finally {
      doctor.destroy();
      await sandbox.close();
    }
  });
});
