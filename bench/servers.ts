/** Starting this project's real HTTP server for a benchmark, exactly as the CLI would. */
import { loadSettings } from '../src/config/load.js';
import { startApp, type App } from '../src/server/app.js';

/** The real server on a free port of 127.0.0.1, serving profile "User 1" under `base`. */
export function startOurServer(base: string): Promise<App> {
  // An empty environment: the machine's ANKICONNECT_* variables must not change what is measured.
  const settings = loadSettings({ env: {}, cli: { base, port: 0, bind: ['127.0.0.1'] } });
  return startApp(settings);
}

/** The bound port of a started app. */
export function portOf(app: App): number {
  const port = app.http.port();
  if (port === undefined) throw new Error('the server is not listening');
  return port;
}

/** Runs `fn` and reports the CPU time this process (where the servers run) spent meanwhile. */
export async function withCpu<T>(fn: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const before = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(before);
  return { value, cpuMs: (used.user + used.system) / 1000 };
}
