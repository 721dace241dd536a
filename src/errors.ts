/**
 * The one error type the API reports. Its message is exactly the text a client receives in
 * `{"result": null, "error": …}`; many clients match these texts, so they follow Anki-Connect's.
 * Only the dispatcher turns errors into replies.
 */
export class AnkiConnectError extends Error {
  override readonly name = 'AnkiConnectError';
}

/** Throws `AnkiConnectError(message)` unless `condition` holds. */
export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AnkiConnectError(message);
}

/** The text a client sees for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
