// readRunForm: concurrency and max errors, typed by hand, read by the same rules as the command's flags.
import { describe, expect, it } from 'vitest';
import { BlockId } from '../../../src/slack/ids.js';
import { aRunbook, roundTrip } from './run-form-fixtures.js';

describe('readRunForm: rate limits', () => {
  const runbook = aRunbook('AWS-EnableS3BucketEncryption');
  const HOW = 'Write a number such as 10 or a percentage such as 25%.';

  it.each([
    ['1', { kind: 'count', value: 1 }],
    ['1000', { kind: 'count', value: 1000 }],
    ['1%', { kind: 'percent', value: 1 }],
    ['100%', { kind: 'percent', value: 100 }],
    ['25 %', { kind: 'percent', value: 25 }],
  ])('when concurrency is %j, then it reads as %j', (text, limit) => {
    const form = roundTrip(runbook, { [BlockId.concurrency]: { value: text } });
    expect(form.problems).toEqual({});
    expect(form.request.concurrency).toEqual(limit);
  });

  it.each([
    ['ten', HOW],
    ['10x', HOW],
    ['1.5', HOW],
    ['-1', HOW],
    ['%', HOW],
    ['12345', HOW],
    ['0', `A number goes from 1 to 1000. ${HOW}`],
    ['1001', `A number goes from 1 to 1000. ${HOW}`],
    ['0%', `A percentage goes from 1% to 100%. ${HOW}`],
    ['101%', `A percentage goes from 1% to 100%. ${HOW}`],
  ])('when concurrency is %j, then the concurrency field says how to write it', (text, message) => {
    const form = roundTrip(runbook, { [BlockId.concurrency]: { value: text } });
    expect(form.problems).toEqual({ [BlockId.concurrency]: message });
    expect(form.request).not.toHaveProperty('concurrency');
  });

  it.each([
    ['0', { kind: 'count', value: 0 }],
    ['0%', { kind: 'percent', value: 0 }],
    ['100%', { kind: 'percent', value: 100 }],
  ])('when max errors is %j, then it reads as %j', (text, limit) => {
    const form = roundTrip(runbook, { [BlockId.maxErrors]: { value: text } });
    expect(form.problems).toEqual({});
    expect(form.request.maxErrors).toEqual(limit);
  });

  it.each([
    ['many', HOW],
    ['101%', `A percentage goes from 0% to 100%. ${HOW}`],
  ])('when max errors is %j, then the max errors field says how to write it', (text, message) => {
    const form = roundTrip(runbook, { [BlockId.maxErrors]: { value: text } });
    expect(form.problems).toEqual({ [BlockId.maxErrors]: message });
  });

  it('when both limits are wrong, then both fields say so at once', () => {
    const form = roundTrip(runbook, {
      [BlockId.concurrency]: { value: 'x' },
      [BlockId.maxErrors]: { value: 'y' },
    });
    expect(Object.keys(form.problems).sort()).toEqual([BlockId.concurrency, BlockId.maxErrors]);
  });
});
