/**
 * A screenshot of the statistics report (getCollectionStatsHTML), to look at the charts with
 * real data. Run by hand, not by `npm test` (CI has no browser):
 *
 *   apt-get install -y chromium            # Debian's build, at /usr/bin/chromium
 *   npx tsx scripts/screenshot-stats.ts [notes] [out.png]
 *
 * It generates a varied collection (bench/generate.ts: cards in every state and 200 days of
 * review history), adds a few notes on each of the last 30 days (the generated ones are all
 * older), reads the report through the API as of the generator's "now" so the month shown is
 * full, and writes tmp/stats-report.html and tmp/stats-report.png (tmp/ is not committed).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { generateCollection, VARIED_NOW_MS } from '../bench/generate.js';
import { createRegistry } from '../src/api/actions/index.js';
import { Dispatcher } from '../src/api/dispatcher.js';
import { FixedClock } from '../src/collection/clock.js';
import { defaultSettings } from '../src/config/settings.js';
import { ProfileServerState } from '../src/server/state.js';

/** The generator dates a varied collection's reviews back from 250 days after its epoch. */
const GENERATED_NOW_MS = VARIED_NOW_MS;

const notes = Number(process.argv[2] ?? 3000);
const out = resolve(process.argv[3] ?? 'tmp/stats-report.png');

const DAY_MS = 86_400_000;

const work = mkdtempSync(join(tmpdir(), 'acs-stats-shot-'));
try {
  mkdirSync(join(work, 'User 1'));
  generateCollection(join(work, 'User 1', 'collection.anki2'), { notes, decks: 8, seed: 11, varied: true });
  const clock = new FixedClock(GENERATED_NOW_MS - 30 * DAY_MS + 3_600_000);
  const state = new ProfileServerState({ ...defaultSettings({}), base: work }, clock);
  let report: string;
  try {
    state.openProfile('User 1');
    const dispatcher = new Dispatcher(createRegistry(), state);
    const call = async (action: string, params: Record<string, unknown>): Promise<unknown> => {
      const reply = (await dispatcher.handle({ action, version: 6, params }, { origin: '', allowed: true, local: true })) as {
        result: unknown;
        error: string | null;
      };
      if (reply.error !== null) throw new Error(`${action}: ${reply.error}`);
      return reply.result;
    };
    for (let day = 0; day < 30; day++) {
      const count = (day * 7) % 11;
      const added = Array.from({ length: count }, (_, i) => ({
        deckName: 'Default',
        modelName: 'Basic',
        fields: { Front: `added on day ${day}, ${i}`, Back: 'back' },
      }));
      if (count > 0) await call('addNotes', { notes: added });
      clock.advance(DAY_MS);
    }
    clock.advance(GENERATED_NOW_MS - clock.nowMs());
    report = (await call('getCollectionStatsHTML', { wholeCollection: true })) as string;
  } finally {
    state.close();
  }
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>Statistics</title></head><body style="margin:0">${report}</body></html>`;
  mkdirSync(resolve('tmp'), { recursive: true });
  writeFileSync(out.replace(/\.png$/, '.html'), page);

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const tab = await browser.newPage({ viewport: { width: 800, height: 1000 } });
    await tab.setContent(page);
    await tab.screenshot({ path: out, fullPage: true });
  } finally {
    await browser.close();
  }
  console.log(`${out} (and the page beside it)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
