/**
 * One field of a protobuf config blob (note type, field, template, deck common, preset) rewritten
 * in place at the wire level: every other byte of the blob stays as it was, so a comparison that
 * adjusts one field still sees any other difference.
 */

/** The `other` field of every config message: JSON of the legacy keys Anki does not know. */
export const OTHER_FIELD = 255;
/** The `id` of a field's config (FieldConfig) and of a template's (TemplateConfig). */
export const FIELD_CONFIG_ID = 9;
export const TEMPLATE_CONFIG_ID = 8;

interface WireField {
  field: number;
  wireType: number;
  /** Where the tag starts and ends, where the value starts (after the length of a length-delimited one), where it ends. */
  start: number;
  tagEnd: number;
  valueStart: number;
  end: number;
}

function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  let i = start;
  for (;;) {
    const byte = bytes[i];
    if (byte === undefined) throw new Error('truncated varint in a protobuf blob');
    i++;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return { value, next: i };
  }
}

function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

function wireFields(blob: Uint8Array): WireField[] {
  const out: WireField[] = [];
  for (let i = 0; i < blob.length; ) {
    const start = i;
    const tag = readVarint(blob, i);
    const wireType = tag.value % 8;
    let valueStart = tag.next;
    let end: number;
    switch (wireType) {
      case 0:
        end = readVarint(blob, valueStart).next;
        break;
      case 1:
        end = valueStart + 8;
        break;
      case 2: {
        const length = readVarint(blob, valueStart);
        valueStart = length.next;
        end = length.next + length.value;
        break;
      }
      case 5:
        end = valueStart + 4;
        break;
      default:
        throw new Error(`unexpected wire type ${wireType} in a protobuf blob`);
    }
    if (end > blob.length) throw new Error('truncated protobuf blob');
    out.push({ field: Math.floor(tag.value / 8), wireType, start, tagEnd: tag.next, valueStart, end });
    i = end;
  }
  return out;
}

/** `blob` with each length-delimited `field` (as UTF-8 text) replaced by `rewrite(text)`. */
export function rewriteTextField(blob: Uint8Array, field: number, rewrite: (text: string) => string): Uint8Array {
  const out: number[] = [];
  for (const part of wireFields(blob)) {
    if (part.field !== field || part.wireType !== 2) {
      out.push(...blob.subarray(part.start, part.end));
      continue;
    }
    const text = Buffer.from(rewrite(Buffer.from(blob.subarray(part.valueStart, part.end)).toString('utf8')), 'utf8');
    out.push(...blob.subarray(part.start, part.tagEnd), ...varint(text.length), ...text);
  }
  return Uint8Array.from(out);
}

/** `blob` with the varint `field`, where present, set to `value` (a small non-negative number). */
export function withVarintField(blob: Uint8Array, field: number, value: number): Uint8Array {
  const out: number[] = [];
  for (const part of wireFields(blob)) {
    if (part.field === field && part.wireType === 0) out.push(...blob.subarray(part.start, part.tagEnd), ...varint(value));
    else out.push(...blob.subarray(part.start, part.end));
  }
  return Uint8Array.from(out);
}
