// The sandbox runbooks and organization as the run form tests render them.
import { readFileSync } from 'node:fs';
import type { RunRequest } from '../../../src/core/run/run-request.js';
import { describeParameterForm } from '../../../src/core/runbook/describe-parameter-form.js';
import { parseRunbookContent } from '../../../src/core/runbook/parse-runbook-content.js';
import type { Runbook } from '../../../src/core/runbook/runbook.js';
import { readRunForm } from '../../../src/slack/run-modal/read-run-form.js';
import { type RunFormInput, renderRunForm } from '../../../src/slack/run-modal/render-run-form.js';
import { anOrganization } from '../../support/organization-builder.js';
import { type Edit, submittedState } from './submit-view.js';

export const CHANNEL = 'C0OPS00001';
export const ENABLED_REGIONS = ['us-east-1', 'ap-northeast-1', 'eu-west-1'];

export function aRunbook(
  name: string,
  content = readFileSync(`fixtures/sandbox/runbooks/${name}.yml`, 'utf8'),
): Runbook {
  const result = parseRunbookContent(name, content, 'YAML');
  if (!result.ok) throw new Error(result.message);
  return result.runbook;
}

/** The form input for `runbook`, as the listener builds it: reserved assume-role parameter, sandbox OUs. */
export function aRunFormInput(runbook: Runbook, overrides: Partial<RunFormInput> = {}): RunFormInput {
  return {
    runbook: {
      name: runbook.name,
      ...(runbook.description !== undefined && { description: runbook.description }),
    },
    form: describeParameterForm(runbook, {
      reservedParameters: runbook.assumeRoleParameter ? [runbook.assumeRoleParameter] : [],
    }),
    organizationalUnits: anOrganization().organizationalUnits,
    enabledRegions: ENABLED_REGIONS,
    defaults: {
      regions: ['ap-northeast-1'],
      mode: 'multi-account',
      concurrency: { kind: 'count', value: 10 },
      maxErrors: { kind: 'percent', value: 25 },
    },
    channelId: CHANNEL,
    ...overrides,
  };
}

export const NO_TARGETS = { accounts: [], organizationalUnits: [], excludeAccounts: [], regions: [] };

/** Renders the form for `runbook` (after `prefill`), submits it as Slack would with `edits`, and reads it back. */
export function roundTrip(
  runbook: Runbook,
  edits: Record<string, Edit> = {},
  prefill?: RunRequest,
  accounts: Array<{ id: string; name: string }> = [],
) {
  const view = renderRunForm(
    aRunFormInput(runbook, prefill ? { prefill: { request: prefill, accounts } } : {}),
  );
  return readRunForm(submittedState(view, edits), runbook.name);
}
