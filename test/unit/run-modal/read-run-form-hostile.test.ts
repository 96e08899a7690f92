// readRunForm: the payload is untrusted input, so nothing in it may make the reader throw or pollute objects.
import { describe, expect, it } from 'vitest';
import { ActionId, BlockId } from '../../../src/slack/ids.js';
import { readRunForm, type ViewStateValues } from '../../../src/slack/run-modal/read-run-form.js';
import { NO_TARGETS } from './run-form-fixtures.js';

describe('readRunForm: hostile payloads', () => {
  const EMPTY_REQUEST = { runbook: 'AWS-RestartEC2Instance', parameters: {}, targets: NO_TARGETS };

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a list', [{ accounts: {} }]],
    ['a string', 'values'],
    ['a number', 42],
    ['an empty object', {}],
    ['blocks that are not objects', { [BlockId.accounts]: 'x', [BlockId.regions]: null, 'param:A': [1] }],
    ['fields that are not objects', { [BlockId.accounts]: { [ActionId.selectAccounts]: 7 } }],
    [
      'selected options of the wrong shape',
      {
        [BlockId.accounts]: {
          [ActionId.selectAccounts]: { type: 'multi_external_select', selected_options: 'all' },
        },
        [BlockId.regions]: {
          [ActionId.selectRegions]: {
            type: 'multi_static_select',
            selected_options: [null, 1, 'x', { value: 3 }, {}],
          },
        },
        [BlockId.mode]: { [ActionId.selectMode]: { type: 'static_select', selected_option: 'fan-out' } },
      },
    ],
    [
      'values of the wrong type',
      {
        [BlockId.concurrency]: { [ActionId.concurrency]: { type: 'plain_text_input', value: 10 } },
        [BlockId.reason]: { [ActionId.reason]: { type: 'plain_text_input', value: { text: 'x' } } },
      },
    ],
    [
      'blocks under the wrong action ids',
      { [BlockId.concurrency]: { other: { type: 'plain_text_input', value: '0' } } },
    ],
  ])('when the state is %s, then it reads as an empty request without throwing', (_case, values) => {
    const form = readRunForm(values as ViewStateValues, 'AWS-RestartEC2Instance');
    expect(form.request).toEqual(EMPTY_REQUEST);
    expect(form.problems).toEqual({});
  });

  it('when parameter blocks are odd, then odd names cannot reach the prototype and unknown kinds read as nothing', () => {
    const values = JSON.parse(
      JSON.stringify({
        'param:__proto__': { [ActionId.parameter]: { type: 'plain_text_input', value: 'polluted' } },
        'param:': { [ActionId.parameter]: { type: 'plain_text_input', value: 'no name' } },
        'param:Weird': { [ActionId.parameter]: { type: 'rich_text_input', rich_text_value: {} } },
        'param:Wrong': { other: { type: 'plain_text_input', value: 'x' } },
        unknown: { x: { type: 'plain_text_input', value: 'ignored' } },
      }),
    );
    const form = readRunForm(values, 'X');
    expect(Object.getPrototypeOf(form.parameterValues)).toBe(Object.prototype);
    expect(Object.hasOwn(form.parameterValues, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Passed on as an own property, like any name the runbook does not declare: bindParameters reports it.
    expect(Object.getOwnPropertyDescriptor(form.parameterValues, '__proto__')?.value).toBe('polluted');
    expect(Object.keys(form.parameterValues).sort()).toEqual(['Weird', 'Wrong', '__proto__']);
    expect(form.parameterValues.Weird).toBeUndefined();
    expect(form.parameterValues.Wrong).toBeUndefined();
  });

  it('when values are longer than the inputs allow, then their fields say so', () => {
    const huge = 'x'.repeat(1_000_000);
    const form = readRunForm(
      {
        'param:Blob': { [ActionId.parameter]: { type: 'plain_text_input', value: huge } },
        [BlockId.reason]: { [ActionId.reason]: { type: 'plain_text_input', value: 'r'.repeat(501) } },
        [BlockId.concurrency]: { [ActionId.concurrency]: { type: 'plain_text_input', value: huge } },
        [BlockId.accounts]: {
          [ActionId.selectAccounts]: {
            type: 'multi_external_select',
            selected_options: [{ text: { type: 'plain_text', text: 'x' }, value: huge }],
          },
        },
      },
      'X',
    );
    expect(form.problems).toEqual({
      'param:Blob': 'This can be at most 3000 characters (it has 1000000).',
      [BlockId.reason]: 'The reason can be at most 500 characters (it has 501).',
      [BlockId.concurrency]:
        '"xxxxxxxxxxxxxxxxxxxx…" is not a whole number or a percentage; concurrency is a number from 1 to 9999999 or a percentage from 1% to 100%, such as 10 or 25%.',
    });
    expect(form.parameterValues).toEqual({});
    expect(form.request.targets.accounts).toEqual([]);
    expect(form.request).not.toHaveProperty('reason');
  });

  it('when the mode is not one the form offers, then the mode field says so', () => {
    const form = readRunForm(
      {
        [BlockId.mode]: {
          [ActionId.selectMode]: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'YOLO' }, value: 'yolo' },
          },
        },
      },
      'X',
    );
    expect(form.problems).toEqual({ [BlockId.mode]: 'Choose multi-account or fan-out.' });
    expect(form.request).not.toHaveProperty('mode');
  });

  it('when thousands of options are selected, then each is read once without throwing', () => {
    const options = Array.from({ length: 20_000 }, (_, index) => ({
      text: { type: 'plain_text' as const, text: 'x' },
      value: String(100_000_000_000 + (index % 5000)),
    }));
    const form = readRunForm(
      {
        [BlockId.accounts]: {
          [ActionId.selectAccounts]: { type: 'multi_external_select', selected_options: options },
        },
      },
      'X',
    );
    expect(form.request.targets.accounts).toHaveLength(5000);
  });
});
