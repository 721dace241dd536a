import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../test/support/collections.js';
import { loadSettings } from './load.js';

test('the environment sets the listening address, port, API key, hosts, base and profile', () => {
  const settings = loadSettings({
    env: {
      ANKICONNECT_BIND_ADDRESS: '0.0.0.0, ::',
      ANKICONNECT_PORT: '9000',
      ANKICONNECT_API_KEY: 'secret',
      ANKICONNECT_ALLOW_NETWORK_WITHOUT_API_KEY: 'true',
      ANKICONNECT_ALLOWED_HOSTS: 'anki,anki.example.org',
      ANKICONNECT_BASE: '/data',
      ANKICONNECT_PROFILE: 'Container',
    },
  });
  assert.deepEqual(settings.webBindAddress, ['0.0.0.0', '::']);
  assert.equal(settings.webBindPort, 9000);
  assert.equal(settings.apiKey, 'secret');
  assert.equal(settings.allowNetworkWithoutApiKey, true);
  assert.deepEqual(settings.webAllowedHosts, ['anki', 'anki.example.org']);
  assert.equal(settings.base, '/data');
  assert.equal(settings.profile, 'Container');
});

test('an empty variable counts as unset', () => {
  const env = { ANKICONNECT_PORT: '', ANKICONNECT_API_KEY: '', ANKICONNECT_BASE: '', ANKICONNECT_PROFILE: '', ANKICONNECT_CONFIG: '', XDG_DATA_HOME: '/xdg' };
  const settings = loadSettings({ env });
  const defaults = loadSettings({ env: { XDG_DATA_HOME: '/xdg' } });
  assert.deepEqual(settings, defaults);
  assert.equal(settings.webBindPort, 8765);
  assert.equal(settings.apiKey, null);
  assert.equal(settings.base, '/xdg/anki-connect-server');
});

test('a variable that is not a port or a boolean is refused, naming it', () => {
  for (const port of ['eighty', '-1', '65536', '80.5']) {
    assert.throws(() => loadSettings({ env: { ANKICONNECT_PORT: port } }), { message: `ANKICONNECT_PORT: expected a port number (0 to 65535), got "${port}"` });
  }
  assert.throws(() => loadSettings({ env: { ANKICONNECT_ALLOW_NETWORK_WITHOUT_API_KEY: 'yes' } }), {
    message: 'ANKICONNECT_ALLOW_NETWORK_WITHOUT_API_KEY: expected true or false, got "yes"',
  });
});

test('ANKICONNECT_CONFIG names the config file, which wins over the environment; the command line wins over both', () => {
  const { dir, remove } = tempDir('acs-config-');
  try {
    const fromEnv = join(dir, 'env.json');
    const fromFlag = join(dir, 'flag.json');
    writeFileSync(fromEnv, JSON.stringify({ webBindPort: 9001, profile: 'File' }));
    writeFileSync(fromFlag, JSON.stringify({ webBindPort: 9002 }));
    const env = { ANKICONNECT_CONFIG: fromEnv, ANKICONNECT_PORT: '9000', ANKICONNECT_PROFILE: 'Env', ANKICONNECT_API_KEY: 'env-key' };

    const viaEnv = loadSettings({ env });
    assert.equal(viaEnv.configFile, fromEnv);
    assert.equal(viaEnv.webBindPort, 9001);
    assert.equal(viaEnv.profile, 'File');
    assert.equal(viaEnv.apiKey, 'env-key');

    const viaFlag = loadSettings({ env, configFile: fromFlag });
    assert.equal(viaFlag.configFile, fromFlag);
    assert.equal(viaFlag.webBindPort, 9002);
    assert.equal(viaFlag.profile, 'Env');

    const cli = loadSettings({ env, cli: { port: 0, profile: 'Flag', apiKey: '' } });
    assert.equal(cli.webBindPort, 0);
    assert.equal(cli.profile, 'Flag');
    assert.equal(cli.apiKey, null);
  } finally {
    remove();
  }
});
