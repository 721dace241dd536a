/**
 * The web UI's browser tests: a server on a free loopback port (a fresh profile, a config file
 * for the permission tests), and Debian's headless Chromium driven by playwright-core.
 * Screenshots go to a fresh folder under the system's temporary folder, printed once: CI keeps
 * them as artefacts, nobody commits them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/support/server.js';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface UiHarness {
  server: TestServer;
  browser: Browser;
  page: Page;
  configFile: string;
  shots: string;
  /** Calls an action through HTTP, as a client would; throws on an error reply. */
  call(action: string, params?: Record<string, unknown>): Promise<unknown>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

const stamp = new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15);
export const SCREENSHOTS = join(tmpdir(), `acs-ui-screenshots-${stamp}`);

export async function startUi(): Promise<UiHarness> {
  const server = await startTestServer();
  const configFile = join(server.base, 'config.json');
  writeFileSync(configFile, `${JSON.stringify({ webCorsOriginList: ['http://localhost'] }, null, 2)}\n`);
  // The settings as `--config FILE` leaves them: the permission prompt saves to that file.
  server.app.state.settings.configFile = configFile;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
  return {
    server,
    browser,
    page,
    configFile,
    shots: SCREENSHOTS,
    async call(action, params) {
      const reply = await server.invoke(action, params);
      if (reply.error !== null) throw new Error(`${action}: ${reply.error}`);
      return reply.result;
    },
    async screenshot(name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    },
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}

/** Opens the UI and waits until its event stream is connected. */
export async function openUi(ui: UiHarness): Promise<void> {
  await ui.page.goto(`${ui.server.url}/_/ui/`);
  await ui.page.waitForSelector('body[data-live="true"]');
}
