// Property-based tests of the search parser and SQL writer (src/search/), and of searches run on
// a real collection, directly and over HTTP: random strings mixing Anki's search syntax either
// give SQL (that SQLite runs) or the project's SearchError, never another exception.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { findCards, findNotes } from '../../src/collection/search.js';
import { searchContext } from '../../src/collection/search-context.js';
import { buildSearchSql, parseSearch, SearchError } from '../../src/search/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { assertErrorEnvelope, nastyUnit, runs } from './support.js';

// Pieces of Anki search syntax, valid and broken, plus a few words that match the notes below.
const TOKENS: readonly string[] = [
  ' ', ' ', ' ', '"', '"', '(', ')', '-', 'or', 'OR', 'and', 'AND', ':', '::', '*', '_', '\\', '\\\\', '\\"', '\\*', '\\_',
  '\\:', '\\(', '\\)', '\\-', '\\s', '\\b', '%', "'", ',',
  'deck:', 'deck:Default', 'deck:Prop*', 'deck:"Prop::Sub"', 'deck:current', 'deck:filtered', 'tag:', 'tag:t1', 'tag:none', 'tag:pr*',
  'tag:re:', 're:', 'nc:', 'w:', 'field:', 'Front:', 'Back:', 'front:', 'Text:', 'fr*:', 'Front:re:', 'Back:nc:',
  'prop:', 'prop:ivl>3', 'prop:due=-1', 'prop:due<', 'prop:ease!=2.5', 'prop:pos<=2', 'prop:r<0.5', 'prop:s>1', 'prop:d>0.3',
  'prop:reps>=1', 'prop:lapses=0', 'prop:rated=0', 'prop:resched>-2', 'prop:cdn:x>1', 'prop:cds:x=y', 'prop:pos', 'prop:=',
  'is:', 'is:new', 'is:due', 'is:review', 'is:learn', 'is:suspended', 'is:buried', 'is:buried-manually', 'is:buried-sibling',
  'is:orphan', 'is:nope', 'flag:', 'flag:1', 'flag:0', 'flag:9', 'card:', 'card:1', 'card:2', 'card:Card 1', 'card:0',
  'note:', 'note:Basic', 'note:Cl*', 'mid:', 'mid:1', 'nid:', 'nid:1,2', 'nid:x', 'cid:', 'cid:1,', 'did:', 'did:1',
  'added:', 'added:1', 'added:0', 'added:-1', 'rated:', 'rated:2', 'rated:2:3', 'rated:1:9', 'edited:1', 'introduced:3',
  'resched:1', 'dupe:', 'dupe:1,x', 'preset:', 'preset:Default', 'has-cd:', 'has-cd:r', 'sort:', 'sfld:', 'sc:', 'ord:',
  're:(?i)', 're:[a-', 're:a|b', 're:(a|b)*', 're:\\p{L}', 're:\\d+', 're:^f', 're:$', 're:.{2,}', 're:(?P<n>x)', 're:[[:alpha:]]',
  're:\\x{1F600}', 're:\\', 're:(', 're:)', 're:[^]', 're:*', 're:a{300}',
  'front', 'one', 'alpha', 'a*b', 'f_', 'é', 'e\u0301', 'ﬁ', 'İ', '𝄞', '漢字', '\uD800', '\0',
];

// Terms of every kind that carry the text `zqxw`, which must never reach the SQL text itself.
const MARKED_TERMS =
  'zqxw "zq xw" zq*xw zq_xw Front:zqxw fr*:zqxw tag:zqxw deck:zqxw note:zqxw re:zqxw nc:zqxw w:zqxw card:zqxw ' +
  'prop:cds:zqxw=zqxw prop:cdn:zqxw>1 has-cd:zqxw dupe:1,zqxw preset:zqxw Front:re:zqxw Back:nc:zqxw';

const token = fc.oneof({ arbitrary: fc.constantFrom(...TOKENS), weight: 6 }, { arbitrary: nastyUnit, weight: 1 });
/** A random search: up to 16 tokens run together (spaces are tokens too). */
const query = fc.array(token, { maxLength: 16 }).map((parts) => parts.join(''));

/** Calls `fn`; returns its value, or undefined when it threw a SearchError; any other throw fails. */
function searchOrSearchError<T>(fn: () => T, context: string): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SearchError) {
      assert.match(err.message, /^Invalid search: /, context);
      return undefined;
    }
    assert.fail(`${context} threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)} instead of a SearchError`);
  }
}

function assertAscendingIds(ids: unknown, context: string): asserts ids is number[] {
  assert.ok(Array.isArray(ids), `${context}: a list`);
  ids.forEach((id: unknown, i) => {
    assert.ok(Number.isSafeInteger(id), `${context}: integer ids`);
    if (i > 0) assert.ok((id as number) > (ids[i - 1] as number), `${context}: ascending, without repeats`);
  });
}

let server: TestServer;

