/**
 * The compiled parts of the package, built by node-gyp from native/ at install (binding.gyp):
 * the `unicase` SQLite collation and the `mathf` Node addon.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';

/** Where node-gyp leaves `<name>.node`; fails with what to do when it was not built. */
export function builtAddonPath(name: 'unicase' | 'mathf'): string {
  const path = join(packageRoot(), 'build', 'Release', `${name}.node`);
  if (!existsSync(path)) throw new Error(`the native part ${name} is not built (${path}); run npm install`);
  return path;
}
