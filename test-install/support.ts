/**
 * What the install tests share: running a command to completion, the prebuilt binaries built
 * with Zig, and a node-gyp build of native/ from the current sources in a folder of its own (the
 * reference the prebuilt binaries are compared with).
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { cpSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/**
 * Runs a command to its end; fails with all it printed when it fails, else returns its standard
 * output. Never blocks the event loop: a test may be serving the command (the release host
 * stand-in).
 */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${String(code ?? signal)}:\n${output}`));
    });
  });
}

/**
 * Builds native/ with node-gyp in `dir`, run by npm as an install runs it (npm's own node-gyp, with
 * npm's settings such as nodedir); binding.gyp finds better-sqlite3 through a link. Returns the
 * folder of the binaries.
 */
export async function nodeGypBuild(dir: string): Promise<string> {
  cpSync(join(ROOT, 'binding.gyp'), join(dir, 'binding.gyp'));
  cpSync(join(ROOT, 'native'), join(dir, 'native'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'reference', private: true, scripts: { build: 'node-gyp rebuild' } }));
  await run('npm', ['run', 'build'], { cwd: dir });
  return join(dir, 'build', 'Release');
}

/** Builds the prebuilt binaries of `keys` with Zig into `out` (installing Zig first if needed). */
export async function zigBuild(keys: string[], out: string): Promise<void> {
  await run('bash', [join(ROOT, 'scripts', 'native', 'setup-zig.sh')]);
  await run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'native', 'build-prebuilds.ts'), '--only', keys.join(','), '--out', out], { cwd: ROOT });
}
