/**
 * Which tables a search reads (Anki's `RequiredTable`): each term needs the cards table, the
 * notes table, both, or either, and a query needs what its terms need together.
 */
import type { Node, SearchTerm } from './ast.js';

/** Which tables a search touches (Anki's `RequiredTable`). */
export type Table = 'notes' | 'cards' | 'both' | 'either';

/** The tables two parts of a query need together. */
export function combine(a: Table, b: Table): Table {
  if (a === 'both' || b === 'both') return 'both';
  if (a === 'either') return b;
  if (b === 'either') return a;
  return a === b ? a : 'both';
}

function termTable(term: SearchTerm): Table {
  switch (term.type) {
    case 'added':
    case 'introduced':
    case 'deck':
    case 'deckIds':
    case 'rated':
    case 'state':
    case 'flag':
    case 'cardIds':
    case 'property':
    case 'customData':
    case 'preset':
      return 'cards';
    case 'noteIds':
    case 'wholeCollection':
      return 'either';
    case 'template':
      return 'both';
    default:
      return 'notes';
  }
}

/** The tables a node of the syntax tree needs. */
export function nodeTable(node: Node): Table {
  switch (node.type) {
    case 'and':
    case 'or':
      return 'either';
    case 'not':
      return nodeTable(node.node);
    case 'group':
      return node.nodes.reduce<Table>((table, child) => combine(table, nodeTable(child)), 'either');
    case 'search':
      return termTable(node.term);
  }
}
