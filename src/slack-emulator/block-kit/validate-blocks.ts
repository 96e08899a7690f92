// Blocks, one validator per type, and the entry point for a message's blocks (invalid_blocks_format / invalid_blocks).
import type { JsonObject } from '../state/slack-types.js';
import { BLOCK_KIT_LIMITS } from './block-kit-limits.js';
import { BlockKitProblems } from './block-kit-problems.js';
import { ELEMENT_PLACES, validateElement } from './validate-elements.js';

export type Surface = 'message' | 'modal' | 'home';
type BlockValidator = (block: JsonObject, at: string, problems: BlockKitProblems) => void;

const {
  section: SECTION,
  header: HEADER,
  context: CONTEXT,
  actions: ACTIONS,
  image: IMAGE,
  input: INPUT,
  table: TABLE,
} = BLOCK_KIT_LIMITS;

const section: BlockValidator = (block, at, problems) => {
  if (block.text === undefined && block.fields === undefined) {
    problems.fail(at, 'must provide text or fields');
  }
  problems.text(block.text, `${at}/text`, { max: SECTION.textLength, optional: true });
  const fields = problems.array(block.fields, `${at}/fields`, SECTION.fields);
  fields.forEach((field, index) => {
    problems.text(field, `${at}/fields/${index}`, { max: SECTION.fieldTextLength });
  });
  if (block.accessory !== undefined) {
    validateElement(block.accessory, `${at}/accessory`, problems, ELEMENT_PLACES.sectionAccessory);
  }
  problems.boolean(block.expand, `${at}/expand`);
};

const header: BlockValidator = (block, at, problems) =>
  problems.text(block.text, `${at}/text`, { max: HEADER.textLength, plain: true });

const context: BlockValidator = (block, at, problems) => {
  const elements = problems.array(block.elements, `${at}/elements`, CONTEXT.elements, 1, false);
  elements.forEach((element, index) => {
    const elementAt = `${at}/elements/${index}`;
    if (problems.object(element, elementAt) && element.type === 'image') {
      validateElement(element, elementAt, problems, ['image']);
    } else {
      problems.text(element, elementAt, { max: SECTION.textLength });
    }
  });
};

const actions: BlockValidator = (block, at, problems) => {
  const elements = problems.array(block.elements, `${at}/elements`, ACTIONS.elements, 1, false);
  elements.forEach((element, index) => {
    validateElement(element, `${at}/elements/${index}`, problems, ELEMENT_PLACES.actions);
  });
};

const image: BlockValidator = (block, at, problems) => {
  validateElement({ ...block, type: 'image' }, at, problems, ['image']);
  problems.text(block.title, `${at}/title`, { max: IMAGE.titleLength, plain: true, optional: true });
};

const richText: BlockValidator = (block, at, problems) => {
  problems.array(block.elements, `${at}/elements`, Number.MAX_SAFE_INTEGER, 0, false);
};

const TABLE_ALIGNMENTS = ['left', 'center', 'right'] as const;

/** Rows of cells (raw_text with text, or rich_text with elements) and optional per-column settings. */
const table: BlockValidator = (block, at, problems) => {
  const rows = problems.array(block.rows, `${at}/rows`, TABLE.rows, 1, false);
  rows.forEach((row, rowIndex) => {
    const cells = problems.array(row, `${at}/rows/${rowIndex}`, TABLE.cells, 1, false);
    cells.forEach((cell, cellIndex) => {
      tableCell(cell, `${at}/rows/${rowIndex}/${cellIndex}`, problems);
    });
  });
  const settings = problems.array(block.column_settings, `${at}/column_settings`, TABLE.columnSettings);
  settings.forEach((setting, index) => {
    const settingAt = `${at}/column_settings/${index}`;
    // A null entry keeps a column's defaults, as Slack's examples show.
    if (setting === null || !problems.object(setting, settingAt)) return;
    problems.oneOf(setting.align, `${settingAt}/align`, TABLE_ALIGNMENTS);
    problems.boolean(setting.is_wrapped, `${settingAt}/is_wrapped`);
  });
};

