/**
 * Anki reads a card into its typed form before it saves it, and that read fails for a card
 * type or queue outside the known values (rslib storage/card/mod.rs: `type` converted through
 * u8 into 0..3, `queue` through i8 into -3..4; a non-integer fails too). Check Database does not
 * repair those columns: when a step of it has to load such a card, the whole check fails and
 * rolls back. This reproduces that refusal with rusqlite's error (Anki shows it wrapped in its
 * own error type: `DbError { info: "InvalidColumnType(6, \"type\", Integer)", kind: Other }`).
 */

/** The two columns that must convert. */
export interface CardKinds {
  type: unknown;
  queue: unknown;
}

/** Wraps an integer into the range of a signed or unsigned 8-bit integer, as Rust's `as` cast. */
function asByte(value: number, signed: boolean): number {
  const unsigned = ((value % 256) + 256) % 256;
  return signed && unsigned > 127 ? unsigned - 256 : unsigned;
}

/** Throws Anki's load error when `card` could not be loaded by Anki. */
export function loadableCard(card: CardKinds): void {
  const check = (value: unknown, index: number, name: string, ok: (byte: number) => boolean, signed: boolean) => {
    if (typeof value === 'number' && Number.isInteger(value) && ok(asByte(value, signed))) return;
    const kind = typeof value === 'number' ? (Number.isInteger(value) ? 'Integer' : 'Real') : typeof value === 'string' ? 'Text' : 'Null';
    throw new Error(`InvalidColumnType(${index}, "${name}", ${kind})`);
  };
  check(card.type, 6, 'type', (byte) => byte <= 3, false);
  check(card.queue, 7, 'queue', (byte) => byte >= -3 && byte <= 4, true);
}
