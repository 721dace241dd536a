import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostAllowed } from './host.js';

test('on loopback only loopback names and the configured hosts; beyond it also IP literals and the machine\'s names', () => {
  const loopback = ['127.0.0.1', '::1'];
  for (const host of ['localhost:8765', '127.0.0.1:8765', '[::1]:8765', 'extra.example']) assert.equal(hostAllowed(host, loopback, ['extra.example'], 'box'), true, host);
  for (const host of ['evil.example', '192.168.1.5:8765', 'box']) assert.equal(hostAllowed(host, loopback, [], 'box'), false, host);
  const network = ['0.0.0.0'];
  for (const host of ['192.168.1.5:8765', '[fe80::1]:8765', 'box:8765', 'box.local', 'BOX.lan', 'localhost']) {
    assert.equal(hostAllowed(host, network, [], 'box.lan'), true, host);
  }
  assert.equal(hostAllowed('evil.example', network, [], 'box'), false, 'a rebinding name is refused on a network bind too');
  assert.equal(hostAllowed('anki.example', network, ['anki.example'], 'box'), true);
});
