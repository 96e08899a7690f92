// Resolves the accounts, OUs and regions a run asks for into targets (accounts × regions), or every problem with them.
import { closestMatches } from '../command/closest-match.js';
import type { RunTargets } from '../command/ssm-command.js';
import type { Account, Organization, Target } from '../organization/organization.js';
import { findAccount } from './find-account.js';

export type TargetProblemKind =
  | 'unknown-account'
  | 'ambiguous-account'
  | 'unknown-ou'
  | 'inactive-account'
  | 'region-not-enabled'
  | 'no-regions'
  | 'no-accounts'
  | 'excluded-everything';

export interface TargetProblem {
  kind: TargetProblemKind;
  /** What the person typed (an account, OU or region); empty when the problem is something left out. */
  input: string;
  /** A sentence for Slack that says what is wrong and how to write it. */
  message: string;
  /** Account names, account ids (for an ambiguous name), OU ids or regions close to the input. */
  suggestions?: string[];
}

/** Why an account that `all` or an OU covers is not a target; the preview counts them. */
export type SkipReason = 'inactive' | 'management-account' | 'home-account';

export interface SkippedAccount {
  account: Account;
  reason: SkipReason;
}

export interface TargetOptions {
  /** The regions runs may go to. */
  enabledRegions: string[];
  /** The regions a run goes to when it names none. */
  defaultRegions: string[];
  /** The account the bot lives in (the operations / delegated administrator account). */
  homeAccountId?: string;
}

export type ResolveTargetsResult =
  | {
      ok: true;
      /** Sorted by name. */
      accounts: Account[];
      regions: string[];
      /** Each account in each region, in the order of `accounts`, then `regions`. */
      targets: Target[];
      skipped: SkippedAccount[];
    }
  | { ok: false; problems: TargetProblem[] };

/** Reports every problem at once, so a person fixes the command in one go. Never throws. */
export function resolveTargets(
  requested: RunTargets,
  organization: Organization,
  options: TargetOptions,
): ResolveTargetsResult {
  if (requested.pairs) return resolvePairs(requested.pairs, organization, options);
  const selection = selectAccounts(requested, organization, options);
  const regions = selectRegions(requested.regions, options);
  const problems = [...selection.problems, ...regions.problems];
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    accounts: selection.accounts,
    regions: regions.regions,
    targets: selection.accounts.flatMap((account) =>
      regions.regions.map((region) => ({ accountId: account.id, region })),
    ),
    skipped: selection.skipped,
  };
}

interface AccountSelection {
  accounts: Account[];
  skipped: SkippedAccount[];
  problems: TargetProblem[];
}

function selectAccounts(
  requested: RunTargets,
  organization: Organization,
  options: TargetOptions,
): AccountSelection {
  const problems: TargetProblem[] = [];
  const chosen = new Map<string, Account>();
  const skipped = new Map<string, SkippedAccount>();
  // Accounts that `all` or an OU cover: inactive ones are left out quietly, and counted for the preview.
  const cover = (account: Account, reason?: SkipReason) => {
    const why = reason ?? (account.status === 'ACTIVE' ? undefined : 'inactive');
    if (why) skipped.set(account.id, { account, reason: why });
    else chosen.set(account.id, account);
  };

  if (requested.accounts === 'all') {
    // `all` means the member accounts workloads live in. The management account is left out: AWS advises
    // against workloads there, and multi-account Automation reaches it only if it has the execution role.
    // The home account is left out because the bot and the parent executions live there. A run meant for
    // either names it explicitly.
    for (const account of organization.accounts) {
      if (account.id === organization.managementAccountId) cover(account, 'management-account');
      else if (account.id === options.homeAccountId) cover(account, 'home-account');
      else cover(account);
    }
  } else {
    for (const input of requested.accounts) {
      const account = lookUp(input, organization, problems, '');
      if (account && account.status !== 'ACTIVE') {
        problems.push({
          kind: 'inactive-account',
          input,
          message: `${account.name} (${account.id}) is ${account.status}; runs go only to ACTIVE accounts.`,
        });
      } else if (account) {
        chosen.set(account.id, account);
      }
    }
  }

  for (const input of requested.organizationalUnits) {
    const unit = organization.organizationalUnits.find((candidate) => candidate.id === input.toLowerCase());
    if (!unit) {
      problems.push(unknownOu(input, organization));
      continue;
    }
    // Account.path lists every OU above the account, so nested OUs come with their parent.
    for (const account of organization.accounts) if (account.path.includes(unit.id)) cover(account);
  }

  const excluded = new Set<string>();
  for (const input of requested.excludeAccounts) {
    const account = lookUp(input, organization, problems, '--exclude-accounts: ');
    if (account) excluded.add(account.id);
  }

  const byName = (a: Account, b: Account) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id);
  const accounts = [...chosen.values()].filter((account) => !excluded.has(account.id)).sort(byName);
  const left = [...skipped.values()]
    .filter(({ account }) => !chosen.has(account.id) && !excluded.has(account.id))
    .sort((a, b) => byName(a.account, b.account));
  // Other problems explain an empty selection better than "no accounts" would.
  if (problems.length === 0 && accounts.length === 0)
    problems.push(emptySelection(requested, chosen.size > 0, left));
  return { accounts, skipped: left, problems };
}

