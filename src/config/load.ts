import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { readFileSync } from 'node:fs';
import { defaultSettings, type Settings } from './settings.js';

const StringList = Type.Array(Type.String());

/** What a JSON config file may hold: Anki-Connect's keys plus this server's own. */
const ConfigFileSchema = Type.Object(
  {
    apiKey: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    apiLogPath: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    webBindAddress: Type.Optional(Type.Union([Type.String(), StringList])),
    webBindPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    webCorsOriginList: Type.Optional(StringList),
    webCorsOrigin: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    ignoreOriginList: Type.Optional(StringList),
    webTimeout: Type.Optional(Type.Integer({ minimum: 1 })),
    webMaxRequestBytes: Type.Optional(Type.Integer({ minimum: 1024 })),
    webMaxReplyBytes: Type.Optional(Type.Integer({ minimum: 1024 })),
    webMaxMultiItems: Type.Optional(Type.Integer({ minimum: 1 })),
    readerThreads: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
    webMaxDownloadBytes: Type.Optional(Type.Integer({ minimum: 1 })),
    webAllowedHosts: Type.Optional(StringList),
    allowRemoteFilePaths: Type.Optional(Type.Boolean()),
    allowNetworkWithoutApiKey: Type.Optional(Type.Boolean()),
    base: Type.Optional(Type.String({ minLength: 1 })),
    profile: Type.Optional(Type.String({ minLength: 1 })),
    syncEndpoint: Type.Optional(Type.Union([Type.String({ pattern: '^https?://' }), Type.Null()])),
    syncMedia: Type.Optional(Type.Boolean()),
    syncIntervalMinutes: Type.Optional(Type.Number({ minimum: 0 })),
    syncOnStartStop: Type.Optional(Type.Boolean()),
    syncStallSeconds: Type.Optional(Type.Integer({ minimum: 1 })),
    // Anki-Connect keys that have no meaning here; accepted so its config file can be reused.
    apiPollInterval: Type.Optional(Type.Unknown()),
    apiVersion: Type.Optional(Type.Unknown()),
    webBacklog: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
export type ConfigFile = Static<typeof ConfigFileSchema>;
const checkConfigFile = TypeCompiler.Compile(ConfigFileSchema);

/** Settings given on the command line; they win over everything else. */
export interface CliOverrides {
  base?: string;
  profile?: string;
  bind?: string[];
  port?: number;
  apiKey?: string;
  allowNetworkWithoutApiKey?: boolean;
}

/** Reads and checks a JSON config file, with a message that names the file and the problem. */
export function readConfigFile(path: string): ConfigFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read config file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!checkConfigFile.Check(parsed)) {
    const first = checkConfigFile.Errors(parsed).First();
    const where = first?.path === '' || first === undefined ? 'the file' : `"${first.path.slice(1)}"`;
    throw new Error(`invalid config file ${path}: ${where}: ${first?.message ?? 'invalid'}`);
  }
  return parsed;
}

/**
 * Builds the settings: defaults, then the environment (Anki-Connect's ANKICONNECT_BIND_ADDRESS and
 * ANKICONNECT_CORS_ORIGIN, and this server's own, for containers and services: see
 * {@link applyEnvironment}), then the config file, then the command line. Upstream lets its
 * shipped config file override the environment too.
 */
