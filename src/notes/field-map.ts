/** A note's field as Anki-Connect reports it in notesInfo and cardsInfo. */
export interface FieldInfo {
  value: string;
  order: number;
}

/**
 * `{name: {value, order}}` for a note's fields, in field order. A field may be called
 * `__proto__`: it is defined as an ordinary key, since assigning it would set the prototype.
 */
export function fieldMap(names: readonly string[], values: readonly string[]): Record<string, FieldInfo> {
  const fields: Record<string, FieldInfo> = {};
  names.forEach((name, order) => {
    Object.defineProperty(fields, name, { value: { value: values[order] ?? '', order }, enumerable: true, writable: true, configurable: true });
  });
  return fields;
}
