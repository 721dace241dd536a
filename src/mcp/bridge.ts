import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  isInitializeRequest,
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';

/** How long the first contact with the server may take before the bridge gives up. */
const PROBE_TIMEOUT_MS = 10_000;

export interface BridgeOptions {
  url: URL;
  apiKey: string | null;
}

/**
 * The MCP URL of a server listening as the settings say: its first address (an unspecified one
 * is reached on loopback) and port.
 */
export function defaultMcpUrl(bindAddresses: readonly string[], port: number): URL {
  const address = bindAddresses[0] ?? '127.0.0.1';
  const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  return new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}/mcp`);
}

/**
 * `anki-connect-server mcp`: MCP over standard input and output, for clients that start their
 * servers as programs, forwarded message by message to a running server's /mcp. It never opens a
 * collection: the running server owns it. A server restarted meanwhile has forgotten the session;
 * the bridge then opens a new one, repeating the client's initialize, and sends the message
 * again, so the client does not notice. Resolves with the exit status once standard input ends.
 */
export async function runBridge(options: BridgeOptions): Promise<number> {
  const headers: Record<string, string> = options.apiKey === null ? {} : { Authorization: `Bearer ${options.apiKey}` };
  const problem = await probe(options.url, headers);
  if (problem !== undefined) {
    process.stderr.write(`anki-connect-server mcp: ${problem}\n`);
    return 1;
  }

  const stdio = new StdioServerTransport();
  /** The client's initialize request, repeated when a new session is needed. */
  let initialize: JSONRPCRequest | undefined;
  /** Answers the bridge waits for itself (its own initialize), by request id. */
  const awaited = new Map<RequestId, (message: JSONRPCMessage) => void>();
  let reinitializations = 0;
  let reconnecting: Promise<void> | undefined;

  const connect = async (): Promise<StreamableHTTPClientTransport> => {
    const transport = new StreamableHTTPClientTransport(options.url, { requestInit: { headers } });
    transport.onmessage = (message) => {
      if ((isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) && message.id !== undefined) {
        const waiter = awaited.get(message.id);
        if (waiter !== undefined) {
          awaited.delete(message.id);
          waiter(message);
          return;
        }
        // The protocol version the server chose goes in a header of every later request.
        if (isJSONRPCResultResponse(message) && message.id === initialize?.id) {
          transport.setProtocolVersion(String(message.result['protocolVersion']));
        }
      }
      void stdio.send(message);
    };
    transport.onerror = (err) => process.stderr.write(`anki-connect-server mcp: ${describe(err)}\n`);
    await transport.start();
    return transport;
  };
  let http = await connect();

  /** A new session in place of one the server no longer has: the client's initialize again. */
  const reconnect = async (): Promise<void> => {
    const saved = initialize;
    if (saved === undefined) return;
    await http.close();
    http = await connect();
    const id = `anki-connect-server-bridge-${++reinitializations}`;
    const answered = new Promise<JSONRPCMessage>((resolve) => awaited.set(id, resolve));
    await http.send({ ...saved, id });
    const answer = await answered;
    if (!isJSONRPCResultResponse(answer)) throw new Error(`the server refused a new session: ${JSON.stringify(answer)}`);
    http.setProtocolVersion(String(answer.result['protocolVersion']));
    await http.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    process.stderr.write('anki-connect-server mcp: the server had forgotten the session (restarted?); a new one was opened\n');
  };

  const forward = async (message: JSONRPCMessage): Promise<void> => {
    if (isInitializeRequest(message) && isJSONRPCRequest(message)) initialize = message;
    try {
      try {
        await http.send(message);
      } catch (err) {
        if (!(err instanceof StreamableHTTPError && err.code === 404) || initialize === undefined || message === initialize) throw err;
        reconnecting ??= reconnect().finally(() => (reconnecting = undefined));
        await reconnecting;
        await http.send(message);
      }
    } catch (err) {
      const reason = `anki-connect-server at ${options.url.href}: ${describe(err)}`;
      process.stderr.write(`anki-connect-server mcp: ${reason}\n`);
      // A request must have an answer, or the client waits for it forever.
      if (isJSONRPCRequest(message)) await stdio.send({ jsonrpc: '2.0', id: message.id, error: { code: -32000, message: reason } });
    }
  };

  // Messages go out one at a time, in the order the client sent them.
  let queue = Promise.resolve();
  stdio.onmessage = (message) => {
    queue = queue.then(() => forward(message));
  };
  stdio.onerror = (err) => process.stderr.write(`anki-connect-server mcp: standard input: ${describe(err)}\n`);
  await stdio.start();

  await new Promise<void>((resolve) => process.stdin.once('end', resolve));
  await queue;
  // The client is gone: its session on the server can go too.
  await http.terminateSession().catch(() => undefined);
  await http.close();
  await stdio.close();
  return 0;
}

/**
 * Checks that the URL answers as an MCP endpoint that accepts the key, before the client's first
 * message, so that a wrong URL or key is a clear message and an exit rather than a client that
 * waits. Answers the problem, or undefined.
 */
async function probe(url: URL, headers: Record<string, string>): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'GET',
      headers: { ...headers, Accept: 'text/event-stream' },
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
  } catch (err) {
    return `cannot reach anki-connect-server at ${url.href} (${describe(err)}); is it running? (--url sets the address)`;
  }
  await response.body?.cancel();
  if (response.status === 401) return `the server at ${url.href} wants its API key (--api-key KEY, or apiKey in the --config file)`;
  if (response.status === 403) return `the server at ${url.href} refused the request (403: its Host and Origin rules)`;
  // GET without a session is refused by an MCP endpoint (400, or 405 without event streams).
  if (response.status === 400 || response.status === 405) return undefined;
  if (response.headers.get('content-type')?.includes('text/event-stream') === true) return undefined;
  return `${url.href} is not an MCP endpoint (HTTP ${response.status}); anki-connect-server serves MCP at /mcp`;
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  const detail = cause instanceof Error ? cause.message : undefined;
  return detail === undefined ? err.message : `${err.message}: ${detail}`;
}
