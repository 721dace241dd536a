/**
 * The compiled parts of the package: the `unicase` SQLite collation and the `mathf` Node addon,
 * from native/. The install step (native/install.mjs) either uses the prebuilt binaries the npm
 * package ships for this platform or builds them with node-gyp (binding.gyp).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';

/** True on Linux with musl (Alpine): Node reports a glibc version only when it runs on glibc. */
function isMusl(): boolean {
  if (process.platform !== 'linux') return false;
  const report = process.report.getReport() as { header?: { glibcVersionRuntime?: string } };
  return report.header?.glibcVersionRuntime === undefined;
}

let key: string | undefined;

/** The folder under prebuilds/ for this machine, as native/install.mjs names it. */
export function prebuildKey(): string {
  // Kept: a diagnostic report, which tells glibc from musl, takes some milliseconds to make.
  key ??= `${process.platform}-${process.arch}${isMusl() ? '-musl' : ''}`;
  return key;
}

/**
 * Where `<name>.node` is: node-gyp's build when there is one (a checkout, or an install that
 * had to compile), else the prebuilt binary for this platform (an install that did not, or one
 * whose install step did not run). Fails with what to do when there is neither.
 */
export function builtAddonPath(name: 'unicase' | 'mathf', root = packageRoot()): string {
  const built = join(root, 'build', 'Release', `${name}.node`);
  if (existsSync(built)) return built;
  const prebuilt = join(root, 'prebuilds', prebuildKey(), `${name}.node`);
  if (existsSync(prebuilt)) return prebuilt;
  throw new Error(
    `the native part ${name} is neither built (${built}) nor prebuilt for ${prebuildKey()} (${prebuilt}); ` +
      'run npm rebuild anki-connect-server (npm install in a checkout), which builds it with node-gyp: that needs python3, make and a C compiler',
  );
}
