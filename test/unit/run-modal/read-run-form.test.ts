// readRunForm: a submitted run form reads back as what it showed, for every kind of input (round trips).
import { describe, expect, it } from 'vitest';
import type { RunRequest } from '../../../src/core/run/run-request.js';
import { bindParameters } from '../../../src/core/runbook/bind-parameters.js';
import { type FormValue, parseFormValues } from '../../../src/core/runbook/parse-form-values.js';
import type { Runbook } from '../../../src/core/runbook/runbook.js';
import { BlockId } from '../../../src/slack/ids.js';
import { readRunForm } from '../../../src/slack/run-modal/read-run-form.js';
import { MORE_OPTIONS_VALUE } from '../../../src/slack/run-modal/render-account-options.js';
import { renderRunForm } from '../../../src/slack/run-modal/render-run-form.js';
import { aRunbook, aRunFormInput, NO_TARGETS, roundTrip } from './run-form-fixtures.js';
import { submittedState } from './submit-view.js';

/** What bindParameters makes of the values, as the use case would run it. */
function bound(runbook: Runbook, values: Record<string, FormValue>) {
  return bindParameters(runbook, parseFormValues(runbook, values), {
    reservedParameters: runbook.assumeRoleParameter ? [runbook.assumeRoleParameter] : [],
  });
}

describe('readRunForm: the sandbox runbooks, submitted as rendered', () => {
  it.each<[string, Record<string, FormValue>, Record<string, string[]>]>([
    ['AWS-RestartEC2Instance', { InstanceId: undefined }, {}],
    [
      'Platform-CleanupUnusedAmis',
      {
        RetentionDays: '90',
        DryRun: true,
        ExcludeTags: '{\n  "Retain": "true"\n}',
        AmiNamePrefixes: 'platform-',
      },
      {
        RetentionDays: ['90'],
        DryRun: ['true'],
        ExcludeTags: ['{"Retain":"true"}'],
        AmiNamePrefixes: ['platform-'],
      },
    ],
    [
      'Platform-RollingRestartService',
      {
        ClusterName: undefined,
        Services: expect.stringContaining('"checkout-worker"'),
        MinHealthyPercent: '50',
      },
      {},
    ],
    ['AWS-EnableS3BucketEncryption', { BucketName: undefined, SSEAlgorithm: 'AES256' }, {}],
  ])('when the form for %s is submitted untouched, then it reads back its defaults', (name, values, wire) => {
    const runbook = aRunbook(name);
    const form = roundTrip(runbook);
    expect(form.problems).toEqual({});
    expect(form.parameterValues).toEqual(values);
    expect(form.request).toEqual({
      runbook: name,
      parameters: {},
      targets: { ...NO_TARGETS, regions: ['ap-northeast-1'] },
      mode: 'multi-account',
      concurrency: { kind: 'count', value: 10 },
      maxErrors: { kind: 'percent', value: 25 },
    });
    const binding = bound(runbook, form.parameterValues);
    if (Object.keys(wire).length > 0) expect(binding).toEqual({ ok: true, values: wire });
    else expect(binding.ok).toBe(false); // a required parameter is still empty
  });

  it('when a form filled from a command is submitted untouched, then it reads back what the command said', () => {
    const runbook = aRunbook('AWS-RestartEC2Instance');
    const request: RunRequest = {
      runbook: runbook.name,
      parameters: { InstanceId: 'i-0123456789abcdef0,i-0fedcba9876543210' },
      targets: {
        accounts: ['payments-prod'],
        organizationalUnits: ['ou-sbx1-dev00001'],
        excludeAccounts: [],
        regions: ['us-east-1', 'eu-west-1'],
      },
      mode: 'fan-out',
      concurrency: { kind: 'percent', value: 50 },
      maxErrors: { kind: 'count', value: 0 },
      reason: 'INC-4211: instances stuck',
    };
    const view = renderRunForm(
      aRunFormInput(runbook, {
        prefill: { request, accounts: [{ id: '333333333301', name: 'payments-prod' }] },
      }),
    );
    const form = readRunForm(submittedState(view), runbook.name);
    expect(form.problems).toEqual({});
    expect(form.request).toEqual({
      ...request,
      parameters: {},
      targets: { ...request.targets, accounts: ['333333333301'], regions: ['eu-west-1', 'us-east-1'] },
    });
    expect(bound(runbook, form.parameterValues)).toEqual({
      ok: true,
      values: { InstanceId: ['i-0123456789abcdef0', 'i-0fedcba9876543210'] },
    });
  });

  it.each<[string, Record<string, string>, Record<string, string[]>]>([
    [
      'Platform-CleanupUnusedAmis',
      { RetentionDays: '30', DryRun: 'false', ExcludeTags: '{"Keep":"yes"}', AmiNamePrefixes: 'app-,web-' },
      {
        RetentionDays: ['30'],
        DryRun: ['false'],
        ExcludeTags: ['{"Keep":"yes"}'],
        AmiNamePrefixes: ['app-', 'web-'],
      },
    ],
    [
      'Platform-RollingRestartService',
      { ClusterName: 'checkout', Services: '[{"Name":"api","Batch":1}]', MinHealthyPercent: '75' },
      { ClusterName: ['checkout'], Services: ['{"Name":"api","Batch":1}'], MinHealthyPercent: ['75'] },
    ],
    [
      'AWS-EnableS3BucketEncryption',
      { BucketName: 'payments-logs', SSEAlgorithm: 'aws:kms' },
      { BucketName: ['payments-logs'], SSEAlgorithm: ['aws:kms'] },
    ],
  ])(
    'when the form for %s shows the command’s parameters, then they bind as the command’s would',
    (name, parameters, wire) => {
      const runbook = aRunbook(name);
      const form = roundTrip(runbook, {}, { runbook: name, parameters, targets: NO_TARGETS });
      expect(form.problems).toEqual({});
      expect(bound(runbook, form.parameterValues)).toEqual({ ok: true, values: wire });
      expect(bindParameters(runbook, parameters, { reservedParameters: ['AutomationAssumeRole'] })).toEqual({
        ok: true,
        values: wire,
      });
    },
  );

  it('when the command said --accounts all, then the form reads it back as all', () => {
    const runbook = aRunbook('AWS-RestartEC2Instance');
    const form = roundTrip(runbook, {}, { parameters: {}, targets: { ...NO_TARGETS, accounts: 'all' } });
    expect(form.request.targets.accounts).toBe('all');
  });
});

