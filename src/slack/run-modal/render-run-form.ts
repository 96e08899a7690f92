// The run form: a runbook's parameters, then its targets and run settings, filled with what the command said.
import type { KnownBlock, ModalView } from '@slack/types';
import type { RateLimit, RunMode } from '../../core/command/ssm-command.js';
import type { OrganizationalUnit } from '../../core/organization/organization.js';
import type { RunRequest } from '../../core/run/run-request.js';
import type { FormField, ParameterForm } from '../../core/runbook/describe-parameter-form.js';
import { BlockId, CallbackId } from '../ids.js';
import { BlockKitLimit } from '../render/block-kit-limits.js';
import { contextBlock, headerBlock, sectionBlock } from '../render/blocks.js';
import { escapeMrkdwn, inlineCode } from '../render/escape-mrkdwn.js';
import { oneLineDescription } from '../render/one-line-description.js';
import { ModalLimit } from './modal-limits.js';
import { parameterInput } from './parameter-input.js';
import { formatModalMetadata } from './parse-modal-metadata.js';
import { plainText } from './plain-text-option.js';
import { settingInputs, targetInputs } from './target-inputs.js';

export interface RunFormInput {
  runbook: { name: string; description?: string };
  form: ParameterForm;
  organizationalUnits: OrganizationalUnit[];
  enabledRegions: string[];
  defaults: { regions: string[]; mode: RunMode; concurrency: RateLimit; maxErrors: RateLimit };
  /** What the command already said, and the accounts it named, looked up. */
  prefill?: { request: RunRequest; accounts: Array<{ id: string; name: string }> };
  channelId: string;
}

const DESCRIPTION_LENGTH = 500;

/**
 * Submitting it ("Preview") sends a view_submission that readRunForm reads back. A runbook with more
 * parameters than a modal can hold (100 blocks) shows the required ones first and says how to set the rest.
 */
export function renderRunForm(input: RunFormInput): ModalView {
  const { runbook, prefill } = input;
  const choices = {
    organizationalUnits: input.organizationalUnits,
    enabledRegions: input.enabledRegions,
    defaults: input.defaults,
    ...(prefill && { prefill: { ...prefill.request, accounts: prefill.accounts } }),
  };
  const description = runbook.description ? oneLineDescription(runbook.description, DESCRIPTION_LENGTH) : '';
  const head = [
    sectionBlock(`*${escapeMrkdwn(runbook.name)}*${description ? `\n${escapeMrkdwn(description)}` : ''}`),
  ];
  const tail: KnownBlock[] = [
    headerBlock('Targets'),
    ...targetInputs(choices),
    headerBlock('Run settings'),
    ...settingInputs(choices),
  ];
  const room = BlockKitLimit.viewBlocks - head.length - tail.length - 1;
  return {
    type: 'modal',
    callback_id: CallbackId.runForm,
    title: plainText('Run runbook', ModalLimit.buttonText),
    submit: plainText('Preview', ModalLimit.buttonText),
    close: plainText('Cancel', ModalLimit.buttonText),
    private_metadata: formatModalMetadata({ channelId: input.channelId, runbook: runbook.name }),
    blocks: [
      ...head,
      ...parameterBlocks(input.form.fields, prefill?.request.parameters ?? {}, runbook.name, room),
      ...tail,
    ],
  };
}

function parameterBlocks(
  fields: FormField[],
  prefilled: Record<string, string | string[]>,
  runbook: string,
  room: number,
): KnownBlock[] {
  const header = headerBlock('Parameters');
  if (fields.length === 0) return [header, contextBlock('This runbook takes no parameters.')];
  const prefilledValue = (name: string) => (Object.hasOwn(prefilled, name) ? prefilled[name] : undefined);
  // A name too long for a block_id cannot be read back, so it gets no field (SSM names are short in practice).
  const placeable = fields.filter((field) => BlockId.parameter(field.name).length <= BlockKitLimit.blockId);
  if (placeable.length === fields.length && fields.length <= room) {
    return [header, ...fields.map((field) => parameterInput(field, prefilledValue(field.name)))];
  }
  // One block goes to the note; required fields first, so nothing the run needs is left out of reach.
  const shown = [
    ...placeable.filter((field) => field.required),
    ...placeable.filter((field) => !field.required),
  ].slice(0, room - 1);
  const hidden = fields.length - shown.length;
  return [
    header,
    ...shown.map((field) => parameterInput(field, prefilledValue(field.name))),
    contextBlock(
      `${hidden === 1 ? '1 more parameter does' : `${hidden} more parameters do`} not fit in this form. ` +
        `To set them, use ${inlineCode(`/ssm run ${runbook} Name=value …`)}`,
    ),
  ];
}
