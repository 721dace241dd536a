import { Type } from '@sinclair/typebox';

/**
 * Shared parameter and result schemas. Ids are millisecond timestamps; they are bounded to the
 * integers JavaScript represents exactly so a huge number is refused, not silently rounded.
 */
export const Id = Type.Integer({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });
export const IdList = Type.Array(Id);
export const StringList = Type.Array(Type.String());
export const Nothing = Type.Null();