describe('readRunForm: every kind of input, as a person changes it', () => {
  const many = Array.from({ length: 120 }, (_, index) => `v${index}`);
  const runbook = aRunbook(
    'Test-Every',
    `schemaVersion: '0.3'
parameters:
  Name: { type: String }
  Script: { type: String, displayType: textarea, default: 'echo hi' }
  Count: { type: Integer, default: 3 }
  Force: { type: Boolean }
  Verbose: { type: Boolean, default: true }
  Size: { type: String, allowedValues: [small, large], default: small }
  Zones: { type: StringList, allowedValues: [a, b, c] }
  Hosts: { type: StringList }
  Tags: { type: StringMap, default: {} }
  Pick: { type: String, allowedValues: [${many.join(', ')}] }
  PickSome: { type: StringList, allowedValues: [${many.join(', ')}], default: [v1] }
`,
  );
  const p = BlockId.parameter;

  it('when each input is changed, then each reads back as its kind of value and binds', () => {
    const form = roundTrip(runbook, {
      [p('Name')]: { value: 'web-01' },
      [p('Script')]: { value: 'echo one\necho two' },
      [p('Count')]: { value: '-7' },
      [p('Force')]: { selectedMany: ['true'] },
      [p('Verbose')]: { selectedMany: [] },
      [p('Size')]: { selected: 'large' },
      [p('Zones')]: { selectedMany: ['c', 'a'] },
      [p('Hosts')]: { value: 'h1, h2\nh3' },
      [p('Tags')]: { value: '{"team":"payments"}' },
      [p('Pick')]: { value: 'v42' },
      [p('PickSome')]: { value: 'v2, v3' },
    });
    expect(form.problems).toEqual({});
    expect(form.parameterValues).toEqual({
      Name: 'web-01',
      Script: 'echo one\necho two',
      Count: '-7',
      Force: true,
      Verbose: false,
      Size: 'large',
      Zones: ['c', 'a'],
      Hosts: 'h1, h2\nh3',
      Tags: '{"team":"payments"}',
      Pick: 'v42',
      PickSome: 'v2, v3',
    });
    expect(bound(runbook, form.parameterValues)).toEqual({
      ok: true,
      values: {
        Name: ['web-01'],
        Script: ['echo one\necho two'],
        Count: ['-7'],
        Force: ['true'],
        Verbose: ['false'],
        Size: ['large'],
        Zones: ['c', 'a'],
        Hosts: ['h1', 'h2', 'h3'],
        Tags: ['{"team":"payments"}'],
        Pick: ['v42'],
        PickSome: ['v2', 'v3'],
      },
    });
  });

  it('when inputs are emptied, then they read as undefined (a checkbox as false), so SSM applies the defaults', () => {
    const form = roundTrip(runbook, {
      [p('Name')]: { value: '   ' },
      [p('Script')]: { value: null },
      [p('Count')]: { value: null },
      [p('Zones')]: { selectedMany: [] },
      [p('Size')]: { selected: null },
    });
    expect(form.parameterValues).toMatchObject({ Force: false });
    for (const name of ['Name', 'Script', 'Count', 'Zones', 'Size', 'Hosts', 'Pick']) {
      expect(Object.hasOwn(form.parameterValues, name)).toBe(true);
      expect(form.parameterValues[name]).toBeUndefined();
    }
    expect(parseFormValues(runbook, form.parameterValues)).not.toHaveProperty('Count');
  });

  it('when targets and settings are changed, then the request says so', () => {
    const form = roundTrip(runbook, {
      [BlockId.accounts]: {
        selectedMany: ['333333333301', '444444444401', MORE_OPTIONS_VALUE, '333333333301'],
      },
      [BlockId.organizationalUnits]: { selectedMany: ['ou-sbx1-prod0001'] },
      [BlockId.regions]: { selectedMany: ['us-east-1', 'eu-west-1'] },
      [BlockId.mode]: { selected: 'fan-out' },
      [BlockId.concurrency]: { value: ' 5 ' },
      [BlockId.maxErrors]: { value: '0%' },
      [BlockId.reason]: { value: '  Patch Tuesday  \n' },
    });
    expect(form.problems).toEqual({});
    expect(form.request).toEqual({
      runbook: 'Test-Every',
      parameters: {},
      targets: {
        accounts: ['333333333301', '444444444401'],
        organizationalUnits: ['ou-sbx1-prod0001'],
        excludeAccounts: [],
        regions: ['us-east-1', 'eu-west-1'],
      },
      mode: 'fan-out',
      concurrency: { kind: 'count', value: 5 },
      maxErrors: { kind: 'percent', value: 0 },
      reason: 'Patch Tuesday',
    });
  });

  it('when a start and an end are picked, then the request carries them as a window (unix seconds → ISO)', () => {
    const form = roundTrip(runbook, {
      [BlockId.startAt]: { dateTime: 1_780_369_200 },
      [BlockId.endBy]: { dateTime: 1_780_376_400 },
    });
    expect(form.problems).toEqual({});
    expect(form.request.window).toEqual({
      startAt: { kind: 'at', iso: '2026-06-02T03:00:00.000Z', text: '2026-06-02T03:00:00.000Z' },
      endBy: { kind: 'at', iso: '2026-06-02T05:00:00.000Z', text: '2026-06-02T05:00:00.000Z' },
    });
  });

  it('when no time is picked, or a forged one is sent, then the request has no window', () => {
    expect(roundTrip(runbook).request.window).toBeUndefined();
    expect(roundTrip(runbook, { [BlockId.startAt]: { dateTime: -5 } }).request.window).toBeUndefined();
  });

  it('when the form follows a command with an ISO --start-at, then the picker shows it', () => {
    const view = renderRunForm(
      aRunFormInput(runbook, {
        prefill: {
          request: {
            parameters: {},
            targets: NO_TARGETS,
            window: { startAt: { kind: 'at', iso: '2026-06-02T03:00:00.000Z', text: '' } },
          },
          accounts: [],
        },
      }),
    );
    expect(view.blocks.find((block) => block.block_id === BlockId.startAt)).toMatchObject({
      element: { type: 'datetimepicker', initial_date_time: 1_780_369_200 },
    });
  });

  it('when the limits and the reason are emptied, then they are left to the defaults', () => {
    const form = roundTrip(runbook, {
      [BlockId.concurrency]: { value: '' },
      [BlockId.maxErrors]: { value: null },
      [BlockId.reason]: { value: '   ' },
    });
    expect(form.problems).toEqual({});
    expect(form.request).not.toHaveProperty('concurrency');
    expect(form.request).not.toHaveProperty('maxErrors');
    expect(form.request).not.toHaveProperty('reason');
  });
});
