/**
 * Whether a query can only be quick: a conjunction narrowed by an id index (`nid:`, `cid:`,
 * `dupe:` through the checksum index, `added:` through the id order), with no `or` and no
 * negation that could widen it to the whole collection. The server answers such a query on its
 * main thread, where it takes a fraction of a millisecond, and sends every other search (which
 * may read every note's text) to a reader thread, so that it never holds the other clients up.
 * A query that does not parse is quick too: it fails at once.
 */
import type { Node } from './ast.js';
import { SearchError } from './errors.js';
import { parseSearch } from './parser.js';

const NARROWING = new Set(['noteIds', 'cardIds', 'dupe', 'added']);

function conjunction(nodes: readonly Node[]): Node[] | undefined {
  const terms: Node[] = [];
  for (const node of nodes) {
    if (node.type === 'or' || node.type === 'not') return undefined;
    if (node.type === 'group') {
      const inner = conjunction(node.nodes);
      if (inner === undefined) return undefined;
      terms.push(...inner);
    } else if (node.type === 'search') terms.push(node);
  }
  return terms;
}

export function isQuickSearch(query: string): boolean {
  let nodes: Node[];
  try {
    nodes = parseSearch(query);
  } catch (err) {
    if (err instanceof SearchError) return true;
    throw err;
  }
  const terms = conjunction(nodes);
  return terms !== undefined && terms.some((node) => node.type === 'search' && NARROWING.has(node.term.type));
}
