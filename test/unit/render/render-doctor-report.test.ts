// `/ssm doctor` rendered: the progress message, a ready organization, a broken one, and one of 1,000 broken
// accounts that must stay within Block Kit's limits and say what it left out.
import { describe, expect, it } from 'vitest';
import {
  type DoctorObservations,
  diagnoseOrganization,
} from '../../../src/core/doctor/diagnose-organization.js';
import type { AccountObservations, Probe } from '../../../src/core/doctor/observations.js';
import type { DoctorSettings } from '../../../src/core/doctor/readiness-problem.js';
import {
  renderDoctorFailure,
  renderDoctorProgress,
  renderDoctorRefusal,
  renderDoctorResult,
} from '../../../src/slack/render/render-doctor-report.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';

const settings: DoctorSettings = {
  homeRegion: 'ap-northeast-1',
  administrationRoleName: 'AWS-SystemsManager-AutomationAdministrationRole',
  executionRoleName: 'AWS-SystemsManager-AutomationExecutionRole',
  fanOutRoleName: 'SsmChatOpsExecution',
  readRoleName: 'SsmChatOpsReadOnly',
  externalId: 'ssm-chatops-sandbox',
  modesInUse: ['multi-account', 'fan-out'],
};
const pass: Probe = { kind: 'pass' };
const denied: Probe = { kind: 'fail', detail: 'AccessDenied: not authorized' };
const REGIONS = ['ap-northeast-1', 'us-east-1'];

const anAccount = (accountId: string, name: string, overrides: Partial<AccountObservations> = {}) => ({
  accountId,
  name,
  executionRole: pass,
  readRole: pass,
  fanOutRole: pass,
  fanOutRequiresExternalId: pass,
  regions: REGIONS.map((region) => ({ region, enabled: pass, forwarding: pass })),
  ...overrides,
});

function observations(
  accounts: AccountObservations[],
  trustedServices = ['ssm.amazonaws.com'],
): DoctorObservations {
  return {
    organization: {
      caller: { accountId: '222222222222', arn: 'arn:aws:iam::222222222222:user/ssm-chatops' },
      organization: {
        kind: 'read',
        id: 'o-sbx7k2m9q4',
        managementAccountId: '111111111111',
        trustedServices,
        delegatedAdministrators: ['222222222222'],
      },
      administrationRole: pass,
      calendars: [{ name: 'ProductionFreeze', probe: pass }],
    },
    accounts,
    regions: REGIONS,
  };
}

describe('renderDoctorProgress', () => {
  it('when 120 of 300 accounts are checked, then the bar and the count say so', async () => {
    await expectGolden(renderDoctorProgress({ checkedAccounts: 120, totalAccounts: 300 }), 'doctor-progress');
  });
});

describe('renderDoctorResult', () => {
  it('when everything is in place, then it says ready and counts the accounts', async () => {
    const report = diagnoseOrganization(
      observations([anAccount('333333333301', 'payments-prod'), anAccount('333333333302', 'identity-prod')]),
      settings,
    );
    await expectGolden(renderDoctorResult(report), 'doctor-ready');
  });

  it('when the organization is broken, then problems come first with their fixes', async () => {
    const report = diagnoseOrganization(
      observations(
        [
          anAccount('333333333301', 'payments-prod'),
          anAccount('555555555501', 'region-disabled', {
            regions: [
              { region: 'ap-northeast-1', enabled: pass, forwarding: pass },
              {
                region: 'us-east-1',
                enabled: { kind: 'fail', detail: 'UnrecognizedClientException' },
                forwarding: pass,
              },
            ],
          }),
          anAccount('444444444401', 'execution-role-missing', { executionRole: denied }),
          anAccount('666666666601', 'read-<role>-missing', { readRole: denied }),
        ],
        [],
      ),
      settings,
    );
    await expectGolden(renderDoctorResult(report), 'doctor-broken');
  });

  it('when 1,000 accounts have problems, then the message stays within Slack’s limits and says what it left out', () => {
    const accounts = Array.from({ length: 1_000 }, (_, index) =>
      anAccount(String(900000000000 + index), `bench-${index}`, {
        readRole: denied,
        regions: REGIONS.map((region) => ({
          region,
          enabled: pass,
          forwarding: { kind: 'fail' as const, detail: 'x' },
        })),
      }),
    );
    const message = renderDoctorResult(diagnoseOrganization(observations(accounts), settings));
    expectWithinBlockKitLimits(message);
    const text = JSON.stringify(message.blocks);
    expect(text).toMatch(/…and \d+ more accounts with problems/);
    expect(text).toMatch(/…and \d+ more fixes/);
    // Blocking first: the read role's fixes lead, the forwarding warning is among those left out.
    expect(text).toContain('read-role-not-assumable');
  });
});

describe('renderDoctorFailure and renderDoctorRefusal', () => {
  it('when the check could not finish, then the message says so', async () => {
    await expectGolden(renderDoctorFailure(), 'doctor-failed');
  });

  it.each(['not-operator', 'not-available', 'cannot-post'] as const)(
    'when refused (%s), then it says why',
    async (why) => {
      await expectGolden(renderDoctorRefusal(why, 'channel_not_found'), `doctor-refusal-${why}`);
    },
  );
});
