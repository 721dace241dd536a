/**
 * The package as npm publishes it, installed where no C compiler can run: `npm pack` (which builds
 * dist/ and the prebuilt binaries), then `npm install <tarball>` into an empty folder with every
 * compiler and make on PATH replaced by a stand-in that records the call and fails, then the
 * installed server started, used (the collation included) and stopped, and its `check` run by npx.
 *
 * better-sqlite3 and zstd-napi download their own prebuilt binaries at install (prebuild-install),
 * from their GitHub releases, and compile with node-gyp when they cannot. GitHub cannot be reached
 * from this project's machines, so a loopback server stands in for those release pages, serving
 * the binaries this checkout's install built, in prebuild-install's archive layout, at the address
 * prebuild-install is told to use instead (npm_config_<package>_binary_host). For users the
 * binaries come from GitHub; nothing else differs.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { TARGETS } from '../scripts/native/targets.js';
import { prebuildKey } from '../native/install.mjs';
import { tempDir } from '../test/support/collections.js';
import { startServerProcess } from '../test/support/server-process.js';
import { httpRequest } from '../test/support/server.js';
import { ROOT, run } from './support.js';

/** The dependencies whose binaries prebuild-install downloads, and the file each ships. */
const NATIVE_DEPENDENCIES = [
  { name: 'better-sqlite3', binary: 'better_sqlite3.node' },
  { name: 'zstd-napi', binary: 'binding.node' },
];
const COMPILERS = ['cc', 'gcc', 'g++', 'c++', 'clang', 'clang++', 'make', 'gmake', 'cmake', 'zig'];

const { dir, remove } = tempDir('acs-install-');
const compilerCalls = join(dir, 'compiler-calls.log');
const requested: string[] = [];
let releaseHost: Server;
let tarball = '';

