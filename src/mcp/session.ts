import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  type LoggingLevel,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Registry } from '../api/registry.js';
import { packageRoot } from '../native/package-root.js';
import { callAction, type Caller, type Dispatch } from './requests.js';
import { readResource, RESOURCES } from './resources.js';
import { toolResult } from './tools.js';

/** What every session shares: the actions, their tools, and the way to run them. */
export interface SessionContext {
  registry: Registry;
  tools: readonly Tool[];
  dispatch: Dispatch;
  /** Counts work in progress, so that a stop lets it finish and answer. */
  track<T>(work: Promise<T>): Promise<T>;
}

const INSTRUCTIONS =
  "Anki through Anki-Connect's actions (API version 6): each tool is one action, its arguments the action's params, " +
  'and an action that fails answers a tool error with Anki-Connect\'s message. Note, card and deck ids are integers. ' +
  'The resources anki://decks and anki://note-types list the decks and the note types with their fields (what addNote needs); ' +
  'anki://search-syntax explains the queries findNotes, findCards and notesInfo take.';

/** Log levels from the least to the most severe, as MCP orders them. */
const LEVELS: readonly LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/** The caller of one HTTP request, as the endpoint hands it to the session (AuthInfo.extra). */
export function callerAuth(caller: Caller): AuthInfo {
  return { token: '', clientId: '', scopes: [], extra: { caller } };
}

function callerOf(auth: AuthInfo | undefined): Caller {
  const caller = auth?.extra?.['caller'];
  if (typeof caller !== 'object' || caller === null || !('info' in caller) || !('key' in caller)) {
    throw new McpError(ErrorCode.InternalError, 'internal: the request carries no caller');
  }
  return caller as Caller;
}

let version: string | undefined;

function serverVersion(): string {
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/**
 * One MCP session's server: tools that run actions through the dispatcher, three resources, and
 * logging. The handlers go on McpServer's underlying protocol server, since McpServer's own
 * registerTool takes zod schemas where the registry has plain JSON Schemas (it installs no tool
 * handlers of its own while no tool is registered through it). Its log is one debug line per tool
 * call (the action, its outcome and time), sent only once the client has asked for a level, as the
 * specification lets a server choose.
 */
export function createSessionServer(context: SessionContext): McpServer {
  const mcp = new McpServer(
    { name: 'anki-connect-server', version: serverVersion() },
    { capabilities: { tools: {}, resources: {}, logging: {} }, instructions: INSTRUCTIONS },
  );
  const server = mcp.server;
  let level: LoggingLevel | undefined;

  server.setRequestHandler(SetLevelRequestSchema, (request) => {
    level = request.params.level;
    return {};
  });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...context.tools] }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    context.track(
      (async () => {
        const { name } = request.params;
        // An unknown tool is a protocol error (the specification's); an action's failure is a tool error.
        if (context.registry.get(name) === undefined) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
        const started = performance.now();
        const reply = await callAction(context.dispatch, callerOf(extra.authInfo), name, request.params.arguments ?? {});
        if (level !== undefined && LEVELS.indexOf(level) <= LEVELS.indexOf('debug')) {
          const outcome = reply.error === null ? 'answered' : `failed (${reply.error})`;
          const ms = (performance.now() - started).toFixed(1);
          await extra.sendNotification({
            method: 'notifications/message',
            params: { level: 'debug', logger: 'anki-connect-server', data: `${name} ${outcome} in ${ms} ms` },
          });
        }
        return toolResult(reply);
      })(),
    ),
  );
  server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: [...RESOURCES] }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({ resourceTemplates: [] }));
  server.setRequestHandler(ReadResourceRequestSchema, (request, extra) =>
    context.track(readResource(request.params.uri, context.dispatch, callerOf(extra.authInfo))),
  );
  return mcp;
}
