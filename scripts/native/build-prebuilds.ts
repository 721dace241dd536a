/**
 * Cross-compiles native/unicase.c and native/mathf.c for every platform in targets.ts with
 * `zig cc` (npm run prebuilds; npm pack runs it), into prebuilds/<key>/{unicase,mathf}.node and
 * prebuilds/manifest.json, which the npm package ships so that installing it needs no compiler.
 * Each binary is then read back and refused unless it is of the right format and processor,
 * exports its entry point and, for mathf, takes its maths from the platform's C library.
 *
 *   tsx scripts/native/build-prebuilds.ts [--only KEY,...] [--out DIR]
 *
 * Zig comes from .zig-venv (scripts/native/setup-zig.sh), or the command in $ZIG.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { sourceDigest } from '../../native/install.mjs';
import { readBinaryInfo } from './binary-info.js';
import { TARGETS, type MathFunction, type Target } from './targets.js';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(join(root, 'package.json'));
const sqliteHeaders = join(dirname(require.resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
const napiHeaders = dirname(require.resolve('node-api-headers/package.json'));

function zig(args: string[]): string {
  const command = process.env['ZIG'] ?? join(root, '.zig-venv', 'bin', 'python');
  const prefix = process.env['ZIG'] === undefined ? ['-m', 'ziglang'] : [];
  return execFileSync(command, [...prefix, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

// As binding.gyp's flags, plus: no debug information, and none of the undefined-behaviour traps
// zig cc adds by default (a gcc or MSVC build of node-gyp's has none).
const COMMON_FLAGS = ['-shared', '-O2', '-s', '-fno-sanitize=undefined', '-Wall', '-Wextra'];

/**
 * The import libraries a Windows build of mathf links with. Node-API functions are exported by
 * node.exe, as node-api-headers' .def files list. And zig's own runtime library defines expf and
 * logf (musl's older code), which would be linked in ahead of the C runtime's: an import library
 * naming the Universal C Runtime for the four functions, given first, makes them come from there.
 */
function windowsImportLibraries(target: Target, dir: string): string[] {
  const machine = target.arch === 'x64' ? 'i386:x86-64' : 'arm64';
  const napiExports = ['js_native_api.def', 'node_api.def'].flatMap((file) =>
    readFileSync(join(napiHeaders, 'def', file), 'utf8')
      .split(/\r?\n/)
      .filter((line) => line !== '' && !line.startsWith('NAME') && !line.startsWith('EXPORTS')),
  );
  const libraries: Array<[string, string[]]> = [
    ['api-ms-win-crt-math-l1-1-0.dll', ['expf', 'logf', 'powf', 'expm1f']],
    ['NODE.EXE', napiExports],
  ];
  return libraries.map(([dll, names], i) => {
    const def = join(dir, `imports${i}.def`);
    const lib = join(dir, `imports${i}.lib`);
    writeFileSync(def, `LIBRARY ${dll}\nEXPORTS\n${names.join('\n')}\n`);
    zig(['dlltool', '-d', def, '-l', lib, '-m', machine]);
    return lib;
  });
}

/** Compiles both files for `target` into `dir`, which also takes the link's by-products. */
function compile(target: Target, dir: string): void {
  const at = (file: string) => join(root, file);
  zig(['cc', '-target', target.zig, ...COMMON_FLAGS, '-I', sqliteHeaders, '-I', at('native'), '-o', join(dir, 'unicase.node'), at('native/unicase.c')]);
  const link =
    target.format === 'pe'
      ? windowsImportLibraries(target, dir)
      : target.format === 'macho'
        ? ['-Wl,-undefined,dynamic_lookup', '-lm'] // Node-API is found in the node process at load
        : ['-lm'];
  zig(['cc', '-target', target.zig, ...COMMON_FLAGS, '-fno-fast-math', '-DNODE_GYP_MODULE_NAME=mathf', '-I', join(napiHeaders, 'include'), '-o', join(dir, 'mathf.node'), at('native/mathf.c'), ...link]);
}

/** The reasons `dir`'s binaries are not what `target` needs; empty when they are. */
function checkPrebuilds(target: Target, dir: string): string[] {
  const problems: string[] = [];
  for (const [name, entry] of [['unicase', 'sqlite3_unicase_init'], ['mathf', 'napi_register_module_v1']] as const) {
    const info = readBinaryInfo(join(dir, `${name}.node`));
    const what = `${target.key}/${name}.node`;
    if (info.format !== target.format || info.arch !== target.arch) problems.push(`${what} is ${info.format} ${info.arch}, not ${target.format} ${target.arch}`);
    if (!info.exports.includes(entry)) problems.push(`${what} does not export ${entry}`);
    if (name !== 'mathf') continue;
    if (!info.libraries.includes(target.mathLibrary)) problems.push(`${what} does not link ${target.mathLibrary} (it links ${info.libraries.join(', ')})`);
    for (const fn of Object.keys(target.mathFrom) as MathFunction[]) {
      const found = info.imports.find((i) => i.name === fn);
      if (found === undefined) problems.push(`${what} does not import ${fn}: the binary has its own, not the platform's`);
      else if (found.from !== target.mathFrom[fn]) problems.push(`${what} imports ${fn} from "${found.from}", not "${target.mathFrom[fn]}"`);
    }
  }
  return problems;
}

function main(): void {
  const { values } = parseArgs({ options: { only: { type: 'string' }, out: { type: 'string' } } });
  const wanted = values.only?.split(',');
  const unknown = wanted?.filter((key) => !TARGETS.some((t) => t.key === key)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown target ${unknown.join(', ')}; known: ${TARGETS.map((t) => t.key).join(', ')}`);
  const targets = TARGETS.filter((t) => wanted === undefined || wanted.includes(t.key));
  const outRoot = values.out ?? join(root, 'prebuilds');
  rmSync(outRoot, { recursive: true, force: true });
  const work = mkdtempSync(join(tmpdir(), 'acs-prebuilds-'));
  const version = zig(['version']).trim();
  try {
    for (const target of targets) {
      const dir = join(work, target.key);
      mkdirSync(dir);
      compile(target, dir);
      const problems = checkPrebuilds(target, dir);
      if (problems.length > 0) throw new Error(`prebuilds for ${target.key} are wrong:\n  ${problems.join('\n  ')}`);
      // Only the binaries: a Windows link leaves .lib and .pdb files beside them.
      mkdirSync(join(outRoot, target.key), { recursive: true });
      for (const name of ['unicase', 'mathf']) copyFileSync(join(dir, `${name}.node`), join(outRoot, target.key, `${name}.node`));
      console.log(`prebuilds: ${target.key} (${target.zig}) built and checked`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const manifest = { sources: sourceDigest(root), zig: version, targets: targets.map((t) => t.key) };
  writeFileSync(join(outRoot, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`prebuilds: ${targets.length} platforms in ${relative(process.cwd(), outRoot) || '.'} (zig ${version})`);
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) main();
