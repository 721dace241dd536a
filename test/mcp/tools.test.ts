import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, LoggingMessageNotificationSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectMcp, textOf } from '../support/mcp.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('MCP tools and resources, with the SDK client', () => {
  let server: TestServer;
  let client: Client;
  const call = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult;

  before(async () => {
    server = await startTestServer();
    ({ client } = await connectMcp(server.url));
  });
  after(async () => {
    await client.close();
    await server.stop();
  });

  test('one tool per action, named and described from the registry, its params as input schema', async () => {
    const registry = server.app.dispatcher.registry;
    const { tools } = await client.listTools();
    assert.equal(tools.length, registry.all().length);
    assert.deepEqual(
      tools.map((tool) => tool.name),
      registry.names(),
    );
    for (const tool of tools) {
      const action = registry.get(tool.name);
      assert.ok(action !== undefined);
      assert.ok(tool.description?.startsWith(action.summary), tool.name);
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      const expected = Object.keys(action.params.properties).filter(
        (name) => !(tool.name === 'requestPermission' && (name === 'origin' || name === 'allowed')),
      );
      assert.deepEqual(Object.keys(tool.inputSchema.properties ?? {}), expected, tool.name);
      if (action.write) assert.match(tool.description ?? '', /Writes to the collection/, tool.name);
    }
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    assert.equal(byName.get('findNotes')?.annotations?.readOnlyHint, true);
    assert.equal(byName.get('addNote')?.annotations?.readOnlyHint, undefined);
    assert.deepEqual(byName.get('addNote')?.inputSchema.required, ['note']);
    // The transport tells requestPermission who is calling; the client has nothing to give.
    assert.equal(byName.get('requestPermission')?.inputSchema.required, undefined);
  });

  test('every action called read-only exists and runs outside a write transaction', async () => {
    const registry = server.app.dispatcher.registry;
    const { tools } = await client.listTools();
    const readOnly = tools.filter((tool) => tool.annotations?.readOnlyHint === true);
    assert.ok(readOnly.length > 30);
    for (const tool of readOnly) assert.equal(registry.get(tool.name)?.write, false, tool.name);
  });

  test('addNote, findNotes and notesInfo answer as the API answers', async () => {
    const note = { deckName: 'Default', modelName: 'Basic', fields: { Front: 'mcp front', Back: 'mcp back' }, tags: ['via-mcp'] };
    const added = await call('addNote', { note });
    assert.equal(added.isError, undefined);
    const id = (added.structuredContent as { result: unknown }).result;
    assert.equal(typeof id, 'number');
    assert.equal(textOf(added), String(id));

    const found = await call('findNotes', { query: 'tag:via-mcp' });
    assert.deepEqual(found.structuredContent, { result: [id] });

    const info = await call('notesInfo', { notes: [id] });
    const [first] = (info.structuredContent as { result: { fields: Record<string, { value: string }> }[] }).result;
    assert.equal(first?.fields['Front']?.value, 'mcp front');
    assert.deepEqual(info.structuredContent, { result: (await server.invoke('notesInfo', { notes: [id] })).result });
  });

  test("a failing action is a tool error carrying Anki-Connect's message, and writes nothing", async () => {
    const failures: [string, Record<string, unknown>][] = [
      ['addNote', { note: { deckName: 'No such deck', modelName: 'Basic', fields: { Front: 'f', Back: 'b' } } }],
      ['addNote', { note: { deckName: 'Default', modelName: 'No such model', fields: { Front: 'f' } } }],
      ['addNote', {}],
      ['findNotes', { query: '(unclosed' }],
    ];
    for (const [name, args] of failures) {
      const result = await call(name, args);
      const api = await server.invoke(name, args);
      assert.equal(typeof api.error, 'string', `${name} ${JSON.stringify(args)} fails over the API too`);
      assert.equal(result.isError, true);
      assert.equal(textOf(result), api.error);
      assert.equal(result.structuredContent, undefined);
    }
    assert.deepEqual((await call('findNotes', { query: 'Front:f' })).structuredContent, { result: [] });
  });

  test('an unknown tool is a protocol error, as the specification asks', async () => {
    await assert.rejects(
      client.callTool({ name: 'noSuchAction', arguments: {} }),
      (err: unknown) => err instanceof McpError && err.code === (ErrorCode.InvalidParams as number),
    );
  });

  test('64-bit ids: the text has every digit, the structured content is that text parsed', async () => {
    const result = await call('findModelsByName', { modelNames: ['Basic'] });
    const api = await server.post({ action: 'findModelsByName', version: 6, params: { modelNames: ['Basic'] } });
    // Field and template ids are random 64-bit integers, beyond what a number holds exactly.
    assert.match(api.text, /"id":-?\d{17,}/);
    assert.equal(api.text, `{"result":${textOf(result)},"error":null}`);
    assert.deepEqual(result.structuredContent, { result: (JSON.parse(api.text) as { result: unknown }).result });
  });

  test('resources: the decks, the note types with their fields, and the search syntax', async () => {
    const { resources } = await client.listResources();
    assert.deepEqual(
      resources.map((resource) => resource.uri),
      ['anki://decks', 'anki://note-types', 'anki://search-syntax'],
    );
    await call('createDeck', { deck: 'Spanish::Verbs' });
    const read = async (uri: string) => {
      const [content] = (await client.readResource({ uri })).contents;
      assert.ok(content !== undefined && 'text' in content);
      return content;
    };

    const decks = JSON.parse((await read('anki://decks')).text) as { name: string; id: number }[];
    const deckIds = (await server.invoke('deckNamesAndIds')).result as Record<string, number>;
    assert.deepEqual(new Map(decks.map(({ name, id }) => [name, id])), new Map(Object.entries(deckIds)));
    assert.ok(decks.some((deck) => deck.name === 'Spanish::Verbs'));

    const noteTypes = JSON.parse((await read('anki://note-types')).text) as { name: string; id: number; fields: string[] }[];
    const modelIds = (await server.invoke('modelNamesAndIds')).result as Record<string, number>;
    assert.deepEqual(noteTypes.map(({ name }) => name).sort(), Object.keys(modelIds).sort());
    for (const { name, id, fields } of noteTypes) {
      assert.equal(id, modelIds[name]);
      assert.deepEqual(fields, (await server.invoke('modelFieldNames', { modelName: name })).result);
    }

    const syntax = await read('anki://search-syntax');
    assert.equal(syntax.mimeType, 'text/markdown');
    assert.match(syntax.text, /deck:/);
    assert.deepEqual((await client.listResourceTemplates()).resourceTemplates, []);
    await assert.rejects(client.readResource({ uri: 'anki://nothing' }), (err: unknown) => err instanceof McpError && err.code === -32002);
  });

  test('logging: once the client asks for debug, each tool call is logged', async () => {
    const logged: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logged.push(notification.params.data);
    });
    await call('version');
    assert.deepEqual(logged, [], 'nothing before a level is set');
    await client.setLoggingLevel('debug');
    await call('version');
    await call('deckNameFromId', { deckId: 424242 });
    assert.equal(logged.length, 2);
    assert.match(String(logged[0]), /^version answered in \d+\.\d ms$/);
    assert.match(String(logged[1]), /^deckNameFromId failed \(.+\) in \d+\.\d ms$/);
    await client.setLoggingLevel('info');
    await call('version');
    assert.equal(logged.length, 2, 'debug lines stop at level info');
  });
});
