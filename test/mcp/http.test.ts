import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { MAX_SESSIONS } from '../../src/mcp/endpoint.js';
import { connectMcp, initializeRequest, MCP_POST_HEADERS, sseMessages, textOf } from '../support/mcp.js';
import { httpRequest, startTestServer, useTestServer, type TestServer } from '../support/server.js';

const postMcp = (server: TestServer, body: unknown, headers: Record<string, string> = {}) =>
  httpRequest(server.port, 'POST', body, { ...MCP_POST_HEADERS, ...headers }, '127.0.0.1', '/mcp');

describe('MCP over HTTP: the API key', () => {
  const server = useTestServer({ apiKey: 'secret' });

  test('without the key as a bearer token the answer is 401 with a JSON-RPC error', async () => {
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong' }, { Authorization: 'secret' }, { Authorization: 'Basic secret' }];
    for (const headers of attempts) {
      const reply = await postMcp(server, initializeRequest(), headers);
      assert.equal(reply.status, 401, JSON.stringify(headers));
      assert.equal(reply.headers['www-authenticate'], 'Bearer');
      assert.deepEqual((reply.json as { error: { code: number } }).error.code, -32000);
    }
    await assert.rejects(connectMcp(server.url), (err: unknown) => err instanceof Error && /401|Unauthorized/.test(err.message));
  });

  test('with it, tools run: the key reaches the dispatcher, and the items of a multi', async () => {
    const { client } = await connectMcp(server.url, { Authorization: 'Bearer secret' });
    try {
      const decks = (await client.callTool({ name: 'deckNames', arguments: {} })) as CallToolResult;
      assert.deepEqual(decks.structuredContent, { result: ['Default'] });
      const multi = (await client.callTool({
        name: 'multi',
        arguments: { actions: [{ action: 'version', version: 6 }, { action: 'deckNames' }, { action: 'version', key: 'wrong' }] },
      })) as CallToolResult;
      assert.deepEqual(multi.structuredContent, {
        result: [{ result: 6, error: null }, ['Default'], { result: null, error: 'valid api key must be provided' }],
      });
      const [content] = (await client.readResource({ uri: 'anki://decks' })).contents;
      assert.ok(content !== undefined && 'text' in content && content.text.includes('"Default"'));
    } finally {
      await client.close();
    }
  });
});

