// renderRunForm: the form for the sandbox runbooks (golden files), what prefill shows, and Slack's limits.
import type { InputBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { RunRequest } from '../../../src/core/run/run-request.js';
import type { FormField } from '../../../src/core/runbook/describe-parameter-form.js';
import { BlockId } from '../../../src/slack/ids.js';
import { renderRunForm } from '../../../src/slack/run-modal/render-run-form.js';
import { expectGoldenView } from './expect-golden-view.js';
import { aRunbook, aRunFormInput, CHANNEL } from './run-form-fixtures.js';
import { expectWithinSlackLimits } from './slack-view-limits.js';

const SANDBOX_RUNBOOKS = [
  'AWS-RestartEC2Instance',
  'Platform-CleanupUnusedAmis',
  'Platform-RollingRestartService',
  'AWS-EnableS3BucketEncryption',
] as const;

const request = (fields: Partial<RunRequest> & Pick<RunRequest, 'parameters'>): RunRequest => ({
  targets: { accounts: [], organizationalUnits: [], excludeAccounts: [], regions: [] },
  ...fields,
});

/** What `/ssm run <runbook> …` said for each sandbox runbook, with one account it named looked up. */
const PREFILLS: Record<(typeof SANDBOX_RUNBOOKS)[number], RunRequest> = {
  'AWS-RestartEC2Instance': request({
    runbook: 'AWS-RestartEC2Instance',
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
    reason: 'INC-4211: instances stuck after the kernel patch',
  }),
  'Platform-CleanupUnusedAmis': request({
    parameters: {
      RetentionDays: '30',
      DryRun: 'false',
      ExcludeTags: '{"Keep":"yes"}',
      AmiNamePrefixes: 'app-,web-',
    },
    targets: { accounts: 'all', organizationalUnits: [], excludeAccounts: [], regions: [] },
  }),
  'Platform-RollingRestartService': request({
    parameters: { ClusterName: 'checkout', Services: '[{"Name":"api","Batch":1}]', MinHealthyPercent: '75' },
  }),
  'AWS-EnableS3BucketEncryption': request({
    parameters: { BucketName: 'payments-logs', SSEAlgorithm: 'aws:kms' },
  }),
};

/** The element of an input block, as a loose record (the tests look at fields of several element types). */
const elementOf = (view: ModalView, blockId: string) =>
  (input(view, blockId)?.element ?? {}) as {
    initial_options?: Array<{ value: string }>;
    initial_option?: { value: string };
  };
const inputs = (view: ModalView) =>
  view.blocks.filter((block): block is InputBlock => block.type === 'input');
const input = (view: ModalView, blockId: string) => inputs(view).find((block) => block.block_id === blockId);

describe('renderRunForm: the sandbox runbooks', () => {
  it.each(SANDBOX_RUNBOOKS)(
    'when the form for %s is opened without a command, then it matches its golden file',
    async (name) => {
      const view = renderRunForm(aRunFormInput(aRunbook(name)));
      expectWithinSlackLimits(view);
      await expectGoldenView(view, `form-${name}`);
    },
  );

  it.each(SANDBOX_RUNBOOKS)(
    'when the form for %s follows a command, then it shows what the command said (golden)',
    async (name) => {
      const view = renderRunForm(
        aRunFormInput(aRunbook(name), {
          prefill: {
            request: PREFILLS[name],
            accounts:
              name === 'AWS-RestartEC2Instance' ? [{ id: '333333333301', name: 'payments-prod' }] : [],
          },
        }),
      );
      expectWithinSlackLimits(view);
      await expectGoldenView(view, `form-${name}-prefilled`);
    },
  );
});

describe('renderRunForm: how the form is put together', () => {
  it('when a form is rendered, then it says which runbook and channel it is for', () => {
    const view = renderRunForm(aRunFormInput(aRunbook('AWS-RestartEC2Instance')));
    expect(view.callback_id).toBe('run-modal.form');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({
      channelId: CHANNEL,
      runbook: 'AWS-RestartEC2Instance',
    });
    expect([view.title.text, view.submit?.text, view.close?.text]).toEqual([
      'Run runbook',
      'Preview',
      'Cancel',
    ]);
  });

  it('when the command named accounts, OUs and regions, then they are the initial choices', () => {
    const view = renderRunForm(
      aRunFormInput(aRunbook('AWS-RestartEC2Instance'), {
        prefill: {
          request: PREFILLS['AWS-RestartEC2Instance'],
          accounts: [
            { id: '333333333301', name: 'payments-prod' },
            { id: '333333333301', name: 'payments-prod' },
          ],
        },
      }),
    );
    const initial = (blockId: string) =>
      (elementOf(view, blockId).initial_options ?? []).map((option) => option.value);
    expect(initial(BlockId.accounts)).toEqual(['333333333301']);
    expect(initial(BlockId.organizationalUnits)).toEqual(['ou-sbx1-dev00001']);
    expect(initial(BlockId.regions)).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('when the command asked for regions that are not enabled, then only the enabled ones are chosen', () => {
    const prefill = request({
      parameters: {},
      targets: {
        accounts: [],
        organizationalUnits: ['ou-nope'],
        excludeAccounts: [],
        regions: ['mars-1', 'eu-west-1'],
      },
    });
    const view = renderRunForm(
      aRunFormInput(aRunbook('AWS-RestartEC2Instance'), { prefill: { request: prefill, accounts: [] } }),
    );
    expectWithinSlackLimits(view);
    expect(JSON.stringify(input(view, BlockId.regions))).not.toContain('mars-1');
    expect(elementOf(view, BlockId.regions).initial_options?.map((option) => option.value)).toEqual([
      'eu-west-1',
    ]);
    expect(elementOf(view, BlockId.organizationalUnits).initial_options).toBeUndefined();
  });

  it('when a prefilled value cannot be shown by its input, then the input keeps its default', () => {
    const view = renderRunForm(
      aRunFormInput(aRunbook('Platform-RollingRestartService'), {
        prefill: { request: request({ parameters: { MinHealthyPercent: '60' } }), accounts: [] },
      }),
    );
    expectWithinSlackLimits(view);
    expect(elementOf(view, BlockId.parameter('MinHealthyPercent')).initial_option).toBeUndefined();
  });

  it('when a required Boolean has no default, then its checkbox is optional, so unticked can be sent as false', () => {
    const runbook = aRunbook('Test-Bool', "schemaVersion: '0.3'\nparameters:\n  Force: { type: Boolean }\n");
    const block = input(renderRunForm(aRunFormInput(runbook)), BlockId.parameter('Force'));
    expect(block?.optional).toBe(true);
    expect(block?.element).toEqual({
      type: 'checkboxes',
      action_id: 'run-modal.parameter',
      options: [{ text: { type: 'plain_text', text: 'true' }, value: 'true' }],
    });
  });

  it('when a parameter allows more values than a select holds, then it is a text input that says so', () => {
    const values = Array.from({ length: 150 }, (_, index) => `v${index}`);
    const runbook = aRunbook(
      'Test-Many',
      `schemaVersion: '0.3'\nparameters:\n  One: { type: String, allowedValues: [${values.join(', ')}] }\n  Some: { type: StringList, allowedValues: [${values.join(', ')}], default: [v1] }\n`,
    );
    const view = renderRunForm(aRunFormInput(runbook));
    expectWithinSlackLimits(view);
    expect(input(view, BlockId.parameter('One'))).toMatchObject({
      element: { type: 'plain_text_input' },
      hint: { text: 'Type one of the 150 allowed values, such as v0, v1, v2.' },
      optional: false,
    });
    expect(input(view, BlockId.parameter('Some'))).toMatchObject({
      element: { type: 'plain_text_input', multiline: true, initial_value: 'v1' },
      optional: true,
    });
  });

  it('when a default is longer than a text input holds, then it is left out and the hint says why', () => {
    const long = 'x'.repeat(3001);
    const runbook = aRunbook(
      'Test-Long',
      `schemaVersion: '0.3'\nparameters:\n  Blob: { type: String, default: ${long} }\n`,
    );
    const view = renderRunForm(aRunFormInput(runbook));
    expectWithinSlackLimits(view);
    expect(input(view, BlockId.parameter('Blob'))).toMatchObject({
      element: { type: 'plain_text_input' },
      hint: { text: expect.stringContaining('too long to show') },
    });
    expect(JSON.stringify(view)).not.toContain(long);
  });

  it('when a runbook has more parameters than a modal holds, then the required ones come first and a note says how to set the rest', () => {
    const parameters = Array.from({ length: 120 }, (_, index) =>
      index % 2 === 0 ? `  Opt${index}: { type: String, default: x }` : `  Req${index}: { type: String }`,
    );
    const runbook = aRunbook('Test-Huge', `schemaVersion: '0.3'\nparameters:\n${parameters.join('\n')}\n`);
    const view = renderRunForm(aRunFormInput(runbook));
    expectWithinSlackLimits(view);
    expect(view.blocks).toHaveLength(100);
    const shown = inputs(view).flatMap((block) => BlockId.parameterName(block.block_id ?? '') ?? []);
    expect(shown.slice(0, 60).every((name) => name.startsWith('Req'))).toBe(true);
    expect(JSON.stringify(view.blocks)).toContain('more parameters do not fit in this form');
    for (const blockId of [BlockId.accounts, BlockId.regions, BlockId.mode, BlockId.reason]) {
      expect(input(view, blockId)).toBeDefined();
    }
  });

  it('when a runbook has no parameters, then the form says so', () => {
    const view = renderRunForm(aRunFormInput(aRunbook('Test-None', "schemaVersion: '0.3'\n")));
    expectWithinSlackLimits(view);
    expect(JSON.stringify(view.blocks)).toContain('This runbook takes no parameters.');
  });

  it('when the organization has no OUs and no region is enabled, then those selects are left out (Slack refuses empty ones)', () => {
    const view = renderRunForm(
      aRunFormInput(aRunbook('AWS-RestartEC2Instance'), { organizationalUnits: [], enabledRegions: [] }),
    );
    expectWithinSlackLimits(view);
    expect(input(view, BlockId.organizationalUnits)).toBeUndefined();
    expect(input(view, BlockId.regions)).toBeUndefined();
    expect(JSON.stringify(view.blocks)).toContain('No regions are enabled');
  });

  it.each([
    [130, '30 more OUs are not listed'],
    [101, '1 more OU is not listed'],
  ])('when there are %i OUs, then 100 are listed and the hint says "%s"', (count, hint) => {
    const units = Array.from({ length: count }, (_, index) => ({
      id: `ou-abcd-${String(index).padStart(8, '0')}`,
      name: `Team ${index}`,
      parentId: 'r-abcd',
    }));
    const view = renderRunForm(
      aRunFormInput(aRunbook('AWS-RestartEC2Instance'), { organizationalUnits: units }),
    );
    expectWithinSlackLimits(view);
    expect(input(view, BlockId.organizationalUnits)?.hint?.text).toContain(hint);
  });

  it('when names and descriptions are hostile or huge, then the view still keeps every limit', () => {
    const field: FormField = {
      name: 'P'.repeat(240),
      label: `<!channel> ${'L'.repeat(3000)}`,
      hint: 'h'.repeat(5000),
      required: true,
      parameterType: 'String',
      input: 'select',
      options: ['a'.repeat(100), 'b'.repeat(149)],
    };
    const view = renderRunForm(
      aRunFormInput(aRunbook('AWS-RestartEC2Instance'), {
        runbook: { name: 'AWS-RestartEC2Instance', description: `<!channel> ${'d'.repeat(10_000)}` },
        form: { fields: [field] },
        organizationalUnits: [{ id: 'ou-x', name: 'N'.repeat(200), parentId: 'r' }],
      }),
    );
    expectWithinSlackLimits(view);
    expect(JSON.stringify(view.blocks[0])).toContain('&lt;!channel&gt;');
    expect(input(view, BlockId.parameter('P'.repeat(240)))?.label.text).toMatch(/… \(truncated\)$/);
  });

  it('when a parameter name is too long for a block_id, then it gets no field and the form says how to set it', () => {
    const field: FormField = {
      name: 'P'.repeat(300),
      label: 'P',
      required: true,
      parameterType: 'String',
      input: 'text',
    };
    const view = renderRunForm(
      aRunFormInput(aRunbook('AWS-RestartEC2Instance'), { form: { fields: [field] } }),
    );
    expectWithinSlackLimits(view);
    expect(JSON.stringify(view.blocks)).toContain('1 more parameter does not fit in this form');
  });
});