before(async () => {
  server = await startTestServer();
  assert.equal((await server.invoke('createDeck', { deck: 'Prop::Sub' })).error, null);
  const notes: [string, string, Record<string, string>, string[]][] = [
    ['Default', 'Basic', { Front: 'front one', Back: 'alpha' }, ['t1']],
    ['Prop::Sub', 'Basic (and reversed card)', { Front: 'Füße é', Back: 'e\u0301 𝄞' }, ['prop', 't1::child']],
    ['Prop', 'Cloze', { Text: '{{c1::one}} {{c2::漢字}}', 'Back Extra': 'ﬁ' }, []],
    ['Default', 'Basic', { Front: 'a_b%c*d', Back: '"quoted" \\ back' }, ['x']],
  ];
  for (const [deckName, modelName, fields, tags] of notes) {
    assert.equal((await server.invoke('addNote', { note: { deckName, modelName, fields, tags } })).error, null);
  }
  const cards = (await server.invoke('findCards', { query: '' })).result as number[];
  assert.equal((await server.invoke('suspend', { cards: cards.slice(0, 1) })).error, null);
  assert.equal((await server.invoke('setDueDate', { cards: cards.slice(1, 2), days: '3' })).error, null);
  assert.equal((await server.invoke('setSpecificValueOfCard', { card: cards[2], keys: ['flags'], newValues: ['1'] })).error, null);
});

after(() => server.stop());

describe('search properties', () => {
  test('the parser returns a syntax tree or throws a SearchError, nothing else', () => {
    fc.assert(
      fc.property(query, (q) => {
        const nodes = searchOrSearchError(() => parseSearch(q), `parseSearch(${JSON.stringify(q)})`);
        if (nodes !== undefined) assert.ok(Array.isArray(nodes) && nodes.length > 0, 'a non-empty tree');
      }),
      runs(3000),
    );
  });

  test('the SQL writer gives one bound value per placeholder, or a SearchError', () => {
    const ctx = searchContext(server.app.state.collection());
    fc.assert(
      fc.property(query, fc.constantFrom('cards' as const, 'notes' as const), (q, item) => {
        const context = `buildSearchSql(${JSON.stringify(q)}, ${item})`;
        const built = searchOrSearchError(() => buildSearchSql(q, item, ctx), context);
        const parsed = searchOrSearchError(() => parseSearch(q), context);
        if (built === undefined) return;
        assert.ok(parsed !== undefined, `${context}: SQL for a query the parser refuses`);
        assert.match(built.sql, /^select (distinct )?[cn]\.(n?id) from /, context);
        assert.equal(built.sql.split('?').length - 1, built.params.length, `${context}: one value per placeholder in ${built.sql}`);
        for (const param of built.params) assert.ok(['string', 'number', 'bigint'].includes(typeof param), context);
        // Values are bound, never written into the SQL text: a marker in every kind of term
        // appears only among the parameters.
        const marked = searchOrSearchError(() => buildSearchSql(`${q} ${MARKED_TERMS}`, item, ctx), context);
        if (marked !== undefined) assert.doesNotMatch(marked.sql, /zq.?xw/i, `${context}: search text written into the SQL`);
      }),
      runs(3000),
    );
  });

  test('searches run on the collection: ascending ids or a SearchError; findNotes = the notes of findCards', () => {
    const col = server.app.state.collection();
    fc.assert(
      fc.property(query, (q) => {
        const context = JSON.stringify(q);
        const notes = searchOrSearchError(() => findNotes(col, q), `findNotes(${context})`);
        const cards = searchOrSearchError(() => findCards(col, q), `findCards(${context})`);
        assert.equal(notes === undefined, cards === undefined, `findNotes and findCards agree on whether ${context} is valid`);
        if (notes === undefined || cards === undefined) return;
        assertAscendingIds(notes, `findNotes(${context})`);
        assertAscendingIds(cards, `findCards(${context})`);
        const nids = [...new Set(cards.map((id) => col.db.prepare<[number], number>('select nid from cards where id = ?').pluck().get(id)))];
        assert.deepEqual(nids.sort((a, b) => (a ?? 0) - (b ?? 0)), notes, `the notes of findCards(${context}) are findNotes(${context})`);
      }),
      runs(1500),
    );
  });

  test('findNotes and findCards over HTTP answer a list of ids or an error string', async () => {
    // The tests above hold the event loop for a while: let the server's keep-alive timer close
    // the idle connection first, so that the client does not reuse it as it closes (ECONNRESET).
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom('findNotes', 'findCards', 'notesInfo'), async (q, action) => {
        const reply = await server.post({ action, version: 6, params: { query: q } });
        assert.equal(reply.status, 200);
        const envelope = reply.json as { result: unknown; error: unknown };
        assert.deepEqual(Object.keys(envelope).sort(), ['error', 'result'], `${action} ${JSON.stringify(q)}: ${reply.text.slice(0, 200)}`);
        if (envelope.error === null) {
          if (action === 'notesInfo') assert.ok(Array.isArray(envelope.result), `${action} ${JSON.stringify(q)}`);
          else assertAscendingIds(envelope.result, `${action} ${JSON.stringify(q)}`);
        } else {
          assertErrorEnvelope(envelope, `${action} ${JSON.stringify(q)}`);
        }
      }),
      runs(500),
    );
    assert.equal((await server.post({ action: 'version' })).text, '6');
  });
});