/** The account an input names, or undefined after recording why there is none. */
function lookUp(input: string, organization: Organization, problems: TargetProblem[], prefix: string) {
  const match = findAccount(input, organization.accounts);
  switch (match.kind) {
    case 'found':
      return match.account;
    case 'ambiguous':
      problems.push({
        kind: 'ambiguous-account',
        input,
        message:
          `${prefix}\`${input}\` names ${match.accounts.length} accounts: ` +
          `${match.accounts.map((account) => `${account.name} (${account.id})`).join(', ')}; use the id.`,
        suggestions: match.accounts.map((account) => account.id),
      });
      return undefined;
    case 'unknown': {
      const what = /^\d{12}$/.test(input.trim()) ? 'an account id' : 'an account name';
      const hint =
        match.suggestions.length > 0
          ? ` Did you mean ${match.suggestions.map((name) => `\`${name}\``).join(' or ')}?`
          : '';
      problems.push({
        kind: 'unknown-account',
        input,
        message: `${prefix}\`${input}\` is not ${what} in this organization.${hint}`,
        ...(match.suggestions.length > 0 && { suggestions: match.suggestions }),
      });
      return undefined;
    }
  }
}

function unknownOu(input: string, organization: Organization): TargetProblem {
  const units = organization.organizationalUnits;
  const suggestions = closestMatches(
    input,
    units.map((unit) => unit.id),
  );
  const named = suggestions.map((id) => `\`${id}\` (${units.find((unit) => unit.id === id)?.name})`);
  return {
    kind: 'unknown-ou',
    input,
    message: `\`${input}\` is not an OU in this organization.${named.length > 0 ? ` Did you mean ${named.join(' or ')}?` : ''}`,
    ...(suggestions.length > 0 && { suggestions }),
  };
}

function emptySelection(requested: RunTargets, anyChosen: boolean, skipped: SkippedAccount[]): TargetProblem {
  if (anyChosen) {
    return {
      kind: 'excluded-everything',
      input: requested.excludeAccounts.join(','),
      message: '--exclude-accounts excludes every selected account; nothing is left to run on.',
    };
  }
  const asked = [
    ...(requested.accounts === 'all' ? ['all'] : requested.accounts),
    ...requested.organizationalUnits,
  ];
  if (asked.length === 0) {
    return {
      kind: 'no-accounts',
      input: '',
      message: 'no accounts: give --accounts, --ou or --accounts all.',
    };
  }
  const why = skipped.map(
    ({ account, reason }) => `${account.name} (${account.id}) ${skipReasonText(account, reason)}`,
  );
  return {
    kind: 'no-accounts',
    input: asked.join(','),
    message: `no active accounts in ${asked.join(', ')}${why.length > 0 ? `: ${why.join('; ')}` : ''}.`,
  };
}

function skipReasonText(account: Account, reason: SkipReason): string {
  if (reason === 'inactive') return `is ${account.status}`;
  return reason === 'management-account'
    ? 'is the management account (name it to include it)'
    : 'is the account the bot runs in (name it to include it)';
}

function selectRegions(
  requested: string[],
  options: TargetOptions,
): { regions: string[]; problems: TargetProblem[] } {
  const fromDefaults = requested.length === 0;
  const regions = [...new Set(fromDefaults ? options.defaultRegions : requested)];
  const enabled = [...new Set(options.enabledRegions)].sort();
  const problems: TargetProblem[] = regions
    .filter((region) => !enabled.includes(region))
    .map((region) => {
      const suggestions = closestMatches(region, enabled);
      return {
        kind: 'region-not-enabled' as const,
        input: region,
        message:
          `${region} is not enabled for runs${fromDefaults ? ' (it is one of the default regions)' : ''}; ` +
          `enabled: ${enabled.join(', ') || 'none'}.`,
        ...(suggestions.length > 0 && { suggestions }),
      };
    });
  if (regions.length === 0) {
    problems.push({
      kind: 'no-regions',
      input: '',
      message: `no regions: give --regions${enabled[0] ? ` such as --regions ${enabled[0]}` : ''}.`,
    });
  }
  return { regions, problems };
}

/**
 * Exactly the pairs asked for (a retry), in the order of the accounts by name, then of the regions given. Each is
 * checked as a named account and region would be: an account suspended or closed since, or a region no longer
 * enabled, is a problem, not a pair quietly left out.
 */
function resolvePairs(
  pairs: NonNullable<RunTargets['pairs']>,
  organization: Organization,
  options: TargetOptions,
): ResolveTargetsResult {
  const problems: TargetProblem[] = [];
  const accounts = new Map<string, Account>();
  for (const accountId of new Set(pairs.map((pair) => pair.accountId))) {
    const account = lookUp(accountId, organization, problems, '');
    if (account && account.status !== 'ACTIVE') {
      problems.push({
        kind: 'inactive-account',
        input: accountId,
        message: `${account.name} (${account.id}) is ${account.status}; runs go only to ACTIVE accounts.`,
      });
    } else if (account) accounts.set(account.id, account);
  }
  const regions = [...new Set(pairs.map((pair) => pair.region))];
  // An explicit list: the default regions play no part, but every region must still be enabled.
  problems.push(...selectRegions(regions, { ...options, defaultRegions: [] }).problems);
  if (pairs.length === 0) problems.push({ kind: 'no-accounts', input: '', message: 'no targets to run on.' });
  if (problems.length > 0) return { ok: false, problems };
  const byName = (a: Account, b: Account) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id);
  const sorted = [...accounts.values()].sort(byName);
  const wanted = new Set(pairs.map((pair) => `${pair.accountId}:${pair.region}`));
  return {
    ok: true,
    accounts: sorted,
    regions,
    targets: sorted.flatMap((account) =>
      regions
        .filter((region) => wanted.has(`${account.id}:${region}`))
        .map((region) => ({ accountId: account.id, region })),
    ),
    skipped: [],
  };
}
