// The modal's first view when no runbook was named: one select of the runbooks policy lets the person run.
import type { ExternalSelect, KnownBlock, ModalView, SectionBlock, StaticSelect } from '@slack/types';
import type { RunbookSummary } from '../../ports.js';
import { ActionId, BlockId, CallbackId } from '../ids.js';
import { BlockKitLimit } from '../render/block-kit-limits.js';
import { contextBlock, sectionBlock } from '../render/blocks.js';
import { inlineCode } from '../render/escape-mrkdwn.js';
import { orList } from '../render/or-list.js';
import { plural } from '../render/plural.js';
import { ModalLimit } from './modal-limits.js';
import { formatModalMetadata } from './parse-modal-metadata.js';
import { fitsOptionValue, plainText } from './plain-text-option.js';
import { runbookOption } from './render-account-options.js';

/**
 * A static select of the runbooks (sorted by name) when they fit in one (100 options), else a search that
 * loads them through `block_suggestion` (renderRunbookOptions). There is no submit button: choosing a runbook
 * sends a block_actions, and the bot replaces the view with the runbook's form.
 */
export function renderRunbookPicker(input: {
  runbooks: RunbookSummary[];
  channelId: string;
  /** The runbook the command named that the person may not run or that does not exist, said first. */
  unknown?: { name: string; suggestions: string[] };
  /** When no runbook may be run: the policy rules that apply to the person (they allow nothing). */
  rulesThatApply?: string[];
}): ModalView {
  // SSM names are at most 128 characters; a longer one could not be an option value.
  const runbooks = input.runbooks
    .filter((runbook) => fitsOptionValue(runbook.name))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return {
    type: 'modal',
    callback_id: CallbackId.runbookPicker,
    title: plainText('Run a runbook', ModalLimit.buttonText),
    close: plainText('Cancel', ModalLimit.buttonText),
    private_metadata: formatModalMetadata({ channelId: input.channelId }),
    blocks:
      runbooks.length === 0
        ? noRunbooks(input.rulesThatApply ?? [])
        : [...(input.unknown ? unknownRunbook(input.unknown) : []), ...picker(runbooks)],
  };
}

function picker(runbooks: RunbookSummary[]): KnownBlock[] {
  const placeholder = plainText('Choose a runbook', ModalLimit.placeholder);
  const select: StaticSelect | ExternalSelect =
    runbooks.length <= BlockKitLimit.options
      ? {
          type: 'static_select',
          action_id: ActionId.pickRunbook,
          placeholder,
          options: runbooks.map(runbookOption),
        }
      : {
          type: 'external_select',
          action_id: ActionId.pickRunbook,
          placeholder: plainText('Type to search runbooks', ModalLimit.placeholder),
          min_query_length: 0,
        };
  const section: SectionBlock = {
    ...sectionBlock('*Which runbook do you want to run?*'),
    block_id: BlockId.runbook,
    accessory: select,
  };
  return [
    section,
    contextBlock(
      `${plural(runbooks.length, 'runbook')} you may run. ` +
        `You can also type ${inlineCode('/ssm run <runbook> Name=value …')}`,
    ),
  ];
}

function unknownRunbook({ name, suggestions }: { name: string; suggestions: string[] }): KnownBlock[] {
  const near = suggestions.length > 0 ? ` Did you mean ${orList(suggestions.map(inlineCode))}?` : '';
  return [sectionBlock(`:warning: There is no runbook ${inlineCode(name)} that you may run.${near}`)];
}

/** Why nothing is offered: no rule speaks to the person, or the rules that do allow nothing. */
function noRunbooks(rulesThatApply: string[]): KnownBlock[] {
  const named = rulesThatApply.map(inlineCode).join(', ');
  const why =
    rulesThatApply.length === 0
      ? 'No policy rule names you, your user groups or this channel.'
      : rulesThatApply.length === 1
        ? `The one policy rule that applies to you (${named}) allows no runbook in the catalog.`
        : `The policy rules that apply to you (${named}) allow no runbook in the catalog.`;
  return [
    sectionBlock(`:mag: *There is no runbook you may run.* ${why}`),
    contextBlock('What you may run is set by policy: ask an operator to add a rule for you or your team.'),
  ];
}
