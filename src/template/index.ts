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
export { renderCard, BLANK_FRONT_MESSAGE, missingClozeMessage, templateErrorHtml } from './render-card.js';
export type { CardRenderRequest, RenderedCard, RenderStatus } from './render-card.js';
export { renderTemplate, isClozeConditional } from './render.js';
export type { RenderContext } from './render.js';
export { cardFieldMap, nonEmptyKeys } from './special-fields.js';
export type { CardFieldsInput } from './special-fields.js';
export { applyFilters } from './filters.js';
export type { FilterContext } from './filters.js';
export { clozeFilter, clozeOnlyFilter, revealClozes, stripHtmlInsideMathJax } from './cloze-render.js';
export { occlusionDataAttributes, parseOcclusionShape } from './image-occlusion.js';
export type { OcclusionShape } from './image-occlusion.js';
export { extractAvTags } from './av-tags.js';
export type { AvTag, ExtractedAvTags } from './av-tags.js';
export { extractLatex, latexFilename } from './latex.js';
export type { ExtractedLatex } from './latex.js';
export { hintFilter, hintId } from './hint.js';
export { furiganaFilter, kanaFilter, kanjiFilter } from './furigana.js';
export { blake3 } from './blake3.js';
export { encodeAttribute, encodeMinimal } from './html-escape.js';
export { parseTemplateCached } from './template-cache.js';