describe('MCP over HTTP: origins, hosts, sessions and errors', () => {
  const server = useTestServer({ webMaxRequestBytes: 4096 });

  test('a refused origin gets 403, as the API gives it; an allowed one is served', async () => {
    const refused = await postMcp(server, initializeRequest(), { Origin: 'https://evil.example' });
    assert.equal(refused.status, 403);
    assert.equal((await server.post({ action: 'version' }, { Origin: 'https://evil.example' })).status, 403);
    const allowed = await postMcp(server, initializeRequest(), { Origin: 'http://127.0.0.1:5173' });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers['access-control-allow-origin'], 'http://127.0.0.1:5173');
    assert.match(String(allowed.headers['access-control-expose-headers']), /Mcp-Session-Id/);
  });

  test('a Host that is not this machine gets 403 (DNS rebinding)', async () => {
    const reply = await postMcp(server, initializeRequest(), { Host: 'evil.example:8765', Origin: 'http://evil.example:8765' });
    assert.equal(reply.status, 403);
  });

  test("a browser's preflight learns the methods and that Authorization may be sent", async () => {
    const reply = await httpRequest(server.port, 'OPTIONS', undefined, { Origin: 'http://localhost', 'Access-Control-Request-Method': 'DELETE' }, '127.0.0.1', '/mcp');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['access-control-allow-methods'], 'GET, POST, DELETE');
    assert.match(String(reply.headers['access-control-allow-headers']), /Authorization/);
  });

  test('a session starts with initialize and ends with DELETE; other requests without one are refused', async () => {
    const ping = { jsonrpc: '2.0', id: 2, method: 'ping' };
    const noSession = await postMcp(server, ping);
    assert.equal(noSession.status, 400);
    const unknown = await postMcp(server, ping, { 'Mcp-Session-Id': 'not-a-session' });
    assert.equal(unknown.status, 404);

    const { client, transport } = await connectMcp(server.url);
    const sessionId = transport.sessionId;
    assert.ok(sessionId !== undefined);
    assert.deepEqual(sseMessages((await postMcp(server, ping, { 'Mcp-Session-Id': sessionId })).text), [{ jsonrpc: '2.0', id: 2, result: {} }]);
    await transport.terminateSession();
    assert.equal((await postMcp(server, ping, { 'Mcp-Session-Id': sessionId })).status, 404);
    await client.close();
  });

  test(`at most ${MAX_SESSIONS} sessions are kept: the one used least recently ends first`, async () => {
    const opened: string[] = [];
    for (let i = 0; i <= MAX_SESSIONS; i++) {
      const reply = await postMcp(server, initializeRequest());
      assert.equal(reply.status, 200);
      opened.push(String(reply.headers['mcp-session-id']));
      // The first session stays in use, so the second is the least recent when room is needed.
      if (i === MAX_SESSIONS - 1) {
        const first = opened[0] ?? '';
        assert.equal((await postMcp(server, { jsonrpc: '2.0', id: 9, method: 'ping' }, { 'Mcp-Session-Id': first })).status, 200);
      }
    }
    const ping = (sessionId: string | undefined) => postMcp(server, { jsonrpc: '2.0', id: 3, method: 'ping' }, { 'Mcp-Session-Id': sessionId ?? '' });
    assert.equal((await ping(opened[1])).status, 404, 'the least recently used session ended');
    assert.equal((await ping(opened[0])).status, 200);
    assert.equal((await ping(opened[MAX_SESSIONS])).status, 200);
  });

  test('malformed and oversized bodies get JSON-RPC errors', async () => {
    const bad = await postMcp(server, '{"jsonrpc": "2.0", ');
    assert.equal(bad.status, 400);
    assert.equal((bad.json as { error: { code: number } }).error.code, -32700);
    const big = await postMcp(server, JSON.stringify({ ...initializeRequest(), padding: 'x'.repeat(8192) }));
    assert.equal(big.status, 413);
    assert.match((big.json as { error: { message: string } }).error.message, /webMaxRequestBytes/);
    // The API goes on.
    assert.deepEqual((await server.invoke('version')).result, 6);
  });
});

// A stop held by an open stream would never end: the guard makes that a failure, not a hang.
test('a stop lets a tool call in progress finish and answer, and ends the open event streams', { timeout: 60_000 }, async () => {
  const server = await startTestServer();
  // A download the test answers itself: the call is in progress until then.
  let requested: () => void = () => undefined;
  const downloadStarted = new Promise<void>((resolve) => (requested = resolve));
  let answer: () => void = () => undefined;
  const slow = createServer((_req, res) => {
    answer = () => res.end('late bytes');
    requested();
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  try {
    // A session's GET event stream, for the server's own messages: it never ends by itself.
    const sessionId = String((await postMcp(server, initializeRequest())).headers['mcp-session-id']);
    // Wrapped: a promise resolved with a promise would wait for the stream's end.
    const { streamEnded } = await new Promise<{ streamEnded: Promise<void> }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/mcp', headers: { Accept: 'text/event-stream', 'Mcp-Session-Id': sessionId } },
        (res) => {
          assert.equal(res.statusCode, 200);
          assert.equal(res.headers['content-type'], 'text/event-stream');
          resolve({ streamEnded: new Promise((ended) => res.on('end', ended).resume()) });
        },
      );
      req.on('error', reject);
      req.end();
    });

    const { client } = await connectMcp(server.url);
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/late.txt`;
    const inProgress = client.callTool({ name: 'storeMediaFile', arguments: { filename: 'late.txt', url } });
    await downloadStarted;
    const stopped = server.stop();
    answer();
    const result = (await inProgress) as CallToolResult;
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(textOf(result), '"late.txt"');
    await stopped;
    await streamEnded;
    await client.close();
  } finally {
    slow.close();
  }
});
