// The text of Python's UnicodeDecodeError for `body.decode('utf-8')`, which the add-on sends back
// verbatim when a request body is not valid UTF-8. The checks below follow CPython's UTF-8 decoder
// (Objects/stringlib/codecs.h `utf8_decode` and the error branch of `unicode_decode_utf8`) step for
// step, because the reported byte range depends on which check fails first, not only on validity.
import { isUtf8 } from 'node:buffer';

// Results of decoding one sequence: how many bytes the error covers, and the reason text.
const INVALID_START = 'invalid start byte';
const INVALID_CONTINUATION = 'invalid continuation byte';
const UNEXPECTED_END = 'unexpected end of data';

function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte < 0xc0;
}

// Python's UnicodeDecodeError.__str__: one byte is shown by value, a longer span by its range.
function formatDecodeError(bytes: Uint8Array, start: number, end: number, reason: string): string {
  if (end === start + 1) {
    const hex = (bytes[start] ?? 0).toString(16).padStart(2, '0');
    return `'utf-8' codec can't decode byte 0x${hex} in position ${start}: ${reason}`;
  }
  return `'utf-8' codec can't decode bytes in position ${start}-${end - 1}: ${reason}`;
}

/**
 * Describes why `bytes` is not valid UTF-8 exactly as Python's `str(UnicodeDecodeError)` does for
 * `bytes.decode('utf-8')`, e.g. `'utf-8' codec can't decode byte 0xe7 in position 0: unexpected end
 * of data`, or `'utf-8' codec can't decode bytes in position 2-3: invalid continuation byte`.
 *
 * Only the first error counts, as Python stops there. Overlong forms (C0, C1, E0 80–9F, F0 80–8F),
 * surrogates (ED A0–BF) and code points above U+10FFFF (F4 90–BF, F5–FF) are rejected the way
 * CPython rejects them: at the lead byte, or at the first continuation byte that cannot follow it.
 * A sequence cut short by the end of the input is "unexpected end of data" and spans to the end.
 *
 * @returns null when the bytes are valid UTF-8 (a U+FEFF byte order mark is valid: Python keeps it
 *   and the JSON step then rejects it).
 */
export function describeUtf8Error(bytes: Uint8Array): string | null {
  // Node's validator is native and fast; the walk below only runs on input that is already known bad.
  if (isUtf8(bytes)) return null;

  const length = bytes.length;
  let i = 0;
  while (i < length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const left = length - i;
    const b2 = bytes[i + 1] ?? 0;
    const b3 = bytes[i + 2] ?? 0;
    const b4 = bytes[i + 3] ?? 0;

    if (lead < 0xc2) {
      // 80–BF cannot start a sequence; C0 and C1 could only start overlong forms of ASCII.
      return formatDecodeError(bytes, i, i + 1, INVALID_START);
    }
    if (lead < 0xe0) {
      if (left < 2) return formatDecodeError(bytes, i, length, UNEXPECTED_END);
      if (!isContinuation(b2)) return formatDecodeError(bytes, i, i + 1, INVALID_CONTINUATION);
      i += 2;
      continue;
    }
    if (lead < 0xf0) {
      // E0 needs A0–BF next (else overlong); ED needs 80–9F next (else a surrogate).
      const badSecond = !isContinuation(b2) || (b2 < 0xa0 ? lead === 0xe0 : lead === 0xed);
      if (left < 3) {
        // CPython still inspects the bytes it has, so a bad second byte beats "end of data".
        if (left >= 2 && badSecond) return formatDecodeError(bytes, i, i + 1, INVALID_CONTINUATION);
        return formatDecodeError(bytes, i, length, UNEXPECTED_END);
      }
      if (badSecond) return formatDecodeError(bytes, i, i + 1, INVALID_CONTINUATION);
      if (!isContinuation(b3)) return formatDecodeError(bytes, i, i + 2, INVALID_CONTINUATION);
      i += 3;
      continue;
    }
    if (lead < 0xf5) {
      // F0 needs 90–BF next (else overlong); F4 needs 80–8F next (else above U+10FFFF).
      const badSecond = !isContinuation(b2) || (b2 < 0x90 ? lead === 0xf0 : lead === 0xf4);
      if (left < 4) {
        if (left >= 2 && badSecond) return formatDecodeError(bytes, i, i + 1, INVALID_CONTINUATION);
        if (left >= 3 && !isContinuation(b3)) {
          return formatDecodeError(bytes, i, i + 2, INVALID_CONTINUATION);
        }
        return formatDecodeError(bytes, i, length, UNEXPECTED_END);
      }
      if (badSecond) return formatDecodeError(bytes, i, i + 1, INVALID_CONTINUATION);
      if (!isContinuation(b3)) return formatDecodeError(bytes, i, i + 2, INVALID_CONTINUATION);
      if (!isContinuation(b4)) return formatDecodeError(bytes, i, i + 3, INVALID_CONTINUATION);
      i += 4;
      continue;
    }
    // F5–FF would encode beyond U+10FFFF (or are not UTF-8 at all).
    return formatDecodeError(bytes, i, i + 1, INVALID_START);
  }
  // isUtf8 and this walk agree on validity; reaching here would mean they do not.
  return null;
}
