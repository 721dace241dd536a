import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadSettings, type CliOverrides } from '../config/load.js';
import type { SyncCommandOptions } from './sync-commands.js';

const USAGE = `Usage: anki-connect-server [options]
       anki-connect-server login --username NAME [--endpoint URL] [options]
       anki-connect-server logout | sync-status [options]
       anki-connect-server sync [--full-upload | --full-download] [--no-media] [options]
       anki-connect-server check FILE
       anki-connect-server mcp [--url URL] [--api-key KEY] [--config FILE]

Serves the Anki-Connect API (version 6) on an Anki collection, without Anki. The commands sync
the profile's collection with AnkiWeb or a self-hosted Anki sync server while the server is not
running (a running server syncs through its \`sync\` action): login reads the password from
standard input and keeps only the host key the sync server gives; sync does a normal sync, or
the one-way sync named when the server says the collections diverged. check opens a collection
file read-only, runs SQLite's integrity check and the checks of Anki's Check Database on it, and
prints "ok" or one line per problem (exit status 0 when clean, 1 with problems, 2 when the file
cannot be checked). mcp speaks MCP on standard input and output for clients that start their
servers as programs, and forwards it to a running server's /mcp endpoint (it opens no collection).

Options:
  --base DIR       folder holding profiles, laid out like Anki's (default: ~/.local/share/anki-connect-server)
  --profile NAME   profile to open; created when missing (default: "User 1")
  --bind ADDRESS   address to listen on; repeat for several (default: 127.0.0.1 and ::1)
  --port N         port (default: 8765)
  --config FILE    JSON config file with Anki-Connect's keys (apiKey, webCorsOriginList, …)
  --api-key KEY    require this key in every request
  --allow-network-without-api-key
                   listen beyond loopback (--bind 0.0.0.0) with no API key: refused without this
  --username NAME  (login) the AnkiWeb or sync server account
  --endpoint URL   (login) a self-hosted sync server (default: syncEndpoint from the config, else AnkiWeb)
  --full-upload    (sync) replace the server's collection with this one
  --full-download  (sync) replace this collection with the server's (a backup stays beside it)
  --no-media       (sync) leave the media files out
  --url URL        (mcp) the running server's MCP endpoint (default: http://127.0.0.1:<port>/mcp, the port from the config)
  -h, --help       show this help
`;

/** Parses the command line; exits with status 2 and a message on bad input. */
function parseCommandLine(argv: string[]): {
  cli: CliOverrides;
  configFile?: string;
  command?: string;
  sync: SyncCommandOptions;
  checkFile?: string;
  mcpUrl?: string;
} {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      profile: { type: 'string' },
      bind: { type: 'string', multiple: true },
      port: { type: 'string' },
      config: { type: 'string' },
      'api-key': { type: 'string' },
      'allow-network-without-api-key': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      username: { type: 'string' },
      endpoint: { type: 'string' },
      'full-upload': { type: 'boolean' },
      'full-download': { type: 'boolean' },
      'no-media': { type: 'boolean' },
      url: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
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
  if (values['allow-network-without-api-key'] === true) cli.allowNetworkWithoutApiKey = true;
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${values.port}`);
    cli.port = port;
  }
  if (positionals[0] === 'check') {
    // The file is named on the command line; the server's options have no meaning here.
    const options = Object.keys(values);
    if (options.length > 0) throw new Error(`check takes no options (got --${options.join(', --')})`);
    if (positionals.length !== 2 || positionals[1] === undefined) throw new Error('check needs exactly one collection file: check FILE');
    return { cli: {}, sync: {}, command: 'check', checkFile: positionals[1] };
  }
  if (positionals.length > 1 || (positionals[0] !== undefined && !COMMANDS.includes(positionals[0]))) {
    throw new Error(`unknown command: ${positionals.join(' ')}`);
  }
  const sync: SyncCommandOptions = {};
  if (values.username !== undefined) sync.username = values.username;
  if (values.endpoint !== undefined) sync.endpoint = values.endpoint;
  if (values['full-upload'] === true) sync.fullUpload = true;
  if (values['full-download'] === true) sync.fullDownload = true;
  if (values['no-media'] === true) sync.noMedia = true;
  return {
    cli,
    sync,
    ...(values.config === undefined ? {} : { configFile: values.config }),
    ...(positionals[0] === undefined ? {} : { command: positionals[0] }),
    ...(values.url === undefined ? {} : { mcpUrl: values.url }),
  };
}

const COMMANDS = ['login', 'logout', 'sync', 'sync-status', 'check', 'mcp'];

/** Ends the process with status 2, the reason and the usage. */
function usageError(err: unknown): never {
  process.stderr.write(`anki-connect-server: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  process.exit(2);
}

/** Runs the server until SIGINT or SIGTERM, then finishes in-flight requests and closes the collection. */
export async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (err) {
    usageError(err);
  }
  // Each command loads only its own modules: `check` starts in half the time without the
  // server's, and reads no settings (the file is named; no config file or environment applies).
  if (parsed.checkFile !== undefined) {
    const { runCheckCommand } = await import('./check-command.js');
    process.exit(runCheckCommand(parsed.checkFile));
  }
  let settings;
  try {
    settings = loadSettings({ cli: parsed.cli, ...(parsed.configFile === undefined ? {} : { configFile: parsed.configFile }) });
  } catch (err) {
    usageError(err);
  }
  if (parsed.command === 'mcp') {
    // Standard output carries the MCP messages: nothing else may be written there.
    const { defaultMcpUrl, runBridge } = await import('../mcp/bridge.js');
    let url;
    try {
      url = parsed.mcpUrl === undefined ? defaultMcpUrl(settings.webBindAddress, settings.webBindPort) : new URL(parsed.mcpUrl);
    } catch (err) {
      usageError(err);
    }
    process.exit(await runBridge({ url, apiKey: settings.apiKey }));
  }
  if (parsed.command !== undefined) {
    const { runSyncCommand } = await import('./sync-commands.js');
    try {
      process.exit(await runSyncCommand(parsed.command, settings, parsed.sync));
    } catch (err) {
      process.stderr.write(`anki-connect-server: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  }
  const { startApp } = await import('../server/app.js');
  const { UI_PATH } = await import('../http/ui/index.js');
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
  running.state.onExit = () => shutdown('guiExitAnki');
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // Printed once the signals are handled: whoever waits for these lines may stop the server at
  // once, and the collection must still be closed cleanly.
  process.stdout.write(`collection: ${app.collectionPath}\n`);
  for (const url of app.urls) process.stdout.write(`serving Anki-Connect API v6 on ${url}\n`);
  // The first address is enough to open the web UI; every listener serves it.
  if (app.urls[0] !== undefined) process.stdout.write(`web UI: ${app.urls[0]}${UI_PATH}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}
