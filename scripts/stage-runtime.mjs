#!/usr/bin/env node
// Stages the runtime image's files: the compiled modules dist/runtime-cli.js reaches (the bot, the worker and
// their operations commands; never the sandbox, the Slack emulator, the playground, the demo or the fixtures),
// package.json (the CLI's --version), and the production node_modules. The Dockerfile's runtime stage copies
// exactly this directory, and test/unit/runtime-image.test.ts stages it too, so the two cannot drift apart.
//
//   node scripts/stage-runtime.mjs --out <dir> [--node-modules copy|link|none]
//
// Plain JavaScript with no dependencies: it runs in the image's build stage, after `npm run build` and
// `npm prune --omit=dev`. Prints what it staged, with sizes, as JSON.
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ENTRY = 'dist/runtime-cli.js';
/** What the runtime must never carry; a reachable module under one of these fails the staging. */
const FORBIDDEN = ['dist/sandbox/', 'dist/demo/', 'dist/slack-emulator/'];
/** Slack's Block Kit limits: a table of numbers the emulator owns and the renderers share (.dependency-cruiser.cjs). */
const ALLOWED_FROM_FORBIDDEN = ['dist/slack-emulator/block-kit/block-kit-limits.js'];

/** Relative module specifiers in compiled ESM: static imports and re-exports, and dynamic import('…'). */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

export function reachableModules(root, entry = ENTRY) {
  const seen = new Set();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    const path = join(root, file);
    if (!existsSync(path)) throw new Error(`${file} is missing: run \`npm run build\` first`);
    seen.add(file);
    for (const [, specifier] of readFileSync(path, 'utf8').matchAll(SPECIFIER)) {
      pending.push(relative(root, resolve(dirname(path), specifier)));
    }
  }
  return [...seen].sort();
}

function sizeOf(path) {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, name) => total + sizeOf(join(path, name)), 0);
}

export function stageRuntime(root, out, nodeModules) {
  const modules = reachableModules(root);
  const leaked = modules.filter(
    (file) => FORBIDDEN.some((prefix) => file.startsWith(prefix)) && !ALLOWED_FROM_FORBIDDEN.includes(file),
  );
  if (leaked.length > 0) throw new Error(`the runtime reaches what it must not carry: ${leaked.join(', ')}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const file of [...modules, 'package.json']) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    cpSync(join(root, file), join(out, file));
  }
  if (nodeModules === 'copy')
    cpSync(join(root, 'node_modules'), join(out, 'node_modules'), { recursive: true });
  if (nodeModules === 'link') symlinkSync(resolve(root, 'node_modules'), join(out, 'node_modules'));
  return {
    entry: ENTRY,
    modules: modules.length,
    appBytes: sizeOf(join(out, 'dist')),
    nodeModulesBytes: nodeModules === 'copy' ? sizeOf(join(out, 'node_modules')) : undefined,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, 'node-modules': { type: 'string', default: 'copy' } },
  });
  if (!values.out || !['copy', 'link', 'none'].includes(values['node-modules'])) {
    process.stderr.write(
      'usage: node scripts/stage-runtime.mjs --out <dir> [--node-modules copy|link|none]\n',
    );
    process.exit(2);
  }
  const staged = stageRuntime(process.cwd(), resolve(values.out), values['node-modules']);
  process.stdout.write(`${JSON.stringify(staged)}\n`);
}
