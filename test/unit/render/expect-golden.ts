// Golden files: the rendered JSON is the spec; each one is also checked against Block Kit's limits.
import type { KnownBlock } from '@slack/types';
import { expect } from 'vitest';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';

/**
 * Compares `message` with `golden/<name>.json` (write or update them with `vitest run -u`, then read them).
 * The trailing newline keeps the files as Biome formats JSON.
 */
export async function expectGolden(
  message: { text?: string; blocks: KnownBlock[] },
  name: string,
  options: { surface?: 'message' | 'modal' | 'home' } = {},
): Promise<void> {
  expectWithinBlockKitLimits(message, options);
  await expect(`${JSON.stringify(message, null, 2)}\n`).toMatchFileSnapshot(`./golden/${name}.json`);
}