function tableCell(cell: unknown, at: string, problems: BlockKitProblems): void {
  if (!problems.object(cell, at)) return;
  if (cell.type === 'raw_text') {
    if (typeof cell.text !== 'string') problems.fail(`${at}/text`, 'missing required field');
    else if (cell.text.length === 0) problems.fail(`${at}/text`, 'must be more than 0 characters');
  } else if (cell.type === 'rich_text') {
    richText(cell, at, problems);
  } else {
    problems.fail(`${at}/type`, 'must be one of: raw_text, rich_text');
  }
}

const input: BlockValidator = (block, at, problems) => {
  problems.text(block.label, `${at}/label`, { max: INPUT.labelLength, plain: true });
  problems.text(block.hint, `${at}/hint`, { max: INPUT.hintLength, plain: true, optional: true });
  problems.boolean(block.optional, `${at}/optional`);
  problems.boolean(block.dispatch_action, `${at}/dispatch_action`);
  if (block.element === undefined) return problems.fail(`${at}/element`, 'missing required field');
  validateElement(block.element, `${at}/element`, problems, ELEMENT_PLACES.input);
};

/** Block types and the surfaces that accept them. */
const BLOCKS: Record<string, { validate: BlockValidator; surfaces: readonly Surface[] }> = {
  section: { validate: section, surfaces: ['message', 'modal', 'home'] },
  header: { validate: header, surfaces: ['message', 'modal', 'home'] },
  context: { validate: context, surfaces: ['message', 'modal', 'home'] },
  divider: { validate: () => {}, surfaces: ['message', 'modal', 'home'] },
  actions: { validate: actions, surfaces: ['message', 'modal', 'home'] },
  image: { validate: image, surfaces: ['message', 'modal', 'home'] },
  rich_text: { validate: richText, surfaces: ['message', 'modal', 'home'] },
  // Tables are a message block only.
  table: { validate: table, surfaces: ['message'] },
  // Slack rejects input blocks in messages; they belong to modals and the App Home.
  input: { validate: input, surfaces: ['modal', 'home'] },
};

/** Validates a surface's block list into `problems`, at a JSON pointer such as `/blocks` or `/view/blocks`. */
export function validateBlockList(
  blocks: unknown,
  at: string,
  surface: Surface,
  problems: BlockKitProblems,
): void {
  const max = surface === 'message' ? BLOCK_KIT_LIMITS.message.blocks : BLOCK_KIT_LIMITS.view.blocks;
  const items = problems.array(blocks, at, max);
  for (const [index, block] of items.entries()) {
    const blockAt = `${at}/${index}`;
    if (!problems.object(block, blockAt)) continue;
    const rule = typeof block.type === 'string' ? BLOCKS[block.type] : undefined;
    if (!rule?.surfaces.includes(surface)) {
      problems.fail(`${blockAt}/type`, `block type ${String(block.type)} is not allowed in a ${surface}`);
      continue;
    }
    problems.blockId(block.block_id, `${blockAt}/block_id`);
    rule.validate(block, blockAt, problems);
  }
}

export type BlocksVerdict =
  | { ok: true; blocks: JsonObject[] }
  | { ok: false; error: 'invalid_blocks_format' | 'invalid_blocks'; messages: string[] };

/** Checks a message's `blocks` argument (already JSON-decoded) as chat.postMessage does. */
export function validateMessageBlocks(blocks: unknown): BlocksVerdict {
  if (
    !Array.isArray(blocks) ||
    blocks.some((block) => !block || typeof block !== 'object' || Array.isArray(block))
  ) {
    return {
      ok: false,
      error: 'invalid_blocks_format',
      messages: ['[ERROR] expected array of objects [json-pointer:/blocks]'],
    };
  }
  const problems = new BlockKitProblems();
  validateBlockList(blocks, '/blocks', 'message', problems);
  return problems.ok
    ? { ok: true, blocks: blocks as JsonObject[] }
    : { ok: false, error: 'invalid_blocks', messages: problems.messages };
}
