// parseSsmCommand: table-driven cases for every form and mistake, and properties over hostile text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSsmCommand } from '../../src/core/command/parse-ssm-command.js';

describe('parseSsmCommand: /ssm run', () => {
  it('when every flag is given, then each lands in its place', () => {
    expect(
      parseSsmCommand(
        'run AWS-RestartEC2Instance InstanceId=i-1,i-2 --accounts 333333333301,payments-staging --ou ou-sbx1-prod0001 ' +
          '--exclude-accounts 333333333303 --regions ap-northeast-1,us-east-1 --mode fan-out --concurrency 25% ' +
          '--max-errors 1 --reason "patch night" --dry-run',
      ),
    ).toEqual({
      kind: 'run',
      runbook: 'AWS-RestartEC2Instance',
      parameters: { InstanceId: 'i-1,i-2' },
      targets: {
        accounts: ['333333333301', 'payments-staging'],
        organizationalUnits: ['ou-sbx1-prod0001'],
        excludeAccounts: ['333333333303'],
        regions: ['ap-northeast-1', 'us-east-1'],
      },
      mode: 'fan-out',
      concurrency: { kind: 'percent', value: 25 },
      maxErrors: { kind: 'count', value: 1 },
      reason: 'patch night',
      dryRun: true,
    });
  });

  it.each([
    ['run Platform-CleanupUnusedAmis ExcludeTags=\'{"keep": "true"}\'', { ExcludeTags: '{"keep": "true"}' }],
    [
      'run X-Runbook Name="two words" Other=\u201Ccurly quotes\u201D',
      { Name: 'two words', Other: 'curly quotes' },
    ],
    ['run X-Runbook Expr="a \\"quoted\\" word"', { Expr: 'a "quoted" word' }],
    ['run X-Runbook Query=a&amp;b&lt;c', { Query: 'a&b<c' }],
    ['run X-Runbook Empty=', { Empty: '' }],
  ])('when parameters are written as `%s`, then the values keep their text', (text, parameters) => {
    expect(parseSsmCommand(text)).toMatchObject({ kind: 'run', parameters });
  });

  it('when flags use the --flag=value form, then they parse the same', () => {
    expect(parseSsmCommand('run Doc-Name --accounts=all --regions=us-east-1 --reason=why')).toMatchObject({
      targets: { accounts: 'all', regions: ['us-east-1'] },
      reason: 'why',
    });
  });

  it('when no runbook is given, then the run has none (the bot opens the modal)', () => {
    for (const text of ['run', 'run --accounts all', 'run InstanceId=i-1']) {
      const result = parseSsmCommand(text);
      expect(result.kind).toBe('run');
      expect(result.kind === 'run' && result.runbook).toBeUndefined();
    }
  });

  it.each([
    [
      'run Doc-Name --acounts 333333333301',
      /`--acounts` is not a flag of \/ssm run\. Did you mean `--accounts`\?/,
    ],
    ['run Doc-Name --regions us-east-9x', /`us-east-9x` is not a region name/],
    ['run Doc-Name --accounts 12345,', /`12345` is not|is not an account id/],
    ['run Doc-Name --ou ou-bad', /`ou-bad` is not an OU id/],
    ['run Doc-Name --mode parallel', /--mode must be multi-account or fan-out/],
    ['run Doc-Name --concurrency 0', /^--concurrency `0` is less than 1; concurrency is a number from 1 to /],
    ['run Doc-Name --concurrency 150%', /^--concurrency `150%` is more than 100%; concurrency is a number/],
    [
      'run Doc-Name --max-errors many',
      /^--max-errors `many` is not a whole number or a percentage; max errors/,
    ],
    ['run Doc-Name --reason', /`--reason` needs a value/],
    ['run Doc-Name --regions --dry-run', /`--regions` needs a value/],
    ['run Doc-Name --reason "  "', /--reason must not be empty/],
    ['run Doc-Name --dry-run=yes', /`--dry-run` takes no value/],
    ['run Doc-Name A=1 A=2', /parameter `A` is given twice/],
    ['run Doc-Name A=1 stray', /`stray` is neither/],
    ['run Doc-Name "unclosed', /double quote at character 14 is never closed/],
    ['run Doc-Name --accounts all --ou ou-sbx1-prod0001', /already covers every OU/],
    ['run Doc-Name --accounts all,111111111111', /cannot be combined with listed accounts/],
  ])('when the text is `%s`, then a usage error explains it', (text, message) => {
    const result = parseSsmCommand(text);
    expect(result.kind).toBe('usage-error');
    expect(result.kind === 'usage-error' && result.message).toMatch(message);
    expect(result.kind === 'usage-error' && result.usage).toContain('/ssm');
  });
});

