// The app's answer to a block_suggestion: options or option groups, within Block Kit's limits.
import { BLOCK_KIT_LIMITS } from '../block-kit/block-kit-limits.js';
import { BlockKitProblems } from '../block-kit/block-kit-problems.js';
import { validateOptionGroups, validateOptions } from '../block-kit/validate-composition.js';
import type { JsonObject } from '../state/slack-types.js';
import type { Delivery } from './deliver.js';

export interface OptionsAnswer {
  options: JsonObject[];
  optionGroups: JsonObject[];
  /** Why Slack would show no options (each problem as in invalid_blocks messages). */
  problems: string[];
}

export function checkOptionsAnswer(delivery: Delivery): OptionsAnswer {
  const none = (problem: string): OptionsAnswer => ({ options: [], optionGroups: [], problems: [problem] });
  if (delivery.timedOut) return none('no answer within the ack timeout');
  if (delivery.status !== 200) return none(`HTTP ${delivery.status}`);
  const answer = delivery.body;
  if (!answer || typeof answer !== 'object' || Array.isArray(answer))
    return none('the answer is not a JSON object');
  const { options, option_groups: groups } = answer as JsonObject;
  const problems = new BlockKitProblems();
  validateOptions(options, '/options', problems, { max: BLOCK_KIT_LIMITS.select.options });
  validateOptionGroups(groups, '/option_groups', problems);
  if (options === undefined && groups === undefined) problems.fail('/options', 'missing required field');
  if (!problems.ok) return { options: [], optionGroups: [], problems: problems.messages };
  return {
    options: (options as JsonObject[] | undefined) ?? [],
    optionGroups: (groups as JsonObject[] | undefined) ?? [],
    problems: [],
  };
}
