import type { RequestInfo } from '../api/context.js';
import type { Envelope } from '../api/reply.js';

/** Sends one request through the server's dispatcher, as the HTTP API does, and answers its reply. */
export type Dispatch = (request: Record<string, unknown>, info: RequestInfo) => Promise<unknown>;

/** Who sent the MCP message at hand, as far as the requests made for it are concerned. */
export interface Caller {
  info: RequestInfo;
  /** The server's API key when it has one: the caller proved it with its Authorization header. */
  key: string | null;
}

/**
 * Params the transport fills in from the request itself, whatever the client sends, as the HTTP
 * API does: requestPermission learns the caller's origin and whether it passed the CORS check.
 */
export const TRANSPORT_PARAMS: Readonly<Record<string, readonly string[]>> = { requestPermission: ['origin', 'allowed'] };

/**
 * The Anki-Connect request one tool call (or resource read) makes. It is version 6, so that every
 * reply is the {result, error} envelope. An MCP client authenticates once, with its
 * Authorization header, so the key goes into the request, and into each item of a multi that
 * has none (the API checks every item's key; an item that carries a wrong one still fails).
 */
export function ankiRequest(action: string, params: Record<string, unknown>, caller: Caller): Record<string, unknown> {
  let withTransport = params;
  if (TRANSPORT_PARAMS[action] !== undefined) {
    withTransport = { ...params, origin: caller.info.origin, allowed: caller.info.allowed };
  }
  const request: Record<string, unknown> = { action, version: 6, params: withTransport };
  return caller.key === null ? request : withKey(request, caller.key);
}

function withKey(request: Record<string, unknown>, key: string): Record<string, unknown> {
  const keyed = 'key' in request ? request : { ...request, key };
  const params = keyed['params'];
  if (keyed['action'] !== 'multi' || !isRecord(params) || !Array.isArray(params['actions'])) return keyed;
  const actions = (params['actions'] as unknown[]).map((item) => (isRecord(item) ? withKey(item, key) : item));
  return { ...keyed, params: { ...params, actions } };
}

/** Runs one action and answers its envelope. */
export async function callAction(
  dispatch: Dispatch,
  caller: Caller,
  action: string,
  params: Record<string, unknown>,
): Promise<Envelope> {
  const reply = await dispatch(ankiRequest(action, params, caller), caller.info);
  // Version 6 always answers the envelope; anything else would be a bug worth naming.
  if (!isRecord(reply) || !('result' in reply) || !(typeof reply['error'] === 'string' || reply['error'] === null)) {
    throw new Error(`internal: ${action} answered something other than {result, error}`);
  }
  return { result: reply['result'], error: reply['error'] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
