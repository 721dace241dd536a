/**
 * `npm run bench [-- --quick] [-- --only=a,b,c]` (a to j): measures the server against floors taken in the same run and
 * prints one table. It only measures and reports: a missed target prints FAIL, and the exit
 * code is non-zero only when something crashed.
 */
import { cachedCollection } from './cache.js';
import { deckNames } from './content.js';
import { LoadGenerator } from './loadgen-client.js';
import { describeMachine } from './machine.js';
import { answerSizes, measureAnswers } from './measure-answer.js';
import { measureAddNotes } from './measure-add.js';
import { measurePackages, packagesSizes } from './measure-packages.js';
import { measureCanAdd } from './measure-canadd.js';
import { measureCardsInfo } from './measure-cardsinfo.js';
import { editsSizes, measureEdits } from './measure-edits.js';
import { loadSizes, measureLoad } from './measure-load.js';
import { measureSearch } from './measure-search.js';
import { measureSync, syncSizes } from './measure-sync.js';
import { measureVersion, type Measured } from './measure-version.js';
import { renderTable, type Row } from './report.js';
import { sizesFor } from './sizes.js';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  // `--only b` (or `a,c`) runs a subset, e.g. under --cpu-prof to look at one measurement.
  const onlyArg = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const only = new Set((onlyArg ?? 'a,b,c,d,e,f,g,h,i,j').split(','));
  const sizes = sizesFor(quick);
  const started = performance.now();
  console.log(`anki-connect-server benchmark${quick ? ' (--quick: smoke-run sizes, figures not comparable)' : ''}`);
  for (const line of describeMachine()) console.log(line);
  console.log(`sizes    ${sizes.describe}`);

  const cached = cachedCollection(sizes.collection);
  console.log(
    cached.generated === undefined
      ? `data     cached collection ${cached.path}`
      : `data     generated ${cached.path} in ${(cached.generated.ms / 1000).toFixed(1)} s: ${cached.generated.notes} notes, ` +
          `${cached.generated.cards} cards, ${cached.generated.tags} tags, ${cached.generated.decks} decks`,
  );
  const deckName = deckNames(sizes.collection.decks)[0] ?? 'Default';

  const loadgen = LoadGenerator.start();
  const results: Measured[] = [];
  try {
    if (only.has('a')) {
      console.log('running  a. version throughput …');
      results.push(await measureVersion(loadgen, sizes.version));
    }
    if (only.has('b')) {
      console.log('running  b. addNotes …');
      results.push(await measureAddNotes(loadgen, { ...sizes.add, collection: cached.path, deckName, seed: sizes.collection.seed }));
    }
    if (only.has('c')) {
      console.log('running  c. canAddNotesWithErrorDetail …');
      results.push(await measureCanAdd(loadgen, { ...sizes.canAdd, collection: cached.path, deckName, seed: sizes.collection.seed }));
    }
    if (only.has('d')) {
      console.log('running  d. cardsInfo …');
      results.push(await measureCardsInfo(loadgen, { ...sizes.cardsInfo, collection: cached.path, seed: sizes.collection.seed }));
    }
    if (only.has('e')) {
      console.log('running  e. note, card and tag edits …');
      results.push(await measureEdits(loadgen, { ...editsSizes(quick), collection: cached.path, seed: sizes.collection.seed }));
    }
    if (only.has('f')) {
      console.log('running  f. search …');
      results.push(await measureSearch(loadgen, { collection: cached.path, ...sizes.search, seed: sizes.collection.seed }));
    }
    if (only.has('g')) {
      console.log('running  g. answerCards …');
      results.push(await measureAnswers(loadgen, { ...answerSizes(quick), collection: cached.path, seed: sizes.collection.seed }));
    }
    if (only.has('h')) {
      console.log('running  h. exportPackage and importPackage …');
      results.push(measurePackages({ ...packagesSizes(quick), seed: sizes.collection.seed }));
    }
    if (only.has('i')) {
      console.log('running  i. sync with Anki\'s sync server, beside real Anki …');
      results.push(await measureSync({ ...syncSizes(quick), collection: cached.path, seed: sizes.collection.seed }));
    }
    if (only.has('j')) {
      console.log('running  j. 50 clients during a 100k-item multi and catastrophic regex searches …');
      results.push(await measureLoad(loadgen, { ...loadSizes(quick), collection: cached.path, deckName, seed: sizes.collection.seed }));
    }
  } finally {
    loadgen.close();
  }

  const rows: Row[] = results.flatMap((result) => result.rows);
  console.log('');
  console.log(renderTable(rows));
  console.log('');
  console.log('How each figure was taken:');
  for (const note of results.flatMap((result) => result.notes)) console.log(note);
  console.log('');
  const targeted = rows.filter((row) => row.pass !== undefined);
  console.log(`${targeted.filter((row) => row.pass).length} of ${targeted.length} targets met; total ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
