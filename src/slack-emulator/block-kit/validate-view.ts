// A modal or App Home view as views.open/push/update/publish check it: its own fields, then its blocks.
import type { JsonObject } from '../state/slack-types.js';
import { BLOCK_KIT_LIMITS } from './block-kit-limits.js';
import { BlockKitProblems } from './block-kit-problems.js';
import { validateBlockList } from './validate-blocks.js';

const VIEW = BLOCK_KIT_LIMITS.view;

export type ViewVerdict = { ok: true; view: JsonObject } | { ok: false; messages: string[] };

export function validateView(view: unknown): ViewVerdict {
  const problems = new BlockKitProblems();
  if (!problems.object(view, '/view')) return { ok: false, messages: problems.messages };
  problems.oneOf(view.type, '/view/type', ['modal', 'home'], false);
  const surface = view.type === 'home' ? 'home' : 'modal';
  const title = { plain: true, optional: surface === 'home' };
  problems.text(view.title, '/view/title', { ...title, max: VIEW.titleLength });
  problems.text(view.submit, '/view/submit', { max: VIEW.submitLength, plain: true, optional: true });
  problems.text(view.close, '/view/close', { max: VIEW.closeLength, plain: true, optional: true });
  problems.string(view.private_metadata, '/view/private_metadata', VIEW.privateMetadataLength);
  problems.string(view.callback_id, '/view/callback_id', VIEW.callbackIdLength);
  problems.string(view.external_id, '/view/external_id', VIEW.externalIdLength);
  for (const flag of ['clear_on_close', 'notify_on_close', 'submit_disabled']) {
    problems.boolean(view[flag], `/view/${flag}`);
  }
  if (view.blocks === undefined) problems.fail('/view/blocks', 'missing required field');
  else validateBlockList(view.blocks, '/view/blocks', surface, problems);
  const hasInputs = Array.isArray(view.blocks) && view.blocks.some((block) => block?.type === 'input');
  if (surface === 'modal' && hasInputs && view.submit === undefined) {
    problems.fail('/view/submit', 'submit is required when a modal has input blocks');
  }
  return problems.ok ? { ok: true, view } : { ok: false, messages: problems.messages };
}
