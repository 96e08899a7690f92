// renderAccountOptions and renderRunbookOptions: what the external selects offer as someone types.
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/core/organization/organization.js';
import type { RunbookSummary } from '../../../src/ports.js';
import {
  MORE_OPTIONS_VALUE,
  renderAccountOptions,
  renderRunbookOptions,
} from '../../../src/slack/run-modal/render-account-options.js';
import { anAccount, anOrganization } from '../../support/organization-builder.js';

const TEAMS = ['payments', 'identity', 'search', 'checkout', 'ledger'];
const STAGES = ['prod', 'staging', 'dev', 'sandbox'];

/** 500 accounts: `payments-prod-000` …, every tenth suspended, ids 100000000000 + n. */
const FIVE_HUNDRED: Account[] = Array.from({ length: 500 }, (_, index) =>
  anAccount({
    id: String(100_000_000_000 + index),
    name: `${TEAMS[index % TEAMS.length]}-${STAGES[Math.floor(index / TEAMS.length) % STAGES.length]}-${String(index).padStart(3, '0')}`,
    status: index % 10 === 9 ? 'SUSPENDED' : 'ACTIVE',
  }),
);

const values = (result: { options: Array<{ value?: string }> }) =>
  result.options.map((option) => option.value);
const texts = (result: { options: Array<{ text: { text: string } }> }) =>
  result.options.map((option) => option.text.text);

function expectOptionLimits(result: {
  options: Array<{ text: { text: string }; value?: string; description?: { text: string } }>;
}) {
  expect(result.options.length).toBeLessThanOrEqual(100);
  for (const option of result.options) {
    expect(option.text.text.length).toBeLessThanOrEqual(75);
    expect(option.value?.length ?? 0).toBeGreaterThan(0);
    expect(option.value?.length ?? 0).toBeLessThanOrEqual(150);
    expect(option.description?.text.length ?? 0).toBeLessThanOrEqual(75);
  }
}

describe('renderAccountOptions', () => {
  const sandbox = anOrganization().accounts;

  it('when nothing is typed, then every active account is offered, by name, as "name (id)"', () => {
    const result = renderAccountOptions(sandbox, '');
    expectOptionLimits(result);
    expect(texts(result)).toEqual([
      'data-dev (555555555502)',
      'dev-shared (555555555501)',
      'identity-prod (333333333302)',
      'identity-staging (444444444402)',
      'log-archive (666666666601)',
      'management (111111111111)',
      'operations (222222222222)',
      'payments-prod (333333333301)',
      'payments-staging (444444444401)',
      'search-prod (333333333303)',
      'security-audit (666666666602)',
    ]);
    expect(values(result)).not.toContain('777777777701');
  });

  it('when a word is typed, then names starting with it come first, then names containing it, case-insensitively', () => {
    expect(texts(renderAccountOptions(sandbox, '  DEV '))).toEqual([
      'dev-shared (555555555501)',
      'data-dev (555555555502)',
    ]);
  });

  it('when part of an id is typed, then the accounts with that id are offered', () => {
    expect(values(renderAccountOptions(sandbox, '4444'))).toEqual(['444444444402', '444444444401']);
    expect(values(renderAccountOptions(sandbox, '333333333303'))).toEqual(['333333333303']);
  });

  it('when only a suspended account matches, then nothing is offered', () => {
    expect(renderAccountOptions(sandbox, 'legacy')).toEqual({ options: [] });
  });

  it('when 450 of 500 accounts match, then 99 are offered and the last option says how many more', () => {
    const result = renderAccountOptions(FIVE_HUNDRED, '');
    expectOptionLimits(result);
    expect(result.options).toHaveLength(100);
    expect(result.options.at(-1)).toEqual({
      text: { type: 'plain_text', text: '… 351 more, type to narrow' },
      value: MORE_OPTIONS_VALUE,
    });
    const shown = texts(result).slice(0, 99);
    expect(shown).toEqual([...shown].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('when the query narrows 500 accounts below 100, then all matches are offered and no "more" option', () => {
    const result = renderAccountOptions(FIVE_HUNDRED, 'payments-prod');
    expectOptionLimits(result);
    expect(values(result)).not.toContain(MORE_OPTIONS_VALUE);
    expect(result.options.length).toBe(
      FIVE_HUNDRED.filter((a) => a.status === 'ACTIVE' && a.name.startsWith('payments-prod')).length,
    );
  });

  it('when exactly 100 accounts match, then all 100 are offered', () => {
    const hundred = FIVE_HUNDRED.filter((account) => account.status === 'ACTIVE').slice(0, 100);
    const result = renderAccountOptions(hundred, '');
    expect(result.options).toHaveLength(100);
    expect(values(result)).not.toContain(MORE_OPTIONS_VALUE);
  });

  it('when an account name is very long, then the option keeps the id in 75 characters', () => {
    const result = renderAccountOptions([anAccount({ id: '123456789012', name: 'n'.repeat(120) })], '');
    expectOptionLimits(result);
    expect(texts(result)[0]).toMatch(/^n+… \(123456789012\)$/);
  });

  it('when the query is odd, then it matches literally and never throws', () => {
    for (const query of ['.*', '(', '\\', '%', 'x'.repeat(100_000)]) {
      expect(renderAccountOptions(FIVE_HUNDRED, query)).toEqual({ options: [] });
    }
    expect(renderAccountOptions(sandbox, undefined as unknown as string).options.length).toBe(11);
  });
});

describe('renderRunbookOptions', () => {
  const runbooks: RunbookSummary[] = Array.from({ length: 150 }, (_, index) => ({
    name: `${index % 2 ? 'AWS' : 'Platform'}-Runbook${String(index).padStart(3, '0')}`,
    description: `### Heading\nDoes **thing** number ${index}. ${'More words. '.repeat(10)}`,
  }));

  it('when nothing is typed, then 99 runbooks are offered, by name, and the last option says how many more', () => {
    const result = renderRunbookOptions(runbooks, '');
    expectOptionLimits(result);
    expect(result.options).toHaveLength(100);
    expect(texts(result)[0]).toBe('AWS-Runbook001');
    expect(result.options.at(-1)?.value).toBe(MORE_OPTIONS_VALUE);
    expect(result.options[0]?.description?.text).toMatch(/^Does thing number 1\. More words\..*…$/);
  });

  it('when a prefix is typed, then the runbooks starting with it come first', () => {
    const result = renderRunbookOptions(
      [
        { name: 'Team-RestartAll' },
        { name: 'AWS-RestartEC2Instance' },
        { name: 'Restart-Everything' },
        { name: 'AWS-StopEC2Instance' },
      ],
      'restart',
    );
    expect(values(result)).toEqual(['Restart-Everything', 'AWS-RestartEC2Instance', 'Team-RestartAll']);
  });
});
