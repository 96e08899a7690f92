// Block Kit limits as the emulator enforces them on chat.postMessage and views.*, with Slack's error messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, OPS, startTestSlackEmulator, type TestSlackEmulator } from '../support/slack-emulator.js';

let env: TestSlackEmulator;
beforeAll(async () => {
  env = await startTestSlackEmulator({ rateLimits: 'off' });
});
afterAll(() => env.close());

type Json = Record<string, unknown>;
const text = (value: string, type = 'plain_text') => ({ type, text: value });
const section = (value: string) => ({ type: 'section', text: text(value, 'mrkdwn') });
const button = (actionId: string, extra: Json = {}) => ({
  type: 'button',
  action_id: actionId,
  text: text('Go'),
  ...extra,
});
const actions = (...elements: Json[]) => ({ type: 'actions', elements });
const option = (value: string, label = value) => ({ text: text(label), value });
const select = (extra: Json) => ({
  type: 'static_select',
  action_id: 'pick',
  placeholder: text('Pick'),
  ...extra,
});

/** Posts the message and says how Slack answered: ok, or the error and its messages. */
async function post(args: { blocks?: unknown[]; attachments?: unknown[] }) {
  return env
    .client()
    .chat.postMessage({
      channel: OPS,
      text: 'fallback',
      blocks: args.blocks as never,
      attachments: args.attachments as never,
    })
    .then(
      () => ({ ok: true as const, error: undefined, messages: [] as string[] }),
      (error: { data: { error: string; response_metadata?: { messages?: string[] } } }) => ({
        ok: false as const,
        error: error.data.error,
        messages: error.data.response_metadata?.messages ?? [],
      }),
    );
}

const postBlocks = (blocks: unknown[]) => post({ blocks });

describe('table blocks', () => {
  const cell = (value: string) => ({ type: 'raw_text', text: value });
  const richCell = (value: string, url: string) => ({
    type: 'rich_text',
    elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url, text: value }] }],
  });
  const tableOf = (rows: unknown[][], extra: Json = {}) => ({ type: 'table', rows, ...extra });
  const postAttached = (blocks: unknown[], more: unknown[] = []) =>
    post({ blocks: more, attachments: [{ blocks }] });

  it('when a table has 100 rows of raw_text and rich_text cells, then it is accepted; 101 rows are not', async () => {
    const rows = Array.from({ length: 100 }, (_, index) => [
      cell(`a${index}`),
      richCell('x', 'https://example.com'),
    ]);
    expect((await postBlocks([tableOf(rows, { column_settings: [{ align: 'right' }, null] })])).ok).toBe(
      true,
    );
    const rejected = await postBlocks([tableOf([...rows, [cell('one too many')]])]);
    expect(rejected).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(rejected.messages).toEqual([
      '[ERROR] no more than 100 items allowed [json-pointer:/blocks/0/rows]',
    ]);
  });

  it('when a row has 21 cells, an empty raw_text or an unknown cell type, then Slack says where', async () => {
    const rejected = await postBlocks([
      tableOf([Array.from({ length: 21 }, () => cell('c')), [cell('')], [{ type: 'mrkdwn', text: 'no' }]]),
    ]);
    expect(rejected).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(rejected.messages).toEqual([
      '[ERROR] no more than 20 items allowed [json-pointer:/blocks/0/rows/0]',
      '[ERROR] must be more than 0 characters [json-pointer:/blocks/0/rows/1/0/text]',
      '[ERROR] must be one of: raw_text, rich_text [json-pointer:/blocks/0/rows/2/0/type]',
    ]);
  });

  it('when a column setting has an unknown alignment, then the message is invalid_blocks', async () => {
    const rejected = await postBlocks([tableOf([[cell('a')]], { column_settings: [{ align: 'middle' }] })]);
    expect(rejected.messages).toEqual([
      '[ERROR] must be one of: left, center, right [json-pointer:/blocks/0/column_settings/0/align]',
    ]);
  });

  it('when a message carries two tables (blocks and attachments together), then only_one_table_allowed', async () => {
    const one = tableOf([[cell('a')]]);
    expect((await postAttached([one])).ok).toBe(true);
    expect(await postAttached([one], [tableOf([[cell('b')]])])).toMatchObject({
      ok: false,
      error: 'invalid_attachments',
      messages: ['only_one_table_allowed'],
    });
  });

  it('when a modal holds a table, then it is refused: tables are for messages', async () => {
    const problems = await env
      .client()
      .views.open({
        trigger_id: env.emulator.issueTriggerId(ALICE),
        view: { type: 'modal', title: text('T'), blocks: [tableOf([[cell('a')]])] } as never,
      })
      .then(
        () => [],
        (error: { data: { response_metadata?: { messages?: string[] } } }) =>
          error.data.response_metadata?.messages ?? ['?'],
      );
    expect(problems).toEqual([
      '[ERROR] block type table is not allowed in a modal [json-pointer:/view/blocks/0/type]',
    ]);
  });
});

