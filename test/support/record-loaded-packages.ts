// Loaded with `--import` into a process under test: on exit, writes the packages it loaded from node_modules
// (one name a line) to the file LOADED_PACKAGES_FILE names, for a test to check what a process never loads.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const file = process.env.LOADED_PACKAGES_FILE;
const loaded = new Set<string>();
const PACKAGE = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;

if (file) {
  // Synchronous hooks see both import and require(), the packages' own requires included.
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      const name = PACKAGE.exec(resolved.url)?.[1];
      if (name) loaded.add(name);
      return resolved;
    },
  });
  process.on('exit', () => writeFileSync(file, [...loaded].sort().join('\n')));
}
