// The Slack emulator is a product of its own: it imports nothing of the bot's, and the bot's Slack adapter reads
// from it only the one table of Block Kit limits (a module of constants), never its validator or server.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const EMULATOR = resolve(SRC, 'slack-emulator');
const LIMITS = resolve(EMULATOR, 'block-kit/block-kit-limits.ts');

/** Every relative import of every .ts file under `directory`, resolved to a path under src. */
function relativeImports(directory: string): Array<{ file: string; target: string }> {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => {
      const path = resolve(directory, file);
      const source = readFileSync(path, 'utf8');
      return [...source.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) => ({
        file: relative(SRC, path),
        target: resolve(dirname(path), match[1]!.replace(/\.js$/, '.ts')),
      }));
    });
}

describe('the Slack emulator and the bot', () => {
  it('when the emulator is read, then it imports nothing from outside src/slack-emulator', () => {
    const imports = relativeImports(EMULATOR);
    expect(imports.length).toBeGreaterThan(20);
    const outside = imports.filter(({ target }) => !target.startsWith(`${EMULATOR}/`));
    expect(outside).toEqual([]);
  });

  it('when the Slack adapter of the bot is read, then it takes only the limits table from the emulator', () => {
    const fromEmulator = relativeImports(resolve(SRC, 'slack')).filter(({ target }) =>
      target.startsWith(`${EMULATOR}/`),
    );
    expect(fromEmulator.length).toBeGreaterThan(0);
    expect(fromEmulator.filter(({ target }) => target !== LIMITS)).toEqual([]);
  });

  it('when the limits table is read, then it imports nothing, so reading it runs nothing', () => {
    expect(readFileSync(LIMITS, 'utf8')).not.toMatch(/^\s*import\b|require\(/m);
  });
});
