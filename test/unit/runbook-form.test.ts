// describeParameterForm and parseFormValues: which input fits each parameter, and what a submitted form binds to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bindParameters } from '../../src/core/runbook/bind-parameters.js';
import { describeParameterForm, type FormField } from '../../src/core/runbook/describe-parameter-form.js';
import { type FormValue, parseFormValues } from '../../src/core/runbook/parse-form-values.js';
import { parseRunbookContent } from '../../src/core/runbook/parse-runbook-content.js';
import type { Runbook } from '../../src/core/runbook/runbook.js';

function aRunbook(
  name: string,
  content = readFileSync(`fixtures/sandbox/runbooks/${name}.yml`, 'utf8'),
): Runbook {
  const result = parseRunbookContent(name, content, 'YAML');
  if (!result.ok) throw new Error(result.message);
  return result.runbook;
}

const RESERVED = { reservedParameters: ['AutomationAssumeRole'] };
const fieldsOf = (runbook: Runbook) => describeParameterForm(runbook, RESERVED).fields;
const field = (runbook: Runbook, name: string) =>
  fieldsOf(runbook).find((candidate) => candidate.name === name);

const custom = aRunbook(
  'Test-Custom',
  `schemaVersion: '0.3'
parameters:
  Script: { type: String, displayType: textarea, description: '${'A very long description. '.repeat(10)}' }
  Regions: { type: StringList, allowedValues: [us-east-1, eu-west-1, ap-northeast-1], default: [eu-west-1, mars-1] }
  Enabled: { type: Boolean }
  Tags: { type: StringMap }
`,
);

