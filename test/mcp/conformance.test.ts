import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { startTestServer } from '../support/server.js';

const ROOT = join(import.meta.dirname, '..', '..');
// Pinned at 0.1.13 in package.json: later versions import fs.globSync, which Node 20 lacks.
const SUITE = join(ROOT, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
const BASELINE = join(import.meta.dirname, 'conformance-baseline.yml');

test('the MCP conformance suite passes against /mcp, but for the scenarios of its baseline', { timeout: 120_000 }, async () => {
  const server = await startTestServer();
  try {
    // Spawned, not run synchronously: the server answering it lives in this process.
    const child = spawn(process.execPath, [SUITE, 'server', '--url', `${server.url}/mcp`, '--suite', 'all', '--expected-failures', BASELINE], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Exit status 0 means: every scenario outside the baseline passed, and every one in it failed.
    assert.equal(code, 0, output);
    assert.match(output, /Baseline check passed/, output);
    for (const scenario of ['server-initialize', 'ping', 'tools-list', 'logging-set-level', 'resources-list', 'server-sse-multiple-streams', 'dns-rebinding-protection']) {
      assert.match(output, new RegExp(`✓ ${scenario}: [1-9]\\d* passed, 0 failed`), scenario);
    }
  } finally {
    await server.stop();
  }
});
