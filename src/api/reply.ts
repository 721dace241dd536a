/** A reply in Anki-Connect's envelope. Clients check that it has exactly these two keys. */
export interface Envelope {
  result: unknown;
  error: string | null;
}

/**
 * Versions up to 4 receive the bare result on success (Yomitan sends version 2 and relies on
 * it); 5 and later receive the envelope. A missing version counts as 4.
 */
export function successReply(version: number, result: unknown): unknown {
  // An action with nothing to return answers null (JSON has no undefined).
  const value = result === undefined ? null : result;
  return version <= 4 ? value : ({ result: value, error: null } satisfies Envelope);
}

/** Errors always use the envelope, whatever the version (Anki-Connect's code, not its README). */
export function errorReply(message: string): Envelope {
  return { result: null, error: message };
}