describe('parseSsmCommand: other commands', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help run', { kind: 'help', topic: 'run' }],
    ['list', { kind: 'list' }],
    ['list AWS-', { kind: 'list', prefix: 'AWS-' }],
    ['status run-20261124-abcd', { kind: 'status', id: 'run-20261124-abcd' }],
    ['CANCEL run-20261124-abcd', { kind: 'cancel', id: 'run-20261124-abcd' }],
    [
      'history AWS-RestartEC2Instance --limit 5',
      { kind: 'history', filter: 'AWS-RestartEC2Instance', limit: 5 },
    ],
    ['doctor', { kind: 'doctor' }],
    ['Doctor', { kind: 'doctor' }],
  ])('when the text is `%s`, then it parses to %o', (text, expected) => {
    expect(parseSsmCommand(text)).toEqual(expect.objectContaining(expected));
  });

  it.each([
    ['stauts abc123', /`stauts` is not an \/ssm command\. Did you mean `status`\?/],
    ['status', /status needs the id of a run/],
    ['cancel a b', /is not a run id/],
    ['history --limit 0', /--limit must be a number from 1 to 100/],
    ['doctor --accounts all', /doctor takes no arguments/],
    ['docter', /Did you mean `doctor`\?/],
  ])('when the text is `%s`, then a usage error explains it', (text, message) => {
    const result = parseSsmCommand(text);
    expect(result.kind === 'usage-error' && result.message).toMatch(message);
  });
});

describe('parseSsmCommand: properties', () => {
  const kinds = new Set(['run', 'help', 'list', 'status', 'cancel', 'history', 'doctor', 'usage-error']);

  it('when given any text at all, then it never throws and returns a known kind', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(kinds.has(parseSsmCommand(text).kind)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('when given hostile run lines built from command pieces, then it parses or explains, never throws', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '--accounts',
        '--ou',
        '--regions',
        '--mode',
        '--concurrency',
        '--max-errors',
        '--reason',
        '--dry-run',
        '--',
        '-',
      ),
      fc.constantFrom(
        '"',
        "'",
        '\u201C',
        '=',
        ',',
        'all',
        '%',
        '&amp;',
        '\\',
        'ou-sbx1-prod0001',
        '333333333301',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 20 }),
        fc.array(fc.constantFrom(' ', '', '  ', '\t')),
        (pieces, gaps) => {
          const text = `run ${pieces.map((p, i) => p + (gaps[i % Math.max(1, gaps.length)] ?? ' ')).join('')}`;
          const result = parseSsmCommand(text);
          expect(['run', 'usage-error']).toContain(result.kind);
          if (result.kind === 'usage-error') expect(result.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('when parameter values are quoted, then any value survives the round trip', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).filter((value) => !value.includes("'")),
        (value) => {
          const result = parseSsmCommand(`run Doc-Name Value='${value}'`);
          const expected = value
            .replace(/[\u201C\u201D\u201E\u201F\u2033\u2018\u2019\u201A\u201B\u2032\u00A0]/g, '')
            .replace(/&(lt|gt|amp);/g, '');
          fc.pre(expected === value);
          expect(result).toMatchObject({ kind: 'run', parameters: { Value: value } });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
