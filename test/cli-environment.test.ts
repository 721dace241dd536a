/**
 * The server configured by environment variables alone, as the Docker image and the systemd
 * unit in the README configure it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './support/collections.js';
import { startServerProcess } from './support/server-process.js';
import { httpRequest } from './support/server.js';

const MAIN = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');

test('base, profile, port, address and API key come from the environment', async () => {
  const { dir, remove } = tempDir('acs-env-');
  try {
    const env = {
      ...process.env,
      ANKICONNECT_BASE: dir,
      ANKICONNECT_PROFILE: 'From env',
      ANKICONNECT_PORT: '0',
      ANKICONNECT_BIND_ADDRESS: '127.0.0.1',
      ANKICONNECT_API_KEY: 'secret',
    };
    const server = await startServerProcess(process.execPath, ['--import', 'tsx', MAIN], { env });
    try {
      assert.match(server.output(), new RegExp(`collection: ${join(dir, 'From env', 'collection.anki2').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const refused = await httpRequest(server.port, 'POST', { action: 'version', version: 6 });
      assert.deepEqual(refused.json, { result: null, error: 'valid api key must be provided' });
      const answered = await httpRequest(server.port, 'POST', { action: 'version', version: 6, key: 'secret' });
      assert.deepEqual(answered.json, { result: 6, error: null });
    } finally {
      server.child.kill('SIGTERM');
    }
    assert.equal(await server.exited, 0, server.output());
    assert.ok(existsSync(join(dir, 'From env', 'collection.anki2')));
  } finally {
    remove();
  }
});

test('beyond loopback the environment must give an API key, or allow going without one', async () => {
  const { dir, remove } = tempDir('acs-env-');
  try {
    const env = { ...process.env, ANKICONNECT_BASE: dir, ANKICONNECT_PORT: '0', ANKICONNECT_BIND_ADDRESS: '0.0.0.0' };
    const refused = spawnSync(process.execPath, ['--import', 'tsx', MAIN], { env, encoding: 'utf8' });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /refusing to listen on .*0\.0\.0\.0.* without an API key/);

    const allowed = { ...env, ANKICONNECT_ALLOW_NETWORK_WITHOUT_API_KEY: 'true' };
    const server = await startServerProcess(process.execPath, ['--import', 'tsx', MAIN], { env: allowed });
    // 0.0.0.0 takes loopback too.
    assert.deepEqual((await httpRequest(server.port, 'POST', { action: 'version', version: 6 })).json, { result: 6, error: null });
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0, server.output());
    assert.match(server.output(), /warning: listening on .* without an API key/);
  } finally {
    remove();
  }
});
