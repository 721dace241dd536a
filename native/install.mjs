// The package's install step (package.json "install"): uses the prebuilt native binaries shipped
// under prebuilds/<platform>-<arch>[-musl]/ when there are some for this machine, they were built
// from the sources beside this file and they load; otherwise builds native/ with node-gyp, which
// needs python3, make and a C compiler. `npm install --build-from-source` (as for
// better-sqlite3's own prebuilt binaries) always builds.
//
// Plain JavaScript with no dependencies: in a checkout it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ADDONS = ['unicase', 'mathf'];

/** What the binaries are compiled from; prebuilt ones are used only for these exact bytes. */
export const NATIVE_SOURCES = ['native/unicase.c', 'native/mathf.c', 'native/casefold_table.h'];

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** True on Linux with musl (Alpine): Node reports a glibc version only when it runs on glibc. */
export function isMusl() {
  if (process.platform !== 'linux') return false;
  const report = /** @type {{ header?: { glibcVersionRuntime?: string } }} */ (process.report.getReport());
  return report.header?.glibcVersionRuntime === undefined;
}

/** The prebuilds/ folder for this machine (src/native/addons.ts computes the same). */
export function prebuildKey() {
  return `${process.platform}-${process.arch}${isMusl() ? '-musl' : ''}`;
}

/** A digest of the native sources, recorded in prebuilds/manifest.json when they are built. */
export function sourceDigest(base = root) {
  const hash = createHash('sha256');
  for (const file of NATIVE_SOURCES) hash.update(`${file}\0`).update(readFileSync(join(base, file))).update('\0');
  return hash.digest('hex');
}

/**
 * Loads a shared library that is not a Node addon (unicase is a SQLite extension): Node's loader
 * then only complains that it registered no module, after the system loader accepted it.
 */
function loadLibrary(path) {
  try {
    process.dlopen({ exports: {} }, path);
  } catch (err) {
    if (err instanceof Error && err.message.includes('did not self-register')) return;
    throw err;
  }
}

/**
 * Why the prebuilt binaries cannot serve this machine, or undefined when they can: they exist,
 * match the sources and load (and mathf answers). better-sqlite3 cannot try the collation here:
 * npm may be installing it at the same time.
 */
export function prebuiltUnusable(base = root) {
  const key = prebuildKey();
  const dir = join(base, 'prebuilds', key);
  const manifestPath = join(base, 'prebuilds', 'manifest.json');
  if (!existsSync(manifestPath)) return 'this copy has no prebuilt binaries';
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.sources !== sourceDigest(base)) return 'the prebuilt binaries were built from other sources than native/';
  if (!ADDONS.every((name) => existsSync(join(dir, `${name}.node`)))) return `there are no prebuilt binaries for ${key}`;
  try {
    const mathf = createRequire(import.meta.url)(join(dir, 'mathf.node'));
    if (mathf.expf(0) !== 1) return `the prebuilt mathf for ${key} gives exp(0) = ${mathf.expf(0)}`;
    loadLibrary(join(dir, 'unicase.node'));
  } catch (err) {
    return `the prebuilt binaries for ${key} do not load: ${err instanceof Error ? err.message : String(err)}`;
  }
  return undefined;
}

/** Runs node-gyp, npm's own when run by npm (which names it in npm_config_node_gyp). */
function nodeGypRebuild() {
  const bundled = process.env.npm_config_node_gyp;
  const result = bundled
    ? spawnSync(process.execPath, [bundled, 'rebuild'], { cwd: root, stdio: 'inherit' })
    : spawnSync('node-gyp', ['rebuild'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function main() {
  const fromSource = process.env.npm_config_build_from_source;
  const forced = fromSource === 'true' || fromSource === 'anki-connect-server';
  const unusable = forced ? 'building from source was asked for' : prebuiltUnusable();
  if (unusable === undefined) {
    // What an earlier node-gyp build left would be loaded first (src/native/addons.ts).
    for (const name of ADDONS) rmSync(join(root, 'build', 'Release', `${name}.node`), { force: true });
    console.log(`anki-connect-server: using the prebuilt native binaries for ${prebuildKey()}`);
    return 0;
  }
  console.log(`anki-connect-server: ${unusable}; building native/ with node-gyp (needs python3, make and a C compiler)`);
  return nodeGypRebuild();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(main());
