import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { defaultMcpUrl } from '../../src/mcp/bridge.js';
import { startTestServer } from '../support/server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

/** An SDK client talking to `anki-connect-server mcp` over its standard input and output. */
async function connectBridge(args: string[]): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', MAIN, 'mcp', ...args], cwd: ROOT, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'bridge-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

/** Runs `anki-connect-server mcp` with nothing on its standard input; answers its status and stderr. */
function runBridgeAlone(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'mcp', ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end();
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

test('the stdio bridge forwards to a running server: tools listed and called', { timeout: 60_000 }, async () => {
  const server = await startTestServer({ apiKey: 'bridge-key' });
  try {
    const { client } = await connectBridge(['--url', `${server.url}/mcp`, '--api-key', 'bridge-key']);
    const { tools } = await client.listTools();
    assert.equal(tools.length, server.app.dispatcher.registry.all().length);
    const version = (await client.callTool({ name: 'version', arguments: {} })) as CallToolResult;
    assert.deepEqual(version.structuredContent, { result: 6 });
    const decks = (await client.callTool({ name: 'deckNames', arguments: {} })) as CallToolResult;
    assert.deepEqual(decks.structuredContent, { result: ['Default'] });
    const failed = (await client.callTool({ name: 'deckNameFromId', arguments: { deckId: 4242 } })) as CallToolResult;
    assert.equal(failed.isError, true);
    await client.close();
  } finally {
    await server.stop();
  }
});

test('a server restarted under the bridge gets a new session, and the client goes on', { timeout: 60_000 }, async () => {
  const first = await startTestServer();
  let second: Awaited<ReturnType<typeof startTestServer>> | undefined;
  try {
    const { client, stderr } = await connectBridge(['--url', `${first.url}/mcp`]);
    assert.deepEqual(((await client.callTool({ name: 'version', arguments: {} })) as CallToolResult).structuredContent, { result: 6 });
    await first.stop();
    second = await startTestServer({ webBindPort: first.port });
    const decks = (await client.callTool({ name: 'deckNames', arguments: {} })) as CallToolResult;
    assert.deepEqual(decks.structuredContent, { result: ['Default'] });
    assert.match(stderr(), /a new one was opened/);
    await client.close();
  } finally {
    await second?.stop();
  }
});

test('with no server to reach, the bridge says so on stderr and exits with status 1', { timeout: 60_000 }, async () => {
  // A port that was free a moment ago: nothing listens there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const result = await runBridgeAlone(['--url', `http://127.0.0.1:${port}/mcp`]);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '', 'standard output is for MCP messages only');
  assert.match(result.stderr, /cannot reach anki-connect-server at http:\/\/127\.0\.0\.1:\d+\/mcp .*is it running\?/);
});

test('a wrong key, or the API path instead of /mcp, is named before any message', { timeout: 60_000 }, async () => {
  const server = await startTestServer({ apiKey: 'right' });
  try {
    const wrongKey = await runBridgeAlone(['--url', `${server.url}/mcp`, '--api-key', 'wrong']);
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stderr, /wants its API key/);
    const apiPath = await runBridgeAlone(['--url', `${server.url}/`, '--api-key', 'right']);
    assert.equal(apiPath.code, 1);
    assert.match(apiPath.stderr, /is not an MCP endpoint \(HTTP 200\)/);
  } finally {
    await server.stop();
  }
});

test('the default URL is the configured address and port, loopback for an unspecified address', () => {
  assert.equal(defaultMcpUrl(['127.0.0.1', '::1'], 8765).href, 'http://127.0.0.1:8765/mcp');
  assert.equal(defaultMcpUrl(['0.0.0.0'], 9000).href, 'http://127.0.0.1:9000/mcp');
  assert.equal(defaultMcpUrl(['::'], 9000).href, 'http://[::1]:9000/mcp');
  assert.equal(defaultMcpUrl(['192.168.1.5'], 8765).href, 'http://192.168.1.5:8765/mcp');
});
