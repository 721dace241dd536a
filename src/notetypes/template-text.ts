/**
 * Field references inside card templates, as Anki rewrites them when fields are renamed or
 * removed (rslib `template.rs` rename_and_remove_fields, template_to_string, and
 * `notetype/mod.rs` update_templates_for_renamed_and_removed_fields).
 */
import { tryParseTemplate, type ParsedTemplate, type TemplateNode } from '../template/index.js';

/** Old field name → new name, or null when the field was removed. Names match exactly. */
export type FieldRenames = ReadonlyMap<string, string | null>;

/**
 * Writes a parsed template back as text, as Anki does: handlebars are written `{{…}}` with no
 * inner whitespace and filters as written (outermost first), comments as `<!--…-->`. Legacy
 * `<% %>` delimiters come back as `{{ }}`.
 */
export function templateToString(template: ParsedTemplate): string {
  let out = '';
  const write = (nodes: readonly TemplateNode[]): void => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          out += node.text;
          break;
        case 'comment':
          out += `<!--${node.text}-->`;
          break;
        case 'replacement':
          out += `{{${[...node.filters].reverse().concat(node.fieldName).join(':')}}}`;
          break;
        case 'conditional':
          out += `{{${node.negated ? '^' : '#'}${node.key}}}`;
          write(node.children);
          out += `{{/${node.key}}}`;
          break;
      }
    }
  };
  write(template.nodes);
  return out;
}

/**
 * The template with references to renamed fields pointing at the new name, and references to
 * removed fields dropped: a removed field's replacement disappears, its conditional section is
 * replaced by the section's contents.
 */
export function renameAndRemoveFields(template: ParsedTemplate, renames: FieldRenames): ParsedTemplate {
  const rewrite = (nodes: readonly TemplateNode[]): TemplateNode[] => {
    const out: TemplateNode[] = [];
    for (const node of nodes) {
      if (node.type === 'replacement') {
        const target = renames.get(node.fieldName);
        if (target === undefined) out.push(node);
        else if (target !== null) out.push({ ...node, fieldName: target });
      } else if (node.type === 'conditional') {
        const children = rewrite(node.children);
        const target = renames.get(node.key);
        if (target === undefined) out.push({ ...node, children });
        else if (target === null) out.push(...children);
        else out.push({ ...node, key: target, children });
      } else {
        out.push(node);
      }
    }
    return out;
  };
  return { nodes: rewrite(template.nodes) };
}

/** True if the template has a `{{…}}` replacement anywhere (conditionals do not count). */
export function containsFieldReplacement(template: ParsedTemplate): boolean {
  const search = (nodes: readonly TemplateNode[]): boolean =>
    nodes.some((node) => node.type === 'replacement' || (node.type === 'conditional' && search(node.children)));
  return search(template.nodes);
}

/** True if a top-level replacement uses the `cloze` filter (Anki looks at the top level only). */
export function containsClozeReplacement(template: ParsedTemplate): boolean {
  return template.nodes.some((node) => node.type === 'replacement' && node.filters.includes('cloze'));
}

/** `cN` conditionals test a cloze number, not a field. */
const CLOZE_CONDITIONAL = /^c\d+$/;

/**
 * The names a template refers to, as Anki's all_referenced_field_names: every replacement's field
 * name (special fields such as FrontSide included) and every conditional's key except `cN`.
 */
export function referencedFieldNames(template: ParsedTemplate): Set<string> {
  const names = new Set<string>();
  const visit = (nodes: readonly TemplateNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'replacement') names.add(node.fieldName);
      else if (node.type === 'conditional') {
        if (!CLOZE_CONDITIONAL.test(node.key)) names.add(node.key);
        visit(node.children);
      }
    }
  };
  visit(template.nodes);
  return names;
}

/** Field names used with the `cloze` filter anywhere in the template. */
export function referencedClozeFieldNames(template: ParsedTemplate): Set<string> {
  const names = new Set<string>();
  const visit = (nodes: readonly TemplateNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'replacement' && node.filters.includes('cloze')) names.add(node.fieldName);
      else if (node.type === 'conditional') visit(node.children);
    }
  };
  visit(template.nodes);
  return names;
}

/** How one side of a template is rewritten after fields were renamed or removed. */
export interface RewriteOptions {
  /** The question side needs a field replacement; the answer side of a cloze note type a cloze one. */
  side: 'question' | 'answer';
  cloze: boolean;
  /** The note type's first field after the change, used when the side is left without one. */
  firstField: string;
}

/**
 * Rewrites one side of a template for renamed and removed fields, as Anki does when it saves a
 * note type: references follow the renames, removed fields disappear, and a question left
 * without any replacement (or a cloze side without a cloze replacement) gets one for the first
 * field. The whole template is written back in Anki's canonical form. A template that does not
 * parse is returned unchanged.
 */
export function rewriteTemplateFields(text: string, renames: FieldRenames, options: RewriteOptions): string {
  const parsed = tryParseTemplate(text);
  if (parsed === null) return text;
  const rewritten = renameAndRemoveFields(parsed, renames);
  const needsField =
    options.side === 'question'
      ? !containsFieldReplacement(rewritten) || (options.cloze && !containsClozeReplacement(rewritten))
      : options.cloze && !containsClozeReplacement(rewritten);
  const nodes = needsField
    ? [...rewritten.nodes, { type: 'replacement' as const, fieldName: options.firstField, filters: options.cloze ? ['cloze'] : [] }]
    : rewritten.nodes;
  return templateToString({ nodes });
}