describe('describeParameterForm: which input fits', () => {
  it.each<[string, Runbook, string, Partial<FormField>]>([
    ['a String', aRunbook('AWS-EnableS3BucketEncryption'), 'BucketName', { input: 'text', required: true }],
    [
      'a String with allowed values',
      aRunbook('AWS-EnableS3BucketEncryption'),
      'SSEAlgorithm',
      {
        input: 'select',
        options: ['AES256', 'aws:kms'],
        initialValue: 'AES256',
        required: false,
      },
    ],
    ['a textarea String', custom, 'Script', { input: 'multiline' }],
    [
      'an Integer',
      aRunbook('Platform-CleanupUnusedAmis'),
      'RetentionDays',
      { input: 'number', initialValue: '90' },
    ],
    [
      'an Integer with allowed values',
      aRunbook('Platform-RollingRestartService'),
      'MinHealthyPercent',
      {
        input: 'select',
        options: ['50', '75', '100'],
        initialValue: '50',
      },
    ],
    [
      'a Boolean with a default',
      aRunbook('Platform-CleanupUnusedAmis'),
      'DryRun',
      { input: 'boolean', initialValue: true },
    ],
    ['a Boolean without a default', custom, 'Enabled', { input: 'boolean', required: true }],
    [
      'a free StringList',
      aRunbook('Platform-CleanupUnusedAmis'),
      'AmiNamePrefixes',
      {
        input: 'list',
        initialValue: 'platform-',
        placeholder: 'Separate items with commas or new lines',
      },
    ],
    [
      'a StringList with allowed values (defaults outside them dropped)',
      custom,
      'Regions',
      {
        input: 'multi-select',
        options: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
        initialValues: ['eu-west-1'],
      },
    ],
    [
      'a StringMap',
      aRunbook('Platform-CleanupUnusedAmis'),
      'ExcludeTags',
      {
        input: 'json',
        initialValue: '{\n  "Retain": "true"\n}',
        placeholder: '{"Retain":"true"}',
      },
    ],
    [
      'a MapList',
      aRunbook('Platform-RollingRestartService'),
      'Services',
      {
        input: 'json',
        initialValue: expect.stringMatching(/^\[\n {2}\{\n {4}"Name": "checkout-api",/),
      },
    ],
    ['a StringMap without a default', custom, 'Tags', { input: 'json', placeholder: '{"key":"value"}' }],
  ])('when the parameter is %s, then the field is as expected', (_case, runbook, name, expected) => {
    expect(field(runbook, name)).toEqual(expect.objectContaining({ name, label: name, ...expected }));
  });

  it('when a parameter is reserved, then it gets no field', () => {
    expect(fieldsOf(aRunbook('AWS-RestartEC2Instance')).map((f) => f.name)).toEqual(['InstanceId']);
    expect(describeParameterForm(aRunbook('AWS-RestartEC2Instance')).fields.map((f) => f.name)).toEqual([
      'InstanceId',
      'AutomationAssumeRole',
    ]);
  });

  it('when a description starts with (Required), then the hint leaves it out', () => {
    expect(field(aRunbook('AWS-RestartEC2Instance'), 'InstanceId')?.hint).toBe('EC2 Instance(s) to restart');
  });

  it('when a description is long, then the hint is cut to 150 characters and says so with …', () => {
    const hint = field(custom, 'Script')?.hint ?? '';
    expect(hint).toHaveLength(150);
    expect(hint.endsWith('…')).toBe(true);
  });

  it('when the default is an empty string, then the field starts empty', () => {
    expect(describeParameterForm(aRunbook('AWS-RestartEC2Instance')).fields[1]).not.toHaveProperty(
      'initialValue',
    );
  });
});

describe('parseFormValues: from a submitted form to raw values', () => {
  const cleanup = aRunbook('Platform-CleanupUnusedAmis');
  it.each<[string, Record<string, FormValue>, Record<string, string | string[]>]>([
    [
      'list text is split on commas and new lines',
      { AmiNamePrefixes: 'a-,b-\n c- \n\n' },
      { AmiNamePrefixes: ['a-', 'b-', 'c-'] },
    ],
    ['a JSON list is passed whole', { AmiNamePrefixes: '["a-", "b-"]' }, { AmiNamePrefixes: '["a-", "b-"]' }],
    ['a checkbox becomes true or false', { DryRun: false }, { DryRun: 'false' }],
    [
      'empty fields are left out',
      { RetentionDays: '  ', ExcludeTags: null, DryRun: undefined, AmiNamePrefixes: ' ,\n' },
      {},
    ],
    ['text is trimmed', { RetentionDays: ' 30 ' }, { RetentionDays: '30' }],
    ['JSON is passed as typed', { ExcludeTags: '{"a": "b"}' }, { ExcludeTags: '{"a": "b"}' }],
    ['an unknown field is passed on for bindParameters to report', { Other: 'x' }, { Other: 'x' }],
    ['an emptied multi-select is left out', { AmiNamePrefixes: [] }, {}],
  ])('when %s, then the raw values are as expected', (_case, form, raw) => {
    expect(parseFormValues(cleanup, form)).toEqual(raw);
  });

  it('when a multi-select arrives as a list, then it stays a list', () => {
    expect(parseFormValues(custom, { Regions: ['us-east-1', 'eu-west-1'] })).toEqual({
      Regions: ['us-east-1', 'eu-west-1'],
    });
  });

  it.each([
    'AWS-EnableS3BucketEncryption',
    'AWS-RestartEC2Instance',
    'Platform-CleanupUnusedAmis',
    'Platform-RollingRestartService',
    'Platform-VerifyBackupRestore',
  ])('when the form for %s is submitted with its initial values, then they bind', (name) => {
    const runbook = aRunbook(name);
    const form: Record<string, FormValue> = {};
    for (const f of fieldsOf(runbook)) {
      if (f.input === 'multi-select') form[f.name] = f.initialValues;
      else form[f.name] = f.initialValue;
    }
    const filled = {
      BucketName: 'my-bucket',
      InstanceId: 'i-0123456789abcdef0',
      ClusterName: 'checkout',
      DBInstanceIdentifier: 'orders-db',
    };
    for (const f of fieldsOf(runbook)) if (f.required) form[f.name] = filled[f.name as keyof typeof filled];
    expect(bindParameters(runbook, parseFormValues(runbook, form), RESERVED).ok).toBe(true);
  });
});
