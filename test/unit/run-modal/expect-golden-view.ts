// Golden files for the run modal's views: the rendered JSON is the spec, and it must keep Slack's limits.
import type { ModalView } from '@slack/types';
import { expect } from 'vitest';
import { expectWithinSlackLimits } from './slack-view-limits.js';

/**
 * Compares `view` with `golden/<name>.json` (write or update them with `vitest run -u`, then read them).
 * The trailing newline keeps the files as Biome formats JSON.
 */
export async function expectGoldenView(view: ModalView, name: string): Promise<void> {
  expectWithinSlackLimits(view);
  await expect(`${JSON.stringify(view, null, 2)}\n`).toMatchFileSnapshot(`./golden/${name}.json`);
}
