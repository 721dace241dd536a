// The web UI in headless Chromium (Debian's chromium, playwright-core): a page and the API
// act on the same windows. Each test leaves screenshots in the folder printed at the start.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { httpRequest } from '../test/support/server.js';
import { openUi, startUi, type UiHarness } from './support.js';

const RED_DOT = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

let ui: UiHarness;
const noteIds: number[] = [];

before(async () => {
  ui = await startUi();
  process.stdout.write(`screenshots: ${ui.shots}\n`);
  await ui.call('createDeck', { deck: 'Spanish' });
  await ui.call('storeMediaFile', { filename: 'dot.png', data: RED_DOT });
  const words = [
    ['el perro', 'the dog'],
    ['el gato', 'the cat'],
    ['la casa <img src="dot.png" style="width:40px;height:40px">', 'the house'],
  ];
  for (const [front, back] of words) {
    noteIds.push((await ui.call('addNote', { note: { deckName: 'Spanish', modelName: 'Basic', fields: { Front: front, Back: back } } })) as number);
  }
  await openUi(ui);
});

after(async () => {
  await ui.close();
});

const page = () => ui.page;

test('the deck list shows due counts, and the page follows an addNote made through the API without a reload', async () => {
  const row = page().locator('tr[data-deck="Spanish"]');
  await row.waitFor();
  assert.equal((await row.locator('td.new').textContent())?.trim(), '3');
  await page().evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
  await ui.call('addNote', { note: { deckName: 'Spanish', modelName: 'Basic', fields: { Front: 'el libro', Back: 'the book' } } });
  await page().waitForFunction(() => document.querySelector('tr[data-deck="Spanish"] td.new')?.textContent.trim() === '4');
  assert.equal(await page().evaluate(() => (window as unknown as { marker?: string }).marker), 'same page', 'no reload');
  await ui.screenshot('deck-list');
  // The fourth note is removed again so the review below has the three notes of the setup.
  await ui.call('deleteNotes', { notes: await ui.call('findNotes', { query: '"el libro"' }) });
  await page().waitForFunction(() => document.querySelector('tr[data-deck="Spanish"] td.new')?.textContent.trim() === '3');
});

test('reviewing a deck to the end with the keyboard', async () => {
  await page().locator('tr[data-deck="Spanish"] a').click();
  await page().locator('#study-now').waitFor();
  await ui.screenshot('overview');
  await page().keyboard.press('Enter'); // the focused Study Now button
  await page().locator('.reviewer[data-side="question"]').waitFor();
  assert.equal(await ui.call('guiReviewActive'), true, 'the API sees the review the page started');
  let answered = 0;
  let sawImage = false;
  for (let i = 0; i < 20 && (await page().locator('.congrats').count()) === 0; i++) {
    const card = await page().locator('.reviewer').getAttribute('data-card');
    await page().keyboard.press(' ');
    await page().locator(`.reviewer[data-card="${card}"][data-side="answer"]`).waitFor();
    const frame = page().frameLocator('#card-frame');
    if ((await frame.locator('img').count()) > 0) {
      // The card's image comes from the media folder through the frame's <base>.
      await page().waitForFunction(() => {
        const img = (document.querySelector('#card-frame') as HTMLIFrameElement).contentDocument?.querySelector('img');
        return img !== null && img !== undefined && img.complete && img.naturalWidth > 0;
      });
      sawImage = true;
      await ui.screenshot('reviewer-answer');
    }
    if (i === 0) await ui.screenshot('reviewer-question-then-answer');
    // Easy graduates a new card at once; the first card goes through Good (space) first.
    await page().keyboard.press(i === 0 ? ' ' : '4');
    await page().waitForFunction((id) => document.querySelector('.reviewer')?.getAttribute('data-card') !== id || document.querySelector('.reviewer[data-side="question"]') !== null || document.querySelector('.congrats') !== null, card);
    answered++;
  }
  await page().locator('.congrats').waitFor();
  await ui.screenshot('congratulations');
  assert.ok(sawImage, 'the card with an image was shown');
  assert.ok(answered >= 3);
  assert.equal(await ui.call('guiReviewActive'), false);
  const due = (await ui.call('getDeckStats', { decks: ['Spanish'] })) as Record<string, { new_count: number; learn_count: number; review_count: number }>;
  const counts = Object.values(due)[0];
  assert.deepEqual([counts?.new_count, counts?.learn_count, counts?.review_count], [0, 0, 0]);
  const reviews = (await ui.call('cardReviews', { deck: 'Spanish', startID: 0 })) as unknown[];
  assert.equal(reviews.length, answered);
});

test('a search in the browser, whose selection guiSelectedNotes returns', async () => {
  await page().locator('nav button[data-view="browser"]').click();
  const search = page().locator('.browser input[type=search]');
  await search.fill('deck:Spanish');
  await search.press('Enter');
  await page().waitForFunction(() => document.querySelectorAll('.browser tbody tr').length === 3);
  const rows = page().locator('.browser tbody tr');
  await page().locator('.browser th[data-column="noteFld"]').click(); // descending now
  await page().waitForFunction(() => document.querySelector('.browser th[data-column="noteFld"]')?.textContent.includes('▼') === true);
  await rows.nth(0).click();
  await rows.nth(2).click({ modifiers: ['Shift'] });
  await page().waitForFunction(() => document.querySelectorAll('.browser tbody tr[aria-selected="true"]').length === 3);
  await rows.nth(1).click({ modifiers: ['Control'] });
  await page().waitForFunction(() => document.querySelectorAll('.browser tbody tr[aria-selected="true"]').length === 2);
  const shownNotes = await page().$$eval('.browser tbody tr[aria-selected="true"]', (trs) => trs.map((tr) => Number(tr.getAttribute('data-note'))));
  const selected = (await ui.call('guiSelectedNotes')) as number[];
  assert.deepEqual([...selected].sort(), [...shownNotes].sort());
  assert.equal(selected.length, 2);
  await ui.screenshot('browser');
  // And the other way round: guiBrowse from a client changes the page's table.
  await ui.call('guiBrowse', { query: '"el gato"' });
  await page().waitForFunction(() => document.querySelectorAll('.browser tbody tr').length === 1);
  assert.equal(await page().locator('.browser input[type=search]').inputValue(), '"el gato"');
});

