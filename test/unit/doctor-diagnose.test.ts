// The readiness check's verdict from observations: which findings, how bad, the exit code, the fixes' order.
import { describe, expect, it } from 'vitest';
import {
  type DoctorObservations,
  diagnoseOrganization,
} from '../../src/core/doctor/diagnose-organization.js';
import { accountsByTrouble, doctorFixes } from '../../src/core/doctor/doctor-fixes.js';
import type {
  AccountObservations,
  OrganizationObservations,
  Probe,
} from '../../src/core/doctor/observations.js';
import type { DoctorSettings } from '../../src/core/doctor/readiness-problem.js';

const settings: DoctorSettings = {
  homeRegion: 'us-east-1',
  administrationRoleName: 'Admin',
  executionRoleName: 'Exec',
  fanOutRoleName: 'FanOut',
  readRoleName: 'Read',
  externalId: 'ext-1',
  modesInUse: ['multi-account'],
};
const pass: Probe = { kind: 'pass' };
const denied: Probe = { kind: 'fail', detail: 'AccessDenied' };

function anOrganization(overrides: Partial<OrganizationObservations> = {}): OrganizationObservations {
  return {
    caller: { accountId: '222222222222', arn: 'arn:aws:iam::222222222222:user/bot' },
    organization: {
      kind: 'read',
      id: 'o-abc',
      managementAccountId: '111111111111',
      trustedServices: ['ssm.amazonaws.com'],
      delegatedAdministrators: ['222222222222'],
    },
    administrationRole: pass,
    calendars: [],
    ...overrides,
  };
}

function anAccount(accountId: string, overrides: Partial<AccountObservations> = {}): AccountObservations {
  return {
    accountId,
    executionRole: pass,
    readRole: pass,
    fanOutRole: pass,
    fanOutRequiresExternalId: pass,
    regions: [{ region: 'us-east-1', enabled: pass, forwarding: pass }],
    ...overrides,
  };
}

const seen = (overrides: Partial<DoctorObservations> = {}): DoctorObservations => ({
  organization: anOrganization(),
  accounts: [anAccount('333333333333')],
  regions: ['us-east-1'],
  ...overrides,
});

const codes = (observations: DoctorObservations, with_ = settings) => {
  const report = diagnoseOrganization(observations, with_);
  return {
    organization: report.organization.map((finding) => `${finding.code}:${finding.severity}`),
    places: report.places.flatMap((place) =>
      place.findings.map((finding) => `${finding.code}:${finding.severity}`),
    ),
    exitCode: report.exitCode,
  };
};

