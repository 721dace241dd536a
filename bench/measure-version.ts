/**
 * a. Request throughput of `{"action":"version","version":6}` over keep-alive HTTP: the real
 * server beside a bare node:http server giving the same reply, both in this process, loaded by
 * the same forked client. Rounds alternate between the two so drifting machine load hits both.
 */
import { startBareServer, VERSION_REPLY } from './bare-server.js';
import { scratchDir } from './cache.js';
import type { LoadGenerator } from './loadgen-client.js';
import type { ThroughputResult } from './loadgen-protocol.js';
import { formatPercent, formatRate, type Row } from './report.js';
import { requestBody } from './requests.js';
import { portOf, startOurServer, withCpu } from './servers.js';
import { max, median } from './stats.js';

/** Load shape of the throughput measurement. */
export interface VersionConfig {
  connections: number;
  /** One-off warm-up per server before the first round (JIT, sockets). */
  initialWarmupMs: number;
  /** Warm-up at the start of every round, not counted. */
  roundWarmupMs: number;
  roundMs: number;
  rounds: number;
}

/** What the measurement printed: its table row and how it was taken. */
export interface Measured {
  rows: Row[];
  notes: string[];
}

interface Round {
  rps: number;
  serverCpu: number;
  clientCpu: number;
  /** Server CPU time per answered request, in µs: what the server costs, whatever limited the rate. */
  cpuPerRequestUs: number;
}

/** Measures both servers and returns the table row (target: ours ≥ 60% of bare). */
export async function measureVersion(loadgen: LoadGenerator, config: VersionConfig): Promise<Measured> {
  const scratch = scratchDir('acs-bench-version-');
  const app = await startOurServer(scratch.dir);
  const bare = await startBareServer();
  const body = requestBody('version');
  const targets = { ours: portOf(app), bare: bare.port };
  const rounds: Record<'ours' | 'bare', Round[]> = { ours: [], bare: [] };
  const errors: string[] = [];
  const run = async (port: number, warmupMs: number): Promise<{ result: ThroughputResult; cpuMs: number }> => {
    const { value, cpuMs } = await withCpu(() =>
      loadgen.throughput({ port, body, connections: config.connections, warmupMs, durationMs: config.roundMs }),
    );
    if (value.sampleReply !== VERSION_REPLY) errors.push(`port ${port} replied ${value.sampleReply}`);
    if (value.errors > 0) errors.push(`port ${port}: ${value.errors} failed requests`);
    return { result: value, cpuMs };
  };
  try {
    await run(targets.ours, config.initialWarmupMs);
    await run(targets.bare, config.initialWarmupMs);
    for (let r = 0; r < config.rounds; r++) {
      const order: ('ours' | 'bare')[] = r % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
      for (const which of order) {
        const { result, cpuMs } = await run(targets[which], config.roundWarmupMs);
        const wallMs = config.roundWarmupMs + config.roundMs;
        rounds[which].push({
          rps: (result.requests * 1000) / result.elapsedMs,
          serverCpu: cpuMs / wallMs,
          clientCpu: result.clientCpuMs / result.elapsedMs,
          cpuPerRequestUs: (cpuMs * 1000) / result.totalRequests,
        });
      }
    }
  } finally {
    await app.stop();
    await bare.stop();
    scratch.remove();
  }
  if (errors.length > 0) throw new Error(`version benchmark: ${errors.join('; ')}`);

  const best = (which: 'ours' | 'bare') => max(rounds[which].map((round) => round.rps));
  const med = (which: 'ours' | 'bare') => median(rounds[which].map((round) => round.rps));
  const cpu = (which: 'ours' | 'bare') =>
    `server ${formatPercent(median(rounds[which].map((round) => round.serverCpu)))} of a core, ` +
    `client ${formatPercent(median(rounds[which].map((round) => round.clientCpu)))}`;
  // Each round of ours is paired with the adjacent round of bare: the two ran back to back under
  // the same machine load, so their ratio is steadier than a ratio of separately chosen figures.
  const pairRatios = rounds.ours.map((round, r) => round.rps / (rounds.bare[r]?.rps ?? NaN));
  const ratio = median(pairRatios);
  // With 2 cores the client can be the limit (its core saturated before the server's): then both
  // rates are the client's, and only the server's CPU cost per request still tells them apart.
  const costUs = (which: 'ours' | 'bare') => median(rounds[which].map((round) => round.cpuPerRequestUs));
  const costRatio = costUs('bare') / costUs('ours');
  const clientBound = [...rounds.ours, ...rounds.bare].some((round) => round.clientCpu >= 0.9);
  return {
    rows: [
      {
        name: 'a. version throughput',
        ours: `${formatRate(best('ours'), 'req')} (median ${formatRate(med('ours'), 'req')})`,
        floor: `${formatRate(best('bare'), 'req')} (median ${formatRate(med('bare'), 'req')})`,
        ratio: `${formatPercent(ratio)}; CPU/req ${formatPercent(costRatio)}`,
        target: '≥ 60% of bare',
        pass: ratio >= 0.6 && costRatio >= 0.6,
      },
    ],
    notes: [
      `a. POST {"action":"version","version":6}, ${config.connections} keep-alive connections from a forked load generator ` +
        `(node:http Agent); per server ${config.rounds} rounds of ${config.roundMs / 1000} s, each after ${config.roundWarmupMs / 1000} s ` +
        `of uncounted warm-up (plus ${config.initialWarmupMs / 1000} s once at start), rounds alternating between the servers. ` +
        `Figures: best round (median in brackets); ratio: median over rounds of ours ÷ the bare round run next to it (the pair shares the machine's load), then the same comparison by server CPU time per request (bare µs ÷ ours µs); PASS needs both ≥ 60%. Both servers run in the benchmark process; the floor is a bare ` +
        `node:http server that reads the body and sends the same reply bytes and headers.`,
      `   CPU (median round): ours ${cpu('ours')}; bare ${cpu('bare')}. ` +
        `Rounds ours: ${rounds.ours.map((round) => Math.round(round.rps)).join(', ')}; bare: ${rounds.bare.map((round) => Math.round(round.rps)).join(', ')} req/s; paired ratios ${pairRatios.map(formatPercent).join(', ')}; ratio of the best rounds ${formatPercent(best('ours') / best('bare'))}.`,
      `   Server CPU per request (median round): ours ${costUs('ours').toFixed(1)} µs, bare ${costUs('bare').toFixed(1)} µs.` +
        (clientBound
          ? ' The load generator used ≥ 90% of a core in some rounds: there the rate is the client\'s limit, not the server\'s, so the rate ratio overstates ours and the CPU ratio is the better guide.'
          : ''),
    ],
  };
}
