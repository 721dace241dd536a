// Runs every *.test.ts under src/, test/ and bench/ with Node's own test runner, TypeScript loaded by tsx.
// Node 20's --test does not expand globs itself, so the files are listed here.
// Arguments narrow the run: `npm test -- src/search` runs the tests under that path only.
// `--anki` runs the reference suite under test-anki/ instead (npm run test:anki), which needs
// the real Anki that `npm run anki:setup` installs. `--ui` runs the web UI's browser tests under
// test-ui/ (npm run test:ui), which need Debian's chromium at /usr/bin/chromium. `--install` runs
// the tests of the prebuilt native binaries and of an install without a compiler under
// test-install/ (npm run test:install), which need Zig (npm run prebuilds sets it up).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function collect(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const args = process.argv.slice(2);
const suites = { '--anki': 'test-anki', '--ui': 'test-ui', '--install': 'test-install' };
const suite = suites[args[0]];
const filters = suite === undefined ? args : args.slice(1);
const files = (suite === undefined ? ['src', 'test', 'bench'] : [suite])
  .flatMap((dir) => collect(join(root, dir), []))
  .filter((file) => filters.length === 0 || filters.some((f) => file.startsWith(f.replace(/^\.\//, ''))))
  .sort();

if (files.length === 0) {
  console.error('no test files matched', filters);
  process.exit(1);
}

// The install suite's files one at a time: each may install Zig into the same .zig-venv.
const serial = suite === 'test-install' ? ['--test-concurrency=1'] : [];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...serial, ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