describe('messages', () => {
  it('when blocks sit inside an attachment, then they are held to the same limits', async () => {
    const post = (blocks: unknown[]) =>
      env
        .client()
        .chat.postMessage({
          channel: OPS,
          text: 'fallback',
          attachments: [{ color: '#e01e5a', blocks }] as never,
        })
        .then(
          () => 'ok',
          (error: { data: { error: string } }) => error.data.error,
        );
    expect(await post([{ type: 'section', text: { type: 'mrkdwn', text: 'fine' } }])).toBe('ok');
    expect(await post([{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }])).toBe(
      'invalid_blocks',
    );
  });

  it('when a message has 50 blocks, then it is accepted; 51 blocks are invalid_blocks', async () => {
    expect((await postBlocks(Array.from({ length: 50 }, () => ({ type: 'divider' })))).ok).toBe(true);
    const rejected = await postBlocks(Array.from({ length: 51 }, () => ({ type: 'divider' })));
    expect(rejected).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(rejected.messages).toEqual(['[ERROR] no more than 50 items allowed [json-pointer:/blocks]']);
  });

  it('when a section text has 3001 characters, then Slack says where, as it does', async () => {
    expect((await postBlocks([section('x'.repeat(3000))])).ok).toBe(true);
    const rejected = await postBlocks([section('x'.repeat(3001))]);
    expect(rejected).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(rejected.messages).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
  });

  it('when two elements of one block share an action_id, then the message is invalid_blocks', async () => {
    const rejected = await postBlocks([actions(button('approve'), button('approve'))]);
    expect(rejected.error).toBe('invalid_blocks');
    expect(rejected.messages[0]).toContain('[json-pointer:/blocks/0/elements/1/action_id]');
  });

  it('when two blocks reuse an action_id, then Slack accepts it (unique within the containing block)', async () => {
    expect((await postBlocks([actions(button('approve')), actions(button('approve'))])).ok).toBe(true);
  });

  it('when an option value has 151 characters, then the message is invalid_blocks', async () => {
    expect(
      (await postBlocks([actions(select({ options: [option('v'.repeat(150), 'long value')] }))])).ok,
    ).toBe(true);
    const rejected = await postBlocks([
      actions(select({ options: [option('v'.repeat(151), 'too long value')] })),
    ]);
    expect(rejected.messages).toEqual([
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/elements/0/options/0/value]',
    ]);
  });

  it.each<[string, unknown[], string]>([
    ['an unknown block type', [{ type: 'carousel' }], '/blocks/0/type'],
    [
      'an input block in a message',
      [{ type: 'input', label: text('L'), element: { type: 'plain_text_input' } }],
      '/blocks/0/type',
    ],
    ['a section without text or fields', [{ type: 'section' }], '/blocks/0'],
    [
      '11 section fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => text('f')) }],
      '/blocks/0/fields',
    ],
    [
      'a 2001-character field',
      [{ type: 'section', fields: [text('f'.repeat(2001))] }],
      '/blocks/0/fields/0/text',
    ],
    ['a mrkdwn header', [{ type: 'header', text: text('Hi', 'mrkdwn') }], '/blocks/0/text/type'],
    ['a 151-character header', [{ type: 'header', text: text('h'.repeat(151)) }], '/blocks/0/text/text'],
    [
      '11 context elements',
      [{ type: 'context', elements: Array.from({ length: 11 }, () => text('c')) }],
      '/blocks/0/elements',
    ],
    [
      '26 actions elements',
      [actions(...Array.from({ length: 26 }, (_, i) => button(`b${i}`)))],
      '/blocks/0/elements',
    ],
    ['a 256-character block_id', [{ type: 'divider', block_id: 'b'.repeat(256) }], '/blocks/0/block_id'],
    [
      'duplicate block_ids',
      [
        { type: 'divider', block_id: 'd' },
        { type: 'divider', block_id: 'd' },
      ],
      '/blocks/1/block_id',
    ],
    ['a 256-character action_id', [actions(button('a'.repeat(256)))], '/blocks/0/elements/0/action_id'],
    [
      '76-character button text',
      [actions({ ...button('b'), text: text('t'.repeat(76)) })],
      '/blocks/0/elements/0/text/text',
    ],
    [
      'a 2001-character button value',
      [actions(button('b', { value: 'v'.repeat(2001) }))],
      '/blocks/0/elements/0/value',
    ],
    [
      'a 3001-character button url',
      [actions(button('b', { url: `https://x/${'u'.repeat(3000)}` }))],
      '/blocks/0/elements/0/url',
    ],
    [
      'a button style other than primary or danger',
      [actions(button('b', { style: 'warning' }))],
      '/blocks/0/elements/0/style',
    ],
    ['an empty text', [section('')], '/blocks/0/text/text'],
    [
      'a text object of an unknown type',
      [{ type: 'section', text: { type: 'html', text: 'x' } }],
      '/blocks/0/text/type',
    ],
    [
      'a confirm title over 100 characters',
      [
        actions(
          button('b', {
            confirm: {
              title: text('t'.repeat(101)),
              text: text('sure?'),
              confirm: text('Yes'),
              deny: text('No'),
            },
          }),
        ),
      ],
      '/blocks/0/elements/0/confirm/title/text',
    ],
    [
      'a confirm button over 30 characters',
      [
        actions(
          button('b', {
            confirm: {
              title: text('T'),
              text: text('sure?'),
              confirm: text('y'.repeat(31)),
              deny: text('No'),
            },
          }),
        ),
      ],
      '/blocks/0/elements/0/confirm/confirm/text',
    ],
    [
      'an option text over 75 characters',
      [actions(select({ options: [option('v', 'l'.repeat(76))] }))],
      '/blocks/0/elements/0/options/0/text/text',
    ],
    [
      '101 options',
      [actions(select({ options: Array.from({ length: 101 }, (_, i) => option(`v${i}`)) }))],
      '/blocks/0/elements/0/options',
    ],
    ['a static select without options', [actions(select({}))], '/blocks/0/elements/0'],
    ['an unknown element type', [actions({ type: 'slider', action_id: 's' })], '/blocks/0/elements/0/type'],
  ])('when a message has %s, then it is invalid_blocks where Slack says', async (_case, blocks, pointer) => {
    const rejected = await postBlocks(blocks);
    expect(rejected.error).toBe('invalid_blocks');
    expect(rejected.messages.some((message) => message.endsWith(`[json-pointer:${pointer}]`))).toBe(true);
  });

  it('when a message uses every allowed block kind within limits, then it is accepted', async () => {
    const accepted = await postBlocks([
      { type: 'header', text: text('Run #42') },
      {
        type: 'section',
        text: text('*Target*', 'mrkdwn'),
        fields: [text('a'), text('b', 'mrkdwn')],
        accessory: button('details'),
      },
      {
        type: 'context',
        elements: [
          text('by alice', 'mrkdwn'),
          { type: 'image', image_url: 'https://x/i.png', alt_text: 'i' },
        ],
      },
      { type: 'divider' },
      { type: 'image', image_url: 'https://x/chart.png', alt_text: 'chart', title: text('Chart') },
      { type: 'rich_text', elements: [] },
      actions(
        button('approve', { style: 'primary', value: 'run-42' }),
        { type: 'external_select', action_id: 'account', min_query_length: 2, placeholder: text('Account') },
        { type: 'overflow', action_id: 'more', options: [option('cancel')] },
      ),
    ]);
    expect(accepted.ok).toBe(true);
  });
});

