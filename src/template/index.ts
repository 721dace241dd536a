/**
 * Card template core: parsing Anki templates, deciding which cards a note gets, cloze numbers and
 * the legacy `req` cache. Pure code; no storage or HTTP.
 */
export type { CommentNode, ConditionalNode, ParsedTemplate, ReplacementNode, TemplateNode, TextNode } from './syntax-tree.js';
export { TemplateError } from './template-error.js';
export type { TemplateErrorKind } from './template-error.js';
export { tokenizeTemplate } from './tokenizer.js';
export type { TemplateToken } from './tokenizer.js';
export { parseTemplate, tryParseTemplate } from './parser.js';
export { fieldIsEmpty, nonEmptyFieldNames, renderingNonEmptyFields } from './field-emptiness.js';
export type { RenderingKeyOptions } from './field-emptiness.js';
export { rendersWithFields } from './renders-with-fields.js';
export type { RendersWithFieldsOptions } from './renders-with-fields.js';
export { parseClozes } from './cloze-parser.js';
export type { ClozeDeletionNode, ClozeNode, ClozeTextNode } from './cloze-parser.js';
export { clozeNumbersInFields, clozeNumbersInText, containsCloze } from './cloze-numbers.js';
export { clozeFieldNames, clozeFieldOrds, clozeReplacementFieldNames } from './cloze-fields.js';
export { MAX_CLOZE_CARD_ORD, clozeOrdsToGenerate, templatesToGenerate } from './card-generation.js';
export type { TemplatesToGenerateOptions } from './card-generation.js';
export { computeReq } from './legacy-req.js';
export type { LegacyReq, ReqKind } from './legacy-req.js';