describe('diagnoseOrganization', () => {
  it('when everything passes, then there is nothing to fix and the exit code is 0', () => {
    expect(codes(seen())).toEqual({ organization: [], places: [], exitCode: 0 });
  });

  it.each([
    ['multi-account', 'fan-out-role-not-assumable:warning', 'execution-role-not-trusted:blocking'],
    ['fan-out', 'fan-out-role-not-assumable:blocking', 'execution-role-not-trusted:warning'],
  ] as const)('when runs use %s only, then the other mode’s role only warns', (mode, fanOut, execution) => {
    const observations = seen({
      accounts: [anAccount('333333333333', { fanOutRole: denied, executionRole: denied })],
    });
    expect(codes(observations, { ...settings, modesInUse: [mode] }).places.sort()).toEqual(
      [execution, fanOut].sort(),
    );
  });

  it('when only warnings are found, then the exit code stays 0', () => {
    const observations = seen({
      accounts: [
        anAccount('333333333333', {
          fanOutRequiresExternalId: { kind: 'fail', detail: 'assumed without an ExternalId' },
          regions: [
            { region: 'us-east-1', enabled: pass, forwarding: { kind: 'fail', detail: 'no rule' } },
            {
              region: 'eu-west-1',
              enabled: { kind: 'fail', detail: 'UnrecognizedClientException' },
              forwarding: pass,
            },
          ],
        }),
      ],
    });
    expect(codes(observations)).toEqual({
      organization: [],
      places: [
        'external-id-not-required:warning',
        'forwarding-rule-missing:warning',
        'external-id-not-required:warning',
        'region-not-enabled:warning',
      ],
      exitCode: 0,
    });
  });

  it('when no ExternalId is configured, then a role that does not ask for one is not a finding', () => {
    const observations = seen({
      accounts: [anAccount('333333333333', { fanOutRequiresExternalId: { kind: 'fail', detail: 'x' } })],
    });
    const { externalId: _, ...withoutExternalId } = settings;
    expect(codes(observations, withoutExternalId).places).toEqual([]);
  });

  it('when AWS did not answer, then the place is unchecked (a warning), not failed', () => {
    const observations = seen({
      accounts: [anAccount('333333333333', { readRole: { kind: 'unknown', detail: 'Throttling' } })],
    });
    expect(codes(observations)).toMatchObject({ places: ['unchecked:warning'], exitCode: 0 });
  });

  it.each([
    [
      'the organization cannot be read',
      anOrganization({ organization: { kind: 'unreadable', detail: 'AccessDeniedException' } }),
      ['organization-unreadable:blocking'],
    ],
    [
      'the bot runs in the management account, with no delegated administrator',
      anOrganization({
        caller: { accountId: '111111111111', arn: 'arn:aws:iam::111111111111:user/bot' },
        organization: {
          kind: 'read',
          id: 'o-abc',
          managementAccountId: '111111111111',
          trustedServices: ['ssm.amazonaws.com'],
          delegatedAdministrators: [],
        },
      }),
      ['bot-in-management-account:warning', 'no-delegated-administrator:warning'],
    ],
    [
      'the bot runs outside the delegated administrator',
      anOrganization({ caller: { accountId: '444444444444', arn: 'arn:aws:iam::444444444444:user/bot' } }),
      ['bot-outside-operations-account:blocking'],
    ],
    [
      'the Administration role cannot be assumed',
      anOrganization({ administrationRole: denied }),
      ['administration-role-not-assumable:blocking'],
    ],
    [
      'a calendar is missing and another unanswered',
      anOrganization({
        calendars: [
          { name: 'Freeze', probe: { kind: 'fail', detail: 'InvalidDocument' } },
          { name: 'Other', probe: { kind: 'unknown', detail: 'Throttling' } },
        ],
      }),
      ['calendar-missing:blocking', 'calendar-unchecked:warning'],
    ],
  ])('when %s, then the organization says so', (_, organization, expected) => {
    expect(codes(seen({ organization, accounts: [] })).organization).toEqual(expected);
  });

  it('when the Slack side is short of scopes and channels, then both block', () => {
    const observations = seen({
      slack: {
        scopes: { kind: 'read', missing: ['files:write'] },
        channels: [
          { channelId: 'C1', purpose: 'approvals', member: { kind: 'fail', detail: 'is_member false' } },
          { channelId: 'C2', purpose: 'notifications', member: pass },
        ],
      },
    });
    const report = diagnoseOrganization(observations, settings);
    expect(report.organization.map((finding) => finding.code)).toEqual([
      'slack-scope-missing',
      'slack-not-in-channel',
    ]);
    expect(report.organization[1]!.fix).toBe('in channel C1: /invite @ssm-chatops');
    expect(report.exitCode).toBe(1);
  });
});

describe('doctorFixes and accountsByTrouble', () => {
  const report = diagnoseOrganization(
    seen({
      organization: anOrganization({ calendars: [{ name: 'Freeze', probe: { kind: 'fail', detail: 'x' } }] }),
      accounts: [
        anAccount('300000000001'),
        anAccount('300000000002', {
          regions: [
            { region: 'us-east-1', enabled: pass, forwarding: { kind: 'fail', detail: 'x' } },
            { region: 'eu-west-1', enabled: pass, forwarding: { kind: 'fail', detail: 'x' } },
          ],
        }),
        anAccount('300000000003', { readRole: denied }),
      ],
    }),
    settings,
  );

  it('when the same fix applies to many places, then it is listed once with every place, blocking first', () => {
    expect(doctorFixes(report).map((fix) => [fix.code, fix.severity, fix.where])).toEqual([
      ['calendar-missing', 'blocking', ['organization']],
      ['read-role-not-assumable', 'blocking', ['300000000003']],
      ['forwarding-rule-missing', 'warning', ['300000000002 us-east-1', '300000000002 eu-west-1']],
    ]);
  });

  it('when accounts are ranked, then blocking ones come first, then warnings, then healthy', () => {
    expect(accountsByTrouble(report)).toEqual(['300000000003', '300000000002', '300000000001']);
  });
});