test('guiAddCards opens a prefilled form that the user completes and adds', async () => {
  await ui.call('guiAddCards', { note: { deckName: 'Spanish', modelName: 'Basic', fields: { Front: 'la <b>mesa</b>' }, tags: ['from-api'] } });
  const front = page().locator('.editor[data-window="add"] [data-field="Front"]');
  await front.waitFor();
  assert.equal(await front.innerHTML(), 'la <b>mesa</b>');
  const back = page().locator('[data-field="Back"]');
  await back.click();
  await page().keyboard.type('the ');
  await page().keyboard.press('Control+b');
  await page().keyboard.type('table');
  await ui.screenshot('add');
  await page().locator('#add-note').click();
  await page().waitForFunction(() => /Added note/.test(document.getElementById('status')?.textContent ?? ''));
  const found = (await ui.call('findNotes', { query: 'tag:from-api' })) as number[];
  assert.equal(found.length, 1);
  const info = ((await ui.call('notesInfo', { notes: found })) as { fields: Record<string, { value: string }> }[])[0]!;
  assert.equal(info.fields['Front']?.value, 'la <b>mesa</b>');
  assert.equal(info.fields['Back']?.value, 'the <b>table</b>');
  // As in Anki the dialog stays open, its fields cleared for the next note.
  await page().waitForFunction(() => document.querySelector('[data-field="Front"]')?.innerHTML === '');
});

test('guiEditNote shows the editor, and an edit saved there shows in notesInfo', async () => {
  const noteId = noteIds[0] ?? 0;
  await ui.call('guiEditNote', { note: noteId });
  const front = page().locator(`.editor[data-note="${noteId}"] [data-field="Front"]`);
  await front.waitFor();
  assert.equal(await front.innerText(), 'el perro');
  await front.click();
  await page().keyboard.press('Control+a');
  await page().keyboard.type('el perro grande');
  await ui.screenshot('edit');
  await page().locator('#save-note').click();
  await page().waitForFunction(() => /Saved note/.test(document.getElementById('status')?.textContent ?? ''));
  const info = ((await ui.call('notesInfo', { notes: [noteId] })) as { fields: Record<string, { value: string }> }[])[0]!;
  assert.equal(info.fields['Front']?.value, 'el perro grande');
  assert.equal(info.fields['Back']?.value, 'the dog', 'a field left alone is saved as it was');
});

test('granting a permission request', async () => {
  const origin = 'https://flashcards.example';
  const asking = httpRequest(ui.server.port, 'POST', { action: 'requestPermission', version: 6 }, { Origin: origin });
  const prompt = page().locator(`.permission[data-origin="${origin}"]`);
  await prompt.waitFor();
  await ui.screenshot('permission');
  await prompt.locator('button[data-answer="grant"]').click();
  const reply = await asking;
  assert.deepEqual(reply.json, { result: { permission: 'granted', requireApikey: false, requireApiKey: false, version: 6 }, error: null });
  assert.equal(reply.headers['access-control-allow-origin'], origin);
  await prompt.waitFor({ state: 'detached' });
  // Allowed from now on, and remembered in the config file.
  const now = await httpRequest(ui.server.port, 'POST', { action: 'version', version: 6 }, { Origin: origin });
  assert.equal(now.status, 200);
  const saved = JSON.parse(readFileSync(ui.configFile, 'utf8')) as { webCorsOriginList: string[] };
  assert.deepEqual(saved.webCorsOriginList, ['http://localhost', origin]);
});

test('the other windows: statistics, Check Database, import and export', async () => {
  await page().locator('nav button[data-view="stats"]').click();
  await page().frameLocator('.stats iframe').locator('.anki-stats').waitFor();
  await ui.screenshot('stats');
  await page().locator('nav button[data-view="check"]').click();
  await page().locator('#check-database').click();
  await page().waitForFunction(() => {
    const status = document.getElementById('status');
    return status?.textContent === 'Database checked.' || status?.classList.contains('error') === true;
  });
  await ui.screenshot('check-database');
  await page().locator('nav button[data-view="files"]').click();
  await page().locator('input[name="export-path"]').fill(`${ui.server.base}/spanish.apkg`);
  await page().locator('select[name="export-deck"]').selectOption('Spanish');
  await page().getByRole('button', { name: 'Export', exact: true }).click();
  await page().waitForFunction(() => /Exported Spanish/.test(document.getElementById('status')?.textContent ?? ''));
  await ui.call('deleteDecks', { decks: ['Spanish'], cardsToo: true });
  await page().locator('input[name="import-path"]').fill(`${ui.server.base}/spanish.apkg`);
  await page().getByRole('button', { name: 'Import', exact: true }).click();
  await page().waitForFunction(() => document.getElementById('status')?.textContent === 'Imported.');
  assert.ok(((await ui.call('deckNames')) as string[]).includes('Spanish'));
  await ui.screenshot('import-export');
});
