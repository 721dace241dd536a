import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadSettings, type CliOverrides } from '../config/load.js';
import { startApp } from '../server/app.js';

const USAGE = `Usage: anki-connect-server [options]

Serves the Anki-Connect API (version 6) on an Anki collection, without Anki.

Options:
  --base DIR       folder holding profiles, laid out like Anki's (default: ~/.local/share/anki-connect-server)
  --profile NAME   profile to open; created when missing (default: "User 1")
  --bind ADDRESS   address to listen on; repeat for several (default: 127.0.0.1 and ::1)
  --port N         port (default: 8765)
  --config FILE    JSON config file with Anki-Connect's keys (apiKey, webCorsOriginList, …)
  --api-key KEY    require this key in every request
  -h, --help       show this help
`;

/** Parses the command line; exits with status 2 and a message on bad input. */
function parseCommandLine(argv: string[]): { cli: CliOverrides; configFile?: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      profile: { type: 'string' },
      bind: { type: 'string', multiple: true },
      port: { type: 'string' },
      config: { type: 'string' },
      'api-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const cli: CliOverrides = {};
  if (values.base !== undefined) cli.base = values.base;
  if (values.profile !== undefined) cli.profile = values.profile;
  if (values.bind !== undefined) cli.bind = values.bind;
  if (values['api-key'] !== undefined) cli.apiKey = values['api-key'];
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${values.port}`);
    cli.port = port;
  }
  return values.config === undefined ? { cli } : { cli, configFile: values.config };
}

/** Runs the server until SIGINT or SIGTERM, then finishes in-flight requests and closes the collection. */
export async function main(argv: string[]): Promise<void> {
  let settings;
  try {
    const { cli, configFile } = parseCommandLine(argv);
    settings = loadSettings({ cli, ...(configFile === undefined ? {} : { configFile }) });
  } catch (err) {
    process.stderr.write(`anki-connect-server: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
  let app;
  try {
    app = await startApp(settings);
  } catch (err) {
    process.stderr.write(`anki-connect-server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const running = app;
  const shutdown = (signal: string) => {
    process.stdout.write(`${signal}: finishing requests and closing the collection\n`);
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while stopping: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // Printed once the signals are handled: whoever waits for these lines may stop the server at
  // once, and the collection must still be closed cleanly.
  process.stdout.write(`collection: ${app.collectionPath}\n`);
  for (const url of app.urls) process.stdout.write(`serving Anki-Connect API v6 on ${url}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}
