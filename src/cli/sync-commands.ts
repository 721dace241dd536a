/**
 * The sync commands of the CLI: `login`, `logout`, `sync` and `sync-status`, each on the
 * configured profile's collection without starting the HTTP server. The collection is locked
 * while it is open, so they refuse to run beside a server that has it open (use the `sync`
 * action there instead).
 */
import { ProfileServerState } from '../server/state.js';
import type { Settings } from '../config/settings.js';
import { fullSyncRefusal } from '../api/actions/sync.js';

export interface SyncCommandOptions {
  username?: string;
  endpoint?: string;
  fullUpload?: boolean;
  fullDownload?: boolean;
  noMedia?: boolean;
}

/** Reads the password: a line of standard input, without echo on a terminal. */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write('Password: ');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let password = '';
    const done = (result: string | undefined): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (result === undefined) reject(new Error('cancelled'));
      else resolve(result);
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0003') {
          done(char === '\u0003' ? undefined : password);
          return;
        }
        if (char === '\u007f') password = password.slice(0, -1);
        else password += char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** Runs one sync command; returns the process exit status. */
export async function runSyncCommand(command: string, settings: Settings, options: SyncCommandOptions): Promise<number> {
  const state = new ProfileServerState(settings);
  state.openProfile(settings.profile);
  try {
    switch (command) {
      case 'login': {
        if (options.username === undefined) throw new Error('login needs --username');
        const auth = await state.sync.login(options.username, await readPassword(), options.endpoint);
        process.stdout.write(`logged in as ${auth.username} at ${auth.endpoint}; the host key is kept in the profile's folder\n`);
        return 0;
      }
      case 'logout':
        process.stdout.write(state.sync.logout() ? 'logged out\n' : 'was not logged in\n');
        return 0;
      case 'sync': {
        if (options.fullUpload === true && options.fullDownload === true) throw new Error('choose one of --full-upload and --full-download');
        const full = options.fullUpload === true ? 'upload' : options.fullDownload === true ? 'download' : undefined;
        const result = await state.sync.sync({ ...(full === undefined ? {} : { full }), ...(options.noMedia === true ? { media: false } : {}) });
        if (result.performed === 'refused') {
          process.stderr.write(
            `${fullSyncRefusal(result.required)}\nThe collections here and on the server have diverged; run again with ` +
              `--full-upload (the server gets this collection) or --full-download (this collection is replaced by the server's).\n`,
          );
          return 1;
        }
        process.stdout.write(`sync done (${result.performed === 'none' ? 'no changes' : result.performed})\n`);
        return 0;
      }
      case 'sync-status':
        process.stdout.write(`${JSON.stringify(await state.sync.status(true), null, 2)}\n`);
        return 0;
      default:
        throw new Error(`unknown command: ${command}`);
    }
  } finally {
    state.close();
  }
}
