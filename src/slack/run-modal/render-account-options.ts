// The options the modal's external selects load as someone types: accounts for the targets, runbooks for the picker.
import type { PlainTextOption } from '@slack/types';
import type { Account } from '../../core/organization/organization.js';
import type { RunbookSummary } from '../../ports.js';
import { BlockKitLimit } from '../render/block-kit-limits.js';
import { oneLineDescription } from '../render/one-line-description.js';
import { matchQuery } from './match-query.js';
import { fitsOptionValue, plainTextOption, shortText } from './plain-text-option.js';

/**
 * The value of the last option when not every match fits: it only tells the person to type more. It cannot
 * be an account id or a runbook name (SSM names have no `…`), so readers drop it when it comes back selected.
 */
export const MORE_OPTIONS_VALUE = '…more';

const ID_SUFFIX_LENGTH = ' (123456789012)'.length;

/** `payments-prod (333333333301)`: the name cut so the id always shows. */
export function accountOption(account: { id: string; name: string }): PlainTextOption {
  const name = shortText(account.name, BlockKitLimit.optionText - ID_SUFFIX_LENGTH);
  return plainTextOption(`${name} (${account.id})`, account.id);
}

/**
 * ACTIVE accounts whose name or id contains the query (those starting with it first, then by name), at most
 * 100 options; when more match, the last one says how many more and to type to narrow.
 */
export function renderAccountOptions(accounts: Account[], query: string): { options: PlainTextOption[] } {
  const byName = (a: Account, b: Account) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id);
  const matches = matchQuery(
    accounts.filter((account) => account.status === 'ACTIVE'),
    query ?? '',
    (account) => [account.name, account.id],
    byName,
  );
  return { options: capOptions(matches.map(accountOption)) };
}

/** The runbook picker's search when there are too many runbooks for a static select: by name, like accounts. */
export function renderRunbookOptions(
  runbooks: RunbookSummary[],
  query: string,
): { options: PlainTextOption[] } {
  const matches = matchQuery(
    runbooks.filter((runbook) => fitsOptionValue(runbook.name)),
    query ?? '',
    (runbook) => [runbook.name],
    (a, b) => a.name.localeCompare(b.name, 'en'),
  );
  return { options: capOptions(matches.map(runbookOption)) };
}

export function runbookOption(runbook: RunbookSummary): PlainTextOption {
  // Cut long first (cheap), then to the option's 75 characters with a bare "…" by plainTextOption.
  const description = runbook.description ? oneLineDescription(runbook.description, 1000) : undefined;
  return plainTextOption(runbook.name, runbook.name, description);
}

function capOptions(options: PlainTextOption[]): PlainTextOption[] {
  if (options.length <= BlockKitLimit.options) return options;
  const shown = options.slice(0, BlockKitLimit.options - 1);
  const more = options.length - shown.length;
  return [...shown, plainTextOption(`… ${more} more, type to narrow`, MORE_OPTIONS_VALUE)];
}