export function loadSettings(
  options: { configFile?: string; env?: NodeJS.ProcessEnv; cli?: CliOverrides } = {},
): Settings {
  const env = options.env ?? process.env;
  const settings = defaultSettings(env);
  applyEnvironment(settings, env);
  const corsFromEnv = env['ANKICONNECT_CORS_ORIGIN'];

  const configFile = options.configFile ?? (nonEmpty(env['ANKICONNECT_CONFIG']) ? env['ANKICONNECT_CONFIG'] : undefined);
  const file = configFile === undefined ? {} : readConfigFile(configFile);
  if (configFile !== undefined) settings.configFile = configFile;
  if (file.apiKey !== undefined) settings.apiKey = file.apiKey === '' ? null : file.apiKey;
  if (file.apiLogPath !== undefined) settings.apiLogPath = file.apiLogPath;
  if (file.webBindAddress !== undefined) {
    settings.webBindAddress = typeof file.webBindAddress === 'string' ? [file.webBindAddress] : file.webBindAddress;
  }
  if (file.webBindPort !== undefined) settings.webBindPort = file.webBindPort;
  if (file.webCorsOriginList !== undefined) settings.webCorsOriginList = [...file.webCorsOriginList];
  if (file.ignoreOriginList !== undefined) settings.ignoreOriginList = [...file.ignoreOriginList];
  if (file.webTimeout !== undefined) settings.webTimeout = file.webTimeout;
  if (file.webMaxRequestBytes !== undefined) settings.webMaxRequestBytes = file.webMaxRequestBytes;
  if (file.webMaxReplyBytes !== undefined) settings.webMaxReplyBytes = file.webMaxReplyBytes;
  if (file.webMaxMultiItems !== undefined) settings.webMaxMultiItems = file.webMaxMultiItems;
  if (file.readerThreads !== undefined) settings.readerThreads = file.readerThreads;
  if (file.webMaxDownloadBytes !== undefined) settings.webMaxDownloadBytes = file.webMaxDownloadBytes;
  if (file.webAllowedHosts !== undefined) settings.webAllowedHosts = [...file.webAllowedHosts];
  if (file.allowRemoteFilePaths !== undefined) settings.allowRemoteFilePaths = file.allowRemoteFilePaths;
  if (file.allowNetworkWithoutApiKey !== undefined) settings.allowNetworkWithoutApiKey = file.allowNetworkWithoutApiKey;
  if (file.base !== undefined) settings.base = file.base;
  if (file.profile !== undefined) settings.profile = file.profile;
  if (file.syncEndpoint !== undefined) settings.syncEndpoint = file.syncEndpoint;
  if (file.syncMedia !== undefined) settings.syncMedia = file.syncMedia;
  if (file.syncIntervalMinutes !== undefined) settings.syncIntervalMinutes = file.syncIntervalMinutes;
  if (file.syncOnStartStop !== undefined) settings.syncOnStartStop = file.syncOnStartStop;
  if (file.syncStallSeconds !== undefined) settings.syncStallSeconds = file.syncStallSeconds;
  // The deprecated single origin is appended to the list, as Anki-Connect does.
  const legacyOrigin = file.webCorsOrigin ?? corsFromEnv ?? null;
  if (legacyOrigin) settings.webCorsOriginList.push(legacyOrigin);

  const cli = options.cli ?? {};
  if (cli.base !== undefined) settings.base = cli.base;
  if (cli.profile !== undefined) settings.profile = cli.profile;
  if (cli.bind !== undefined && cli.bind.length > 0) settings.webBindAddress = cli.bind;
  if (cli.port !== undefined) settings.webBindPort = cli.port;
  if (cli.apiKey !== undefined) settings.apiKey = cli.apiKey === '' ? null : cli.apiKey;
  if (cli.allowNetworkWithoutApiKey === true) settings.allowNetworkWithoutApiKey = true;
  if (settings.webBindAddress.length === 0) throw new Error('no address to listen on');
  return settings;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/**
 * The environment variables, each the same as a config key (an empty one counts as unset):
 * ANKICONNECT_BIND_ADDRESS (webBindAddress, comma-separated), ANKICONNECT_PORT (webBindPort),
 * ANKICONNECT_API_KEY (apiKey), ANKICONNECT_ALLOW_NETWORK_WITHOUT_API_KEY (`true` or `false`),
 * ANKICONNECT_ALLOWED_HOSTS (webAllowedHosts, comma-separated), ANKICONNECT_BASE (base),
 * ANKICONNECT_PROFILE (profile); ANKICONNECT_CONFIG names the config file when --config does not.
 * A container or a service manager configures the server this way, with no file to write.
 */
function applyEnvironment(settings: Settings, env: NodeJS.ProcessEnv): void {
  const bind = env['ANKICONNECT_BIND_ADDRESS'];
  if (nonEmpty(bind)) settings.webBindAddress = splitList(bind);
  const port = env['ANKICONNECT_PORT'];
  if (nonEmpty(port)) {
    if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new Error(`ANKICONNECT_PORT: expected a port number (0 to 65535), got "${port}"`);
    settings.webBindPort = Number(port);
  }
  const apiKey = env['ANKICONNECT_API_KEY'];
  if (nonEmpty(apiKey)) settings.apiKey = apiKey;
  const allow = env['ANKICONNECT_ALLOW_NETWORK_WITHOUT_API_KEY'];
  if (nonEmpty(allow)) {
    if (allow !== 'true' && allow !== 'false') throw new Error(`ANKICONNECT_ALLOW_NETWORK_WITHOUT_API_KEY: expected true or false, got "${allow}"`);
    settings.allowNetworkWithoutApiKey = allow === 'true';
  }
  const hosts = env['ANKICONNECT_ALLOWED_HOSTS'];
  if (nonEmpty(hosts)) settings.webAllowedHosts = splitList(hosts);
  const base = env['ANKICONNECT_BASE'];
  if (nonEmpty(base)) settings.base = base;
  const profile = env['ANKICONNECT_PROFILE'];
  if (nonEmpty(profile)) settings.profile = profile;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