/** The checkout's version of an installed dependency. */
function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The environment of the install and the server: no compiler on PATH, the release host stand-in. */
function noCompilerEnv(): NodeJS.ProcessEnv {
  const bin = join(dir, 'no-compilers');
  mkdirSync(bin, { recursive: true });
  for (const name of COMPILERS) {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> '${compilerCalls}'\nexit 1\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const port = (releaseHost.address() as AddressInfo).port;
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` };
  delete env['CC'];
  delete env['CXX'];
  for (const { name } of NATIVE_DEPENDENCIES) env[`npm_config_${name.replace(/[^a-zA-Z0-9]/g, '_')}_binary_host`] = `http://127.0.0.1:${port}/${name}`;
  return env;
}

/**
 * Serves `/<package>/v<version>/<package>-v<version>-<runtime>-v<abi>-<platform>-<arch>.tar.gz`,
 * prebuild-install's address under a binary host, as a gzipped tar holding
 * `build/Release/<binary>`, the layout it unpacks into the package.
 */
async function startReleaseHost(): Promise<Server> {
  const archives = new Map<string, Buffer>();
  for (const { name, binary } of NATIVE_DEPENDENCIES) {
    const archive = join(dir, `${name}.tar.gz`);
    await run('tar', ['-czf', archive, '-C', join(ROOT, 'node_modules', name), `build/Release/${binary}`]);
    archives.set(name, readFileSync(archive));
  }
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    const match = /^\/([^/]+)\/v([^/]+)\/([^/]+)$/.exec(url);
    const [, name = '', version = '', file = ''] = match ?? [];
    const archive = archives.get(name);
    const expected = `${name}-v${version}-`;
    if (archive === undefined || version !== installedVersion(name) || !file.startsWith(expected) || !file.endsWith(`-${process.platform}-${process.arch}.tar.gz`)) {
      res.writeHead(404).end();
      return;
    }
    requested.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}${url}`);
    res.writeHead(200, { 'Content-Type': 'application/gzip', 'Content-Length': archive.length }).end(archive);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

before(async () => {
  releaseHost = await startReleaseHost();
  const packed = join(dir, 'packed');
  mkdirSync(packed);
  await run('npm', ['pack', '--pack-destination', packed], { cwd: ROOT });
  const files = readdirSync(packed);
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual(files, [`anki-connect-server-${version}.tgz`]);
  tarball = join(packed, files[0]!);
});

after(() => {
  releaseHost.close();
  // prebuild-install keeps each download in npm's cache under a name derived from its address;
  // these addresses (a port of this run) are never asked for again.
  const util = createRequire(join(ROOT, 'node_modules', 'prebuild-install', 'package.json'))('./util.js') as { cachedPrebuild(url: string): string };
  for (const url of requested) rmSync(util.cachedPrebuild(url), { force: true });
  remove();
});

test('the packed package holds the prebuilt binaries of every platform, and no build output', async () => {
  const files = (await run('tar', ['-tzf', tarball])).split('\n');
  for (const target of TARGETS) {
    for (const name of ['unicase', 'mathf']) assert.ok(files.includes(`package/prebuilds/${target.key}/${name}.node`), `${target.key}/${name}.node is packed`);
  }
  assert.ok(files.includes('package/prebuilds/manifest.json'));
  assert.ok(files.includes('package/native/install.mjs'));
  assert.ok(files.includes('package/dist/src/cli/main.js'));
  assert.equal(files.filter((f) => f.startsWith('package/build/')).length, 0);
});

test('installed into an empty folder with no compiler on PATH, the server starts, serves and stops', async () => {
  const env = noCompilerEnv();
  const app = join(dir, 'app');
  mkdirSync(app);
  // The binaries the release host stand-in serves are this checkout's, so the install takes the
  // same versions of those two packages.
  const overrides = Object.fromEntries(NATIVE_DEPENDENCIES.map(({ name }) => [name, installedVersion(name)]));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'acs-install-test', private: true, overrides }));
  const output = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--foreground-scripts', tarball], { cwd: app, env });

  assert.equal(existsSync(compilerCalls) ? readFileSync(compilerCalls, 'utf8') : '', '', 'no compiler or make was run');
  assert.match(output, new RegExp(`anki-connect-server: using the prebuilt native binaries for ${prebuildKey()}`));
  const installed = join(app, 'node_modules', 'anki-connect-server');
  assert.equal(existsSync(join(installed, 'build')), false, 'node-gyp did not build the package');
  assert.deepEqual(requested.map((url) => url.split('/')[3]).sort(), NATIVE_DEPENDENCIES.map(({ name }) => name).sort());

  const base = join(dir, 'data');
  const server = await startServerProcess(join(app, 'node_modules', '.bin', 'anki-connect-server'), ['--base', base, '--port', '0', '--bind', '127.0.0.1'], { cwd: app, env });
  const port = server.port;
  const invoke = async (action: string, params: Record<string, unknown> = {}) => {
    const reply = (await httpRequest(port, 'POST', { action, version: 6, params })).json as { result: unknown; error: string | null };
    assert.equal(reply.error, null, `${action}: ${String(reply.error)}`);
    return reply.result;
  };
  try {
    assert.equal(await invoke('version'), 6);
    // Deck names are unique under the unicase collation: full case folding makes ß and SS one.
    const id = await invoke('createDeck', { deck: 'Straße::Wörter' });
    assert.equal(await invoke('createDeck', { deck: 'STRASSE::WÖRTER' }), id);
    await invoke('createDeck', { deck: 'ärger' });
    await invoke('createDeck', { deck: 'Zebra' });
    // And ordered by it: folded code points, so ä (U+00E4) after z.
    assert.deepEqual(await invoke('deckNames'), ['Default', 'Straße', 'Straße::Wörter', 'Zebra', 'ärger']);
    const note = await invoke('addNote', { note: { deckName: 'Straße::Wörter', modelName: 'Basic', fields: { Front: 'Fuß', Back: 'foot' } } });
    assert.deepEqual(await invoke('findNotes', { query: '"deck:Straße::Wörter"' }), [note]);
  } finally {
    server.child.kill('SIGTERM');
  }
  assert.equal(await server.exited, 0, server.output());

  // npx finds the installed command, which checks the collection the server wrote.
  const checked = await run('npx', ['--offline', 'anki-connect-server', 'check', join(base, 'User 1', 'collection.anki2')], { cwd: app, env });
  assert.equal(checked.trim(), 'ok');
  assert.equal(existsSync(compilerCalls) ? readFileSync(compilerCalls, 'utf8') : '', '', 'no compiler or make was run');
});
