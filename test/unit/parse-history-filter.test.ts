// parseHistoryFilter: what `/ssm history` was given, as Slack sends it, read into a typed filter.
import { describe, expect, it } from 'vitest';
import { parseHistoryFilter } from '../../src/slack/parse-history-filter.js';

describe('parseHistoryFilter', () => {
  it.each([
    ['<@U0OPERATE1>', { kind: 'person', userId: 'U0OPERATE1' }],
    ['<@U0OPERATE1|erin>', { kind: 'person', userId: 'U0OPERATE1' }],
    ['<@W0ENTERPR1|erin>', { kind: 'person', userId: 'W0ENTERPR1' }],
    ['@erin', { kind: 'person-name', name: 'erin' }],
    ['payments-prod', { kind: 'text', text: 'payments-prod' }],
    ['<@not a mention>', { kind: 'text', text: '<@not a mention>' }],
    ['<#C0OPS00001|ops>', { kind: 'text', text: '<#C0OPS00001|ops>' }],
  ])('when the filter is %s, then it reads %j', (typed, expected) => {
    expect(parseHistoryFilter(typed)).toEqual(expected);
  });

  it('when nothing is given, then there is no filter', () => {
    expect(parseHistoryFilter(undefined)).toBeUndefined();
    expect(parseHistoryFilter('')).toBeUndefined();
  });
});
