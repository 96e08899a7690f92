// Finds the account a person means by a 12-digit id or by its name, as typed in `/ssm run`.
import { closestMatches } from '../command/closest-match.js';
import type { Account } from '../organization/organization.js';

export type AccountMatch =
  | { kind: 'found'; account: Account }
  /** Several accounts carry the name; only an id can tell them apart. */
  | { kind: 'ambiguous'; accounts: Account[] }
  /** Close account names; never ids, which cannot be guessed from a typo. */
  | { kind: 'unknown'; suggestions: string[] };

const ACCOUNT_ID = /^\d{12}$/;

/** By id; else by exact name; else by name ignoring case. */
export function findAccount(input: string, accounts: readonly Account[]): AccountMatch {
  const typed = input.trim();
  if (ACCOUNT_ID.test(typed)) {
    const account = accounts.find((candidate) => candidate.id === typed);
    return account ? { kind: 'found', account } : { kind: 'unknown', suggestions: [] };
  }
  for (const same of [
    (name: string) => name === typed,
    (name: string) => name.toLowerCase() === typed.toLowerCase(),
  ]) {
    const matches = accounts.filter((account) => same(account.name));
    if (matches.length === 1) return { kind: 'found', account: matches[0]! };
    if (matches.length > 1) return { kind: 'ambiguous', accounts: matches };
  }
  const names = [...new Set(accounts.map((account) => account.name))];
  return { kind: 'unknown', suggestions: closestMatches(typed, names) };
}
