// Crash test: the real server, as a child process, under concurrent mixed writes, killed with
// SIGKILL at a random moment and restarted on the same folder, twenty times. After each kill:
// the `check` command passes on the files as the kill left them (the write-ahead log unread by
// anyone), the collection opens, the integrity checker finds nothing, every write whose reply
// arrived with `error: null` is there, and no note or card id was ever handed out twice.
//
// The moments and the operations come from a seeded generator (ACS_CRASH_SEED overrides the
// seed), so a failing run can be repeated with the same plan; the interleaving of the clients
// still depends on the machine.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCollection } from '../src/collection/open.js';
import { runCheckCommand } from '../src/cli/check-command.js';
import { checkIntegrity } from '../src/dbcheck/check.js';
import { RESERVED_PREFIX } from '../src/media/folder.js';
import { tempDir } from './support/collections.js';
import { seededRandom } from './support/rng.js';

const MAIN = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const ROUNDS = 20;
const CLIENTS = 4;
const SEED = Number(process.env.ACS_CRASH_SEED ?? 20261127);

interface Server {
  child: ChildProcessWithoutNullStreams;
  port: number;
  exited: Promise<void>;
}

function startServer(base: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--base', base, '--port', '0', '--bind', '127.0.0.1']);
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 30_000);
    child.stdout.on('data', () => {
      const match = /serving Anki-Connect API v6 on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), exited });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before serving:\n${output}`));
    });
  });
}

interface Envelope {
  result: unknown;
  error: string | null;
}

/** One action; rejects when the connection fails (the server was killed), resolves with the envelope otherwise. */
function invoke(agent: Agent, port: number, action: string, params: Record<string, unknown>): Promise<Envelope> {
  const body = Buffer.from(JSON.stringify({ action, version: 6, params }));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'Content-Length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope);
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${action}: no reply in 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

interface Fields {
  Front: string;
  Back: string;
}

/** What the replies said about one note, owned (and only ever written) by one client. */
interface NoteModel {
  id: number;
  owner: number;
  fields: Fields;
  tags: Set<string>;
  deck: string;
  deleted: boolean;
  /** Its cards, once a notesInfo reply listed them. */
  cards?: number[];
}

/** A write whose reply did not arrive: it may or may not have happened. */
type Pending =
  | { kind: 'fields'; nid: number; fields: Fields }
  | { kind: 'delete'; nids: number[] }
  | { kind: 'deck'; nid: number; deck: string }
  | { kind: 'answer'; cids: number[] }
  | { kind: 'add'; fronts: string[] }
  | { kind: 'other' };

/** Everything acknowledged over the whole run. */
class Model {
  readonly notes = new Map<number, NoteModel>();
  /** Every note id ever acknowledged or seen in the file (live or in a grave). */
  readonly noteIds = new Set<number>();
  /** Every card id ever seen, with the note it belonged to. */
  readonly cardOwner = new Map<number, number>();
  /** Decks acknowledged by createDeck (or created by an acknowledged changeDeck), name to id when known. */
  readonly decks = new Map<string, number | undefined>([['Default', 1]]);
  readonly media = new Map<string, Buffer>();
  /** Review ids acknowledged by insertReviews, with their card. */
  readonly reviews = new Map<number, number>();
  /** Every review id sent to insertReviews, acknowledged or not. */
  readonly sentReviews = new Set<number>();
  /** answerCards replies per card: how many reviews each acknowledged. */
  readonly answers = new Map<number, number>();
  readonly pending: (Pending | undefined)[] = [];
  acknowledged = 0;
  /** Writes in flight at a kill, and how many of them turned out to have been committed. */
  inFlight = 0;
  landed = 0;
  nextReviewId = Date.now() - 30 * 86_400_000;

  noteAdded(note: NoteModel, what: string): void {
    assert.ok(!this.noteIds.has(note.id), `${what}: note id ${note.id} was handed out before`);
    this.noteIds.add(note.id);
    this.notes.set(note.id, note);
  }

  cardsSeen(nid: number, cids: number[]): void {
    for (const cid of cids) {
      const owner = this.cardOwner.get(cid);
      assert.ok(owner === undefined || owner === nid, `card id ${cid} of note ${nid} was handed out before, to note ${owner}`);
      this.cardOwner.set(cid, nid);
    }
  }

  liveNotesOf(owner: number): NoteModel[] {
    return [...this.notes.values()].filter((note) => note.owner === owner && !note.deleted);
  }
}

interface RoundState {
  stopped: boolean;
  /** The last moments before some kills: only deletions of the newest notes, whose ids a restart must not hand out again. */
  deletingNewest: boolean;
}

/** One client: sequential requests, each chosen by its own generator, until the server is gone. */
async function runClient(model: Model, client: number, round: number, port: number, agent: Agent, stop: RoundState): Promise<void> {
  const random = seededRandom(SEED * 1000 + round * 10 + client);
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  let counter = 0;
  const unique = () => `r${round}c${client}n${counter++}`;
  const call = async (action: string, params: Record<string, unknown>, pending: Pending): Promise<Envelope> => {
    model.pending[client] = pending;
    const reply = await invoke(agent, port, action, params);
    model.pending[client] = undefined;
    if (reply.error === null) model.acknowledged++;
    return reply;
  };
  const ok = (reply: Envelope, action: string): unknown => {
    assert.equal(reply.error, null, `${action} failed: ${String(reply.error)}`);
    return reply.result;
  };
  const deckNames = () => [...model.decks.keys()];
  const newNote = () => {
    const tag = `crash_${client}`;
    return {
      fields: { Front: `front ${unique()}`, Back: `back ${unique()}` },
      tags: [tag],
      deckName: pick(deckNames()) ?? 'Default',
      modelName: random() < 0.5 ? 'Basic' : 'Basic (and reversed card)',
    };
  };
  const learnCards = async (note: NoteModel): Promise<number[]> => {
    if (note.cards !== undefined) return note.cards;
    const info = ok(await call('notesInfo', { notes: [note.id] }, { kind: 'other' }), 'notesInfo') as { cards: number[] }[];
    const cards = info[0]?.cards;
    assert.ok(cards !== undefined && cards.length > 0, `notesInfo gave no cards for note ${note.id}`);
    model.cardsSeen(note.id, cards);
    note.cards = cards;
    return cards;
  };

  try {
    while (!stop.stopped) {
      const choice = random();
      const mine = model.liveNotesOf(client);
      const target = pick(mine);
      const newest = mine.at(-1);
      if (stop.deletingNewest && newest !== undefined) {
        ok(await call('deleteNotes', { notes: [newest.id] }, { kind: 'delete', nids: [newest.id] }), 'deleteNotes');
        newest.deleted = true;
      } else if (choice < 0.18 || target === undefined) {
        const notes = Array.from({ length: 5 + Math.floor(random() * 20) }, newNote);
        const pending: Pending = { kind: 'add', fronts: notes.map((note) => note.fields.Front) };
        const ids = ok(await call('addNotes', { notes }, pending), 'addNotes') as (number | null)[];
        ids.forEach((id, i) => {
          const note = notes[i];
          assert.ok(id !== null && note !== undefined, `addNotes refused note ${i}`);
          model.noteAdded({ id, owner: client, fields: note.fields, tags: new Set(note.tags), deck: note.deckName, deleted: false }, 'addNotes');
        });
      } else if (choice < 0.28) {
        const note = newNote();
        const id = ok(await call('addNote', { note }, { kind: 'add', fronts: [note.fields.Front] }), 'addNote') as number;
        model.noteAdded({ id, owner: client, fields: note.fields, tags: new Set(note.tags), deck: note.deckName, deleted: false }, 'addNote');
      } else if (choice < 0.43) {
        const fields = { Front: `front ${unique()}`, Back: `edited ${unique()}` };
        ok(await call('updateNoteFields', { note: { id: target.id, fields } }, { kind: 'fields', nid: target.id, fields }), 'updateNoteFields');
        target.fields = fields;
      } else if (choice < 0.5) {
        const victims = [target, ...mine.filter(() => random() < 0.02)];
        const nids = [...new Set(victims.map((note) => note.id))];
        ok(await call('deleteNotes', { notes: nids }, { kind: 'delete', nids }), 'deleteNotes');
        for (const nid of nids) {
          const note = model.notes.get(nid);
          if (note !== undefined) note.deleted = true;
        }
      } else if (choice < 0.56) {
        const name = `Crash::c${client}::${unique()}`;
        const id = ok(await call('createDeck', { deck: name }, { kind: 'other' }), 'createDeck') as number;
        model.decks.set(name, id);
      } else if (choice < 0.64) {
        const cards = await learnCards(target);
        const deck = random() < 0.5 ? (pick(deckNames()) ?? 'Default') : `Crash::moved::${unique()}`;
        ok(await call('changeDeck', { cards, deck }, { kind: 'deck', nid: target.id, deck }), 'changeDeck');
        target.deck = deck;
        if (!model.decks.has(deck)) model.decks.set(deck, undefined);
      } else if (choice < 0.72) {
        const tag = `crash_tag_${unique()}`;
        const notes = [target, ...mine.filter(() => random() < 0.05)];
        ok(await call('addTags', { notes: notes.map((note) => note.id), tags: tag }, { kind: 'other' }), 'addTags');
        for (const note of notes) note.tags.add(tag);
      } else if (choice < 0.82) {
        const filename = `crash_${unique()}.bin`;
        const bytes = Buffer.from(Array.from({ length: 16 + Math.floor(random() * 500) }, () => Math.floor(random() * 256)));
        const stored = ok(await call('storeMediaFile', { filename, data: bytes.toString('base64') }, { kind: 'other' }), 'storeMediaFile');
        assert.equal(stored, filename);
        model.media.set(filename, bytes);
      } else if (choice < 0.92) {
        const cards = await learnCards(target);
        const answers = cards.map((cardId) => ({ cardId, ease: 1 + Math.floor(random() * 4), time: 1000 + Math.floor(random() * 5000) }));
        const result = ok(await call('answerCards', { answers }, { kind: 'answer', cids: cards }), 'answerCards') as boolean[];
        assert.deepEqual(result, cards.map(() => true));
        for (const cid of cards) model.answers.set(cid, (model.answers.get(cid) ?? 0) + 1);
      } else {
        const cards = await learnCards(target);
        const rows = cards.map((cid) => {
          const id = model.nextReviewId++;
          model.sentReviews.add(id);
          return [id, cid, -1, 3, 5, 1, 2500, 4000, 1];
        });
        ok(await call('insertReviews', { reviews: rows }, { kind: 'other' }), 'insertReviews');
        for (const row of rows) model.reviews.set(row[0] ?? 0, row[1] ?? 0);
      }
    }
  } catch (err) {
    // A failed connection is the kill; anything else is a finding.
    if (!stop.stopped || err instanceof assert.AssertionError) throw err;
  }
}

interface NoteRow {
  id: number;
  flds: string;
  tags: string;
}

/** Checks the files the kill left, then everything the replies acknowledged; adopts what in-flight writes did. */
function verify(model: Model, base: string, round: number): void {
  const path = join(base, 'User 1', 'collection.anki2');
  // The files as the kill left them, log included. The command runs in this process every round
  // and as its own process every fourth round and the last (a process start costs a second).
  let out = '';
  let err = '';
  const status = runCheckCommand(path, { out: (text) => (out += text), err: (text) => (err += text) });
  assert.equal(status, 0, `round ${round}: check returned ${status}:\n${out}${err}`);
  assert.equal(out, 'ok\n');
  if (round % 4 === 3 || round === ROUNDS - 1) {
    const checked = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'check', path], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(checked.status, 0, `round ${round}: check exited with ${String(checked.status)}:\n${checked.stdout}${checked.stderr}`);
    assert.equal(checked.stdout, 'ok\n');
  }

  const col = openCollection(path, { log: () => undefined });
  try {
    assert.deepEqual(checkIntegrity(col), [], `round ${round}: the integrity checker`);
    const rows = new Map((col.db.prepare('select id, flds, tags from notes').all() as NoteRow[]).map((row) => [row.id, row]));
    const cards = col.db.prepare('select id, nid, did from cards').all() as { id: number; nid: number; did: number }[];
    const graves = col.db.prepare('select oid, type from graves').all() as { oid: number; type: number }[];
    const deckNames = new Map(col.decks.namesAndIds().map((deck) => [deck.id, deck.name]));
    const deckIds = new Map(col.decks.namesAndIds().map((deck) => [deck.name, deck.id]));
    const pending = model.pending.filter((p): p is Pending => p !== undefined);
    const maybeFields = new Map<number, Fields>();
    const maybeDeleted = new Set<number>();
    const maybeDeck = new Map<number, string>();
    const maybeAnswered = new Set<number>();
    const fronts = new Set([...rows.values()].map((row) => row.flds.split('\x1f')[0]));
    for (const p of pending) {
      model.inFlight++;
      if (
        (p.kind === 'add' && p.fronts.some((front) => fronts.has(front))) ||
        (p.kind === 'fields' && rows.get(p.nid)?.flds === `${p.fields.Front}\x1f${p.fields.Back}`) ||
        (p.kind === 'delete' && p.nids.some((nid) => !rows.has(nid)))
      ) {
        model.landed++;
      }
      if (p.kind === 'fields') maybeFields.set(p.nid, p.fields);
      if (p.kind === 'delete') for (const nid of p.nids) maybeDeleted.add(nid);
      if (p.kind === 'deck') maybeDeck.set(p.nid, p.deck);
      if (p.kind === 'answer') for (const cid of p.cids) maybeAnswered.add(cid);
    }
    const cardsOf = new Map<number, { id: number; did: number }[]>();
    for (const card of cards) {
      const list = cardsOf.get(card.nid) ?? [];
      list.push(card);
      cardsOf.set(card.nid, list);
    }

    for (const note of model.notes.values()) {
      const row = rows.get(note.id);
      if (note.deleted) {
        assert.equal(row, undefined, `round ${round}: note ${note.id}, deleted with an acknowledgement, is back`);
        continue;
      }
      if (row === undefined) {
        assert.ok(maybeDeleted.has(note.id), `round ${round}: acknowledged note ${note.id} (${note.fields.Front}) is lost`);
        note.deleted = true;
        continue;
      }
      const [front, back] = row.flds.split('\x1f');
      const actual = { Front: front ?? '', Back: back ?? '' };
      const possible = [note.fields, maybeFields.get(note.id)].filter((fields) => fields !== undefined);
      assert.ok(
        possible.some((fields) => fields.Front === actual.Front && fields.Back === actual.Back),
        `round ${round}: note ${note.id} has ${JSON.stringify(actual)}, acknowledged ${JSON.stringify(note.fields)}`,
      );
      note.fields = actual;
      const tags = new Set(row.tags.trim().split(' '));
      for (const tag of note.tags) assert.ok(tags.has(tag), `round ${round}: note ${note.id} lost its acknowledged tag ${tag}`);
      const noteCards = cardsOf.get(note.id) ?? [];
      if (note.cards !== undefined) {
        assert.deepEqual(noteCards.map((card) => card.id).sort(), [...note.cards].sort(), `round ${round}: the cards of note ${note.id}`);
      }
      const decks = new Set(noteCards.map((card) => deckNames.get(card.did)));
      const expected = [note.deck, maybeDeck.get(note.id)].filter((deck) => deck !== undefined);
      assert.ok(decks.size === 1 && expected.some((deck) => decks.has(deck)), `round ${round}: the cards of note ${note.id} are in ${[...decks].join(', ')}, acknowledged ${note.deck}`);
      note.deck = [...decks][0] ?? note.deck;
    }

    for (const [name, id] of model.decks) {
      const actual = deckIds.get(name);
      assert.ok(actual !== undefined, `round ${round}: acknowledged deck ${name} is lost`);
      if (id !== undefined) assert.equal(actual, id, `round ${round}: deck ${name} changed id`);
      model.decks.set(name, actual);
    }

    const mediaDir = join(base, 'User 1', 'collection.media');
    for (const [name, bytes] of model.media) {
      let stored: Buffer | undefined;
      try {
        stored = readFileSync(join(mediaDir, name));
      } catch {
        stored = undefined;
      }
      assert.ok(stored?.equals(bytes), `round ${round}: acknowledged media file ${name} is lost or different`);
    }

    const revlog = col.db.prepare('select id, cid from revlog').all() as { id: number; cid: number }[];
    const revlogIds = new Map(revlog.map((row) => [row.id, row.cid]));
    for (const [id, cid] of model.reviews) assert.equal(revlogIds.get(id), cid, `round ${round}: acknowledged review ${id} is lost`);
    const answered = new Map<number, number>();
    for (const row of revlog) if (!model.sentReviews.has(row.id)) answered.set(row.cid, (answered.get(row.cid) ?? 0) + 1);
    for (const [cid, count] of model.answers) {
      const actual = answered.get(cid) ?? 0;
      const allowed = maybeAnswered.has(cid) ? [count, count + 1] : [count];
      assert.ok(allowed.includes(actual), `round ${round}: card ${cid} has ${actual} answers, ${count} acknowledged`);
      model.answers.set(cid, actual);
    }
    for (const cid of maybeAnswered) {
      if (!model.answers.has(cid) && (answered.get(cid) ?? 0) > 0) model.answers.set(cid, answered.get(cid) ?? 0);
    }

    // Ids: a live id is never also a deleted one, and every id the file holds joins the ids
    // that may never be handed out again.
    const deletedNotes = new Set(graves.filter((grave) => grave.type === 1).map((grave) => grave.oid));
    const deletedCards = new Set(graves.filter((grave) => grave.type === 0).map((grave) => grave.oid));
    for (const id of rows.keys()) assert.ok(!deletedNotes.has(id), `round ${round}: note id ${id} is live and in a grave: reused`);
    for (const card of cards) assert.ok(!deletedCards.has(card.id), `round ${round}: card id ${card.id} is live and in a grave: reused`);
    for (const id of [...rows.keys(), ...deletedNotes]) model.noteIds.add(id);
    for (const card of cards) model.cardsSeen(card.nid, [card.id]);
    for (const id of deletedCards) if (!model.cardOwner.has(id)) model.cardOwner.set(id, -1);
  } finally {
    col.close();
  }
  model.pending.length = 0;
}

test(`crash: ${ROUNDS} rounds of concurrent writes, SIGKILL and restart lose no acknowledged write (seed ${SEED})`, { timeout: 240_000 }, async () => {
  const { dir: base, remove } = tempDir('acs-crash-');
  const model = new Model();
  const plan = seededRandom(SEED);
  const timings: string[] = [];
  let server: Server | undefined;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const started = Date.now();
      server = await startServer(base);
      const { port } = server;
      const agent = new Agent({ keepAlive: true });
      // The restarted server answers from the file as verified.
      const sample = [...model.notes.values()].filter((note) => !note.deleted).slice(-5);
      if (sample.length > 0) {
        const reply = await invoke(agent, port, 'notesInfo', { notes: sample.map((note) => note.id) });
        assert.equal(reply.error, null);
        assert.deepEqual(
          (reply.result as { fields: Record<string, { value: string }> }[]).map((info) => [info.fields.Front?.value, info.fields.Back?.value]),
          sample.map((note) => [note.fields.Front, note.fields.Back]),
        );
      }
      const up = Date.now();
      const stop: RoundState = { stopped: false, deletingNewest: false };
      const clients = Array.from({ length: CLIENTS }, (_, client) => runClient(model, client, round, port, agent, stop));
      const delay = 500 + Math.floor(plan() * 1000);
      // Every other round on average, the last 200 ms delete the newest notes.
      const newestFirst = plan() < 0.5;
      const phase = setTimeout(() => (stop.deletingNewest = newestFirst), delay - 200);
      const failed = await Promise.race([
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), delay)),
        Promise.all(clients).then(
          () => new Error('the clients stopped before the kill'),
          (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
        ),
      ]);
      stop.stopped = true;
      clearTimeout(phase);
      server.child.kill('SIGKILL');
      await server.exited;
      server = undefined;
      if (failed !== undefined) throw failed;
      await Promise.all(clients);
      agent.destroy();
      const killed = Date.now();
      verify(model, base, round);
      timings.push(`round ${round}: start ${up - started} ms, load ${killed - up} ms, verify ${Date.now() - killed} ms`);
    }
    const live = [...model.notes.values()].filter((note) => !note.deleted).length;
    // Media writes killed half-way leave their temporary file (hidden from the API), never a partial media file.
    const leftovers = readdirSync(join(base, 'User 1', 'collection.media')).filter((name) => name.startsWith(RESERVED_PREFIX)).length;
    process.stdout.write(
      `# ${timings.join('\n# ')}\n# ${model.acknowledged} acknowledged requests, ${model.notes.size} notes (${live} live), ` +
        `${model.media.size} media files, ${model.reviews.size} inserted reviews, ${model.decks.size} decks; ` +
        `${model.inFlight} writes in flight at the kills, ${model.landed} of them known to have been committed; ` +
        `${leftovers} temporary media files left by the kills\n`,
    );
    assert.ok(model.notes.size > ROUNDS * 10, 'the load added notes');
  } finally {
    if (server !== undefined) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    remove();
  }
});
