// readRunForm: concurrency and max errors typed by hand, read by the command's grammar (rate-limit-grammar.test.ts
// runs the whole table through the form); here what only the form does: blanks, field errors, long values.
import { describe, expect, it } from 'vitest';
import { BlockId } from '../../../src/slack/ids.js';
import { aRunbook, roundTrip } from './run-form-fixtures.js';

describe('readRunForm: rate limits', () => {
  const runbook = aRunbook('AWS-EnableS3BucketEncryption');
  const ACCEPTS =
    'concurrency is a number from 1 to 9999999 or a percentage from 1% to 100%, such as 10 or 25%.';

  it.each([
    ['1', { kind: 'count', value: 1 }],
    ['1000', { kind: 'count', value: 1000 }],
    ['100%', { kind: 'percent', value: 100 }],
    ['25 %', { kind: 'percent', value: 25 }],
  ])('when concurrency is %j, then it reads as %j', (text, limit) => {
    const form = roundTrip(runbook, { [BlockId.concurrency]: { value: text } });
    expect(form.problems).toEqual({});
    expect(form.request.concurrency).toEqual(limit);
  });

  it.each([
    ['ten', `"ten" is not a whole number or a percentage; ${ACCEPTS}`],
    ['0', `"0" is less than 1; ${ACCEPTS}`],
    ['0%', `"0%" is less than 1%; ${ACCEPTS}`],
    ['101%', `"101%" is more than 100%; ${ACCEPTS}`],
    ['10000000', `"10000000" is more than 9999999; ${ACCEPTS}`],
  ])(
    'when concurrency is %j, then the concurrency field says what is wrong and what it takes',
    (text, message) => {
      const form = roundTrip(runbook, { [BlockId.concurrency]: { value: text } });
      expect(form.problems).toEqual({ [BlockId.concurrency]: message });
      expect(form.request).not.toHaveProperty('concurrency');
    },
  );

  it.each(['', '   '])('when max errors is %j, then the default applies', (text) => {
    const form = roundTrip(runbook, { [BlockId.maxErrors]: { value: text } });
    expect(form.problems).toEqual({});
    expect(form.request).not.toHaveProperty('maxErrors');
  });

  it('when max errors is out of range, then its field names max errors', () => {
    const form = roundTrip(runbook, { [BlockId.maxErrors]: { value: '101%' } });
    expect(form.problems).toEqual({
      [BlockId.maxErrors]:
        '"101%" is more than 100%; max errors is a number from 0 to 9999999 or a percentage from 0% to 100%, such as 0 or 10%.',
    });
  });

  it('when both limits are wrong, then both fields say so at once', () => {
    const form = roundTrip(runbook, {
      [BlockId.concurrency]: { value: 'x' },
      [BlockId.maxErrors]: { value: 'y' },
    });
    expect(Object.keys(form.problems).sort()).toEqual([BlockId.concurrency, BlockId.maxErrors]);
  });
});
