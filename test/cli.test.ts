import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCollection } from '../src/collection/open.js';
import { assertIntegrity, tempDir } from './support/collections.js';
import { httpRequest } from './support/server.js';

const MAIN = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');

function startCli(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; port: number; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args]);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20_000);
    child.stdout.on('data', () => {
      const match = /serving Anki-Connect API v6 on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), output: () => output });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${String(code)}:\n${output}`)));
  });
}

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

test('the CLI prints the collection path and URL, and SIGTERM waits for in-flight work then closes cleanly', async () => {
  const { dir, remove } = tempDir('acs-cli-');
  // A slow download keeps a request in flight while the signal arrives.
  const slow = createServer((_req, res) => setTimeout(() => res.end('late bytes'), 700));
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/file`;
  try {
    const { child, port, output } = await startCli(['--base', dir, '--profile', 'Test', '--port', '0', '--bind', '127.0.0.1']);
    const collection = join(dir, 'Test', 'collection.anki2');
    assert.match(output(), new RegExp(`collection: ${collection.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    const added = await httpRequest(port, 'POST', {
      action: 'addNote',
      version: 6,
      params: { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'cli', Back: 'x' } } },
    });
    assert.equal(typeof (added.json as { result: unknown }).result, 'number');

    const inflight = httpRequest(port, 'POST', { action: 'storeMediaFile', version: 6, params: { filename: 'late.txt', url: slowUrl } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const exit = exited(child);
    child.kill('SIGTERM');
    assert.deepEqual((await inflight).json, { result: 'late.txt', error: null }, 'the in-flight request completes');
    assert.equal(await exit, 0);
    assert.match(output(), /SIGTERM: finishing requests and closing the collection/);
    assert.equal(existsSync(`${collection}-wal`), false, 'the WAL was checkpointed on close');
    const col = openCollection(collection);
    try {
      assertIntegrity(col);
      assert.equal((col.db.prepare('select count() as n from notes').get() as { n: number }).n, 1);
    } finally {
      col.close();
    }
  } finally {
    slow.close();
    remove();
  }
});

test('SIGINT stops the server too', async () => {
  const { dir, remove } = tempDir('acs-cli-');
  try {
    const { child } = await startCli(['--base', dir, '--port', '0', '--bind', '127.0.0.1']);
    const exit = exited(child);
    child.kill('SIGINT');
    assert.equal(await exit, 0);
    assert.ok(existsSync(join(dir, 'User 1', 'collection.anki2')), 'the default profile is "User 1"');
  } finally {
    remove();
  }
});

test('bad flags exit with status 2 and the usage', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--port', 'eighty'], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /invalid --port: eighty/);
  assert.match(result.stderr, /Usage: anki-connect-server/);
  const unknown = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--nope'], { encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  const help = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--api-key KEY/);
});

test('a port in use is reported clearly', async () => {
  const { dir, remove } = tempDir('acs-cli-');
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  try {
    const port = (blocker.address() as AddressInfo).port;
    const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--base', dir, '--port', String(port), '--bind', '127.0.0.1'], {
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`Failed to listen on 127.0.0.1 port ${port}`));
  } finally {
    blocker.close();
    remove();
  }
});

test('the sync commands: without a login, sync fails as the action does; an unknown command is a usage error', () => {
  const { dir, remove } = tempDir('acs-cli-');
  try {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args, '--base', dir, '--profile', 'Sync'], { encoding: 'utf8', input: '' });
    const sync = run('sync');
    assert.equal(sync.status, 1);
    assert.match(sync.stderr, /sync: auth not configured/);
    const logout = run('logout');
    assert.equal(logout.status, 0);
    assert.match(logout.stdout, /was not logged in/);
    const both = run('sync', '--full-upload', '--full-download');
    assert.equal(both.status, 1);
    assert.match(both.stderr, /choose one of --full-upload and --full-download/);
    const login = run('login');
    assert.equal(login.status, 1);
    assert.match(login.stderr, /login needs --username/);
    const unknown = run('frobnicate');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command: frobnicate/);
    const col = openCollection(join(dir, 'Sync', 'collection.anki2'));
    assertIntegrity(col);
    col.close();
  } finally {
    remove();
  }
});

test('a base folder that cannot be created ends the process with the reason, at once (not a spin under /proc)', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--base', '/proc/acs-cannot-create', '--port', '0', '--bind', '127.0.0.1'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /cannot create the folder \/proc\/acs-cannot-create: ENOENT/);
});

test('listening beyond loopback without an API key is refused unless the flag says so, and then warned about', async () => {
  const { dir, remove } = tempDir('acs-cli-');
  try {
    const refused = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--base', dir, '--port', '0', '--bind', '0.0.0.0'], { encoding: 'utf8' });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /refusing to listen on 0\.0\.0\.0 without an API key/);
    for (const [flag, warned] of [
      ['--allow-network-without-api-key', true],
      ['--api-key=k', false],
    ] as const) {
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--base', dir, '--port', '0', '--bind', '0.0.0.0', flag]);
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exit = exited(child);
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => {
          if (output.includes('serving Anki-Connect API v6 on')) resolve();
        });
        void exit.then(() => reject(new Error(`exited early:\n${output}`)));
      });
      assert.equal(/warning: listening on 0\.0\.0\.0 without an API key/.test(output), warned, output);
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
    }
  } finally {
    remove();
  }
});

test('a client that stalls half-way through its request body does not hold up SIGTERM', async () => {
  const { dir, remove } = tempDir('acs-cli-');
  try {
    const { child, port } = await startCli(['--base', dir, '--profile', 'Test', '--port', '0', '--bind', '127.0.0.1']);
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // Headers and half the body, then nothing.
    socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"action": "ver');
    socket.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const exit = exited(child);
    child.kill('SIGTERM');
    assert.equal(await exit, 0);
    // Not a timing threshold on the machine's speed: without the cut-off the stop waits for
    // Node's request timeout (300 s); with it, for the 2 s grace.
    assert.ok(Date.now() - started < 60_000, 'the stop did not wait for the stalled client');
    socket.destroy();
  } finally {
    remove();
  }
});
