import { fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  FieldConfigSchema,
  NotetypeConfigSchema,
  NotetypeConfig_Kind,
  TemplateConfigSchema,
  type FieldConfig,
  type NotetypeConfig,
  type TemplateConfig,
} from '../storage/proto/gen/anki_storage/notetypes_pb.js';

/** A field of a note type (one row of the `fields` table). */
export interface NotetypeField {
  ord: number;
  name: string;
  config: FieldConfig;
}

/** A card template of a note type (one row of the `templates` table). */
export interface NotetypeTemplate {
  ord: number;
  name: string;
  mtimeSecs: number;
  usn: number;
  config: TemplateConfig;
}

/** A note type ("model") with its fields and templates, as schema 18 stores it. */
export interface Notetype {
  id: number;
  name: string;
  mtimeSecs: number;
  usn: number;
  config: NotetypeConfig;
  fields: NotetypeField[];
  templates: NotetypeTemplate[];
}

export function isCloze(notetype: Notetype): boolean {
  return notetype.config.kind === NotetypeConfig_Kind.CLOZE;
}

export const encodeNotetypeConfig = (config: NotetypeConfig): Buffer =>
  Buffer.from(toBinary(NotetypeConfigSchema, config));
export const encodeFieldConfig = (config: FieldConfig): Buffer => Buffer.from(toBinary(FieldConfigSchema, config));
export const encodeTemplateConfig = (config: TemplateConfig): Buffer =>
  Buffer.from(toBinary(TemplateConfigSchema, config));

export const decodeNotetypeConfig = (blob: Uint8Array): NotetypeConfig => fromBinary(NotetypeConfigSchema, blob);
export const decodeFieldConfig = (blob: Uint8Array): FieldConfig => fromBinary(FieldConfigSchema, blob);
export const decodeTemplateConfig = (blob: Uint8Array): TemplateConfig => fromBinary(TemplateConfigSchema, blob);