describe('views', () => {
  const input = (blockId: string, element: Json, extra: Json = {}) => ({
    type: 'input',
    block_id: blockId,
    label: text('Label'),
    element,
    ...extra,
  });
  const open = (view: Json) =>
    env
      .client()
      .views.open({ trigger_id: env.emulator.issueTriggerId(ALICE), view: view as never })
      .then(
        () => ({ ok: true as const, error: undefined, messages: [] as string[] }),
        (error: { data: { error: string; response_metadata?: { messages?: string[] } } }) => ({
          ok: false as const,
          error: error.data.error,
          messages: error.data.response_metadata?.messages ?? [],
        }),
      );
  const modal = (extra: Json = {}) => ({
    type: 'modal',
    title: text('Run'),
    submit: text('Run'),
    blocks: [],
    ...extra,
  });

  it('when a modal title has 25 characters, then views.open fails with invalid_arguments naming the title', async () => {
    expect((await open(modal({ title: text('t'.repeat(24)) }))).ok).toBe(true);
    const rejected = await open(modal({ title: text('t'.repeat(25)) }));
    expect(rejected).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(rejected.messages).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
  });

  it('when a modal has 100 blocks, then it opens; 101 are refused', async () => {
    expect((await open(modal({ blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) }))).ok).toBe(
      true,
    );
    const rejected = await open(modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }));
    expect(rejected.messages).toEqual(['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]']);
  });

  it('when a modal has every input element kind, then it opens', async () => {
    const options = [option('a'), option('b')];
    const accepted = await open(
      modal({
        blocks: [
          input('t', {
            type: 'plain_text_input',
            action_id: 't',
            multiline: true,
            max_length: 3000,
            initial_value: 'x',
          }),
          input('n', { type: 'number_input', action_id: 'n', is_decimal_allowed: false, min_value: '1' }),
          input('c', { type: 'checkboxes', action_id: 'c', options }),
          input('r', { type: 'radio_buttons', action_id: 'r', options }),
          input('s', {
            type: 'static_select',
            action_id: 's',
            option_groups: [{ label: text('G'), options }],
          }),
          input('ms', { type: 'multi_static_select', action_id: 'ms', options }),
          input('e', { type: 'external_select', action_id: 'e', min_query_length: 0 }),
          input('me', { type: 'multi_external_select', action_id: 'me' }),
          input('u', { type: 'users_select', action_id: 'u' }),
          input('cv', { type: 'conversations_select', action_id: 'cv' }),
          input('ch', { type: 'channels_select', action_id: 'ch' }),
          input(
            'd',
            { type: 'datepicker', action_id: 'd', initial_date: '2025-01-31' },
            { optional: true, hint: text('When') },
          ),
          input('dt', { type: 'datetimepicker', action_id: 'dt', initial_date_time: 1628633820 }),
        ],
      }),
    );
    expect(accepted).toMatchObject({ ok: true });
  });

  it.each<[string, Json, string]>([
    ['a modal without a title', { type: 'modal', blocks: [] }, '/view/title'],
    ['a submit over 24 characters', modal({ submit: text('s'.repeat(25)) }), '/view/submit/text'],
    ['a close over 24 characters', modal({ close: text('c'.repeat(25)) }), '/view/close/text'],
    [
      'inputs but no submit',
      { type: 'modal', title: text('T'), blocks: [input('t', { type: 'plain_text_input', action_id: 't' })] },
      '/view/submit',
    ],
    [
      'private_metadata over 3000 characters',
      modal({ private_metadata: 'm'.repeat(3001) }),
      '/view/private_metadata',
    ],
    ['a callback_id over 255 characters', modal({ callback_id: 'c'.repeat(256) }), '/view/callback_id'],
    ['an external_id over 255 characters', modal({ external_id: 'e'.repeat(256) }), '/view/external_id'],
    [
      'an input without an element',
      modal({ blocks: [{ type: 'input', label: text('L') }] }),
      '/view/blocks/0/element',
    ],
    [
      'an input label over 2000 characters',
      modal({ blocks: [{ ...input('t', { type: 'plain_text_input' }), label: text('l'.repeat(2001)) }] }),
      '/view/blocks/0/label/text',
    ],
    [
      'a plain_text_input max_length over 3000',
      modal({ blocks: [input('t', { type: 'plain_text_input', max_length: 3001 })] }),
      '/view/blocks/0/element/max_length',
    ],
    [
      'a number_input without is_decimal_allowed',
      modal({ blocks: [input('n', { type: 'number_input' })] }),
      '/view/blocks/0/element/is_decimal_allowed',
    ],
    [
      'a button as an input element',
      modal({ blocks: [input('b', button('b'))] }),
      '/view/blocks/0/element/type',
    ],
    [
      'a datetimepicker whose initial_date_time is not unix seconds',
      modal({ blocks: [input('dt', { type: 'datetimepicker', initial_date_time: '1628633820' })] }),
      '/view/blocks/0/element/initial_date_time',
    ],
    [
      'a datetimepicker as a section accessory',
      modal({ blocks: [{ type: 'section', text: text('When?'), accessory: { type: 'datetimepicker' } }] }),
      '/view/blocks/0/accessory/type',
    ],
    ['a view type other than modal or home', { type: 'dialog', title: text('T'), blocks: [] }, '/view/type'],
  ])(
    'when views.open gets %s, then it fails with invalid_arguments where Slack says',
    async (_case, view, pointer) => {
      const rejected = await open(view);
      expect(rejected.error).toBe('invalid_arguments');
      expect(rejected.messages.some((message) => message.endsWith(`[json-pointer:${pointer}]`))).toBe(true);
    },
  );

  it('when an open view already uses an external_id, then another view cannot take it', async () => {
    expect((await open(modal({ external_id: 'unique-1' }))).ok).toBe(true);
    // views.open replaced alice's stack: the view holding unique-1 is the open one; open a second user's modal.
    const second = await env
      .client()
      .views.open({
        trigger_id: env.emulator.issueTriggerId('U0APPROVE2'),
        view: modal({ external_id: 'unique-1' }) as never,
      })
      .catch((error: { data: { error: string } }) => error.data.error);
    expect(second).toBe('duplicate_external_id');
  });
});
