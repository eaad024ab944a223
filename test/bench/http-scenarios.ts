import { setImmediate as nextTurn } from 'node:timers/promises';
import { raised } from '@rw/read-models';
import { SeededRandom } from '../../apps/cli/src/seed-demo/random';
import { type DemoEdition, demoScaleFor, seedDemoInOwnProcess } from './demo-edition';
import { type BenchPlatform, type LoadResult, load, p99, SequentialClient, startBenchPlatform } from './http';
import { percentile, type ScenarioContext, type ScenarioResult } from './scenario';

const CONNECTIONS = 50;
const DONOR_ADDRESSES = 10_000;

/**
 * Every HTTP scenario serves a demo edition of the real size (seed-demo --scale edition: 329 teams, 2,142 walkers,
 * 12,096 supporters, ~40,000 events), seeded through the command handlers in a process of its own before the clock
 * starts; the platform then runs in the scenario's process.
 */
export async function onDemoEdition(
  context: ScenarioContext,
  measure: (platform: BenchPlatform, edition: DemoEdition) => Promise<ScenarioResult[]>,
): Promise<ScenarioResult[]> {
  const edition = await seedDemoInOwnProcess(context.dir, demoScaleFor(context.scale));
  const platform = await startBenchPlatform(context.dir);
  try {
    const results = await measure(platform, edition);
    const seeded = `${edition.scale} demo seeded in ${edition.seedSeconds.toFixed(1)} s (not measured)`;
    results[0] = { ...results[0], note: results[0].note ? `${seeded}; ${results[0].note}` : seeded };
    return results;
  } finally {
    await platform.close();
  }
}

const loadSeconds = (scale: number) => Math.max(1, Math.round(8 * scale));

/**
 * The write path of a donor's click (validate, rate limit, command, append, wait for the read models) against a
 * read that does nothing. Donations come once from the one address of the load generator, as the platform sees a
 * single client, and once from 10,000 addresses (X-Forwarded-For), as it sees donors at the event: the rate
 * limiter keeps every hit of the last minute per address, and with one address and no effective limit that list
 * grows to the whole minute's traffic.
 */
export async function donationsAgainstHealth(context: ScenarioContext): Promise<ScenarioResult[]> {
  return onDemoEdition(context, async (platform, edition) => {
    const seconds = loadSeconds(context.scale);
    const gifts = { path: '/api/donations', connections: CONNECTIONS, donationsTo: edition.walkerIds };
    const manyDonors = { ...gifts, clients: DONOR_ADDRESSES };
    const health = { path: '/health', connections: CONNECTIONS };
    // warm-up: JIT, caches, the WAL
    await load(platform.url, context.dir, { ...manyDonors, seconds: 1 });
    await load(platform.url, context.dir, { ...health, seconds: 1 });
    const fromMany = await load(platform.url, context.dir, { ...manyDonors, seconds });
    const reads = await load(platform.url, context.dir, { ...health, seconds });
    const fromOne = await load(platform.url, context.dir, { ...gifts, seconds });
    const perSecond = (run: LoadResult) => run.requests / run.seconds;
    const row = (label: string, run: LoadResult): ScenarioResult => ({
      label,
      events: run.requests,
      seconds: run.seconds,
      p99Ms: run.p99Ms,
      note: `p50 ${run.p50Ms} ms`,
    });
    return [
      row(`HTTP POST /api/donations, ${CONNECTIONS} conn., 1 client address`, fromOne),
      row(`HTTP POST /api/donations, ${CONNECTIONS} conn., 10,000 addresses`, fromMany),
      row(`HTTP GET /health, ${CONNECTIONS} connections`, reads),
      {
        label: 'ratio POST /api/donations (1 address) / GET /health',
        ratio: perSecond(fromOne) / perSecond(reads),
        target: { ratioAtLeast: 0.25 },
      },
      {
        label: 'ratio POST /api/donations (10,000 addresses) / GET /health',
        ratio: perSecond(fromMany) / perSecond(reads),
        target: { ratioAtLeast: 0.25 },
      },
    ];
  });
}

/** What the leaderboard screen and the public pages ask most. */
export async function leaderboardReads(context: ScenarioContext): Promise<ScenarioResult[]> {
  return onDemoEdition(context, async (platform, edition) => {
    const client = new SequentialClient(platform.url);
    const count = Math.max(200, Math.round(3_000 * context.scale));
    const board = (kind: string) => `/api/editions/${edition.editionId}/leaderboard?kind=${kind}`;
    try {
      const teams = await client.latencies(board('teams'), count, 500);
      const walkers = await client.latencies(board('walkers'), count, 500);
      // warm-up at 50 connections, as for the donations: JIT and the cached answers
      await load(platform.url, context.dir, { path: board('teams'), connections: CONNECTIONS, seconds: 1 });
      const loaded = await load(platform.url, context.dir, {
        path: board('teams'),
        connections: CONNECTIONS,
        seconds: loadSeconds(context.scale),
      });
      const loadedWalkers = await load(platform.url, context.dir, {
        path: board('walkers'),
        connections: CONNECTIONS,
        seconds: loadSeconds(context.scale),
      });
      const stats = await load(platform.url, context.dir, {
        path: `/api/editions/${edition.editionId}/stats`,
        connections: CONNECTIONS,
        seconds: loadSeconds(context.scale),
      });
      // the floor of this run: the cheapest answer the platform gives, under the same machine's load
      const health = await load(platform.url, context.dir, {
        path: '/health',
        connections: CONNECTIONS,
        seconds: loadSeconds(context.scale),
      });
      return [
        {
          label: 'HTTP GET leaderboard?kind=teams, 1 connection',
          events: count,
          seconds: teams.seconds,
          p99Ms: p99(teams.latencies),
          target: { p99MsAtMost: 5 },
          note: `teams p50 ${percentile(teams.latencies, 0.5).toFixed(2)} ms (client in the same thread, included)`,
        },
        {
          label: 'HTTP GET leaderboard?kind=walkers, 1 connection',
          events: count,
          seconds: walkers.seconds,
          p99Ms: p99(walkers.latencies),
        },
        {
          label: `HTTP GET leaderboard?kind=teams, ${CONNECTIONS} connections`,
          events: loaded.requests,
          seconds: loaded.seconds,
          p99Ms: loaded.p99Ms,
          target: { p99MsAtMost: 20 },
          note: `p50 ${loaded.p50Ms} ms`,
        },
        {
          label: `HTTP GET leaderboard?kind=walkers, ${CONNECTIONS} connections`,
          events: loadedWalkers.requests,
          seconds: loadedWalkers.seconds,
          p99Ms: loadedWalkers.p99Ms,
          target: { p99MsAtMost: 20 },
          note: `p50 ${loadedWalkers.p50Ms} ms`,
        },
        {
          label: `HTTP GET /api/editions/:id/stats, ${CONNECTIONS} connections`,
          events: stats.requests,
          seconds: stats.seconds,
          p99Ms: stats.p99Ms,
          target: { p99MsAtMost: 20 },
          note: `p50 ${stats.p50Ms} ms`,
        },
        {
          label: `HTTP GET /health, ${CONNECTIONS} connections (same run, for comparison)`,
          events: health.requests,
          seconds: health.seconds,
          p99Ms: health.p99Ms,
          note: `p50 ${health.p50Ms} ms`,
        },
      ];
    } finally {
      client.close();
    }
  });
}

/**
 * From the sandbox's settle call (as the provider's webhook) until the read model the leaderboard reads (the team's
 * running total) shows the gift. The settle call answers only once the read models include it, so the time is its
 * round trip plus one read of the total; measured one gift after the other, idle and under donation load.
 */
export async function settleToLeaderboard(context: ScenarioContext): Promise<ScenarioResult[]> {
  return onDemoEdition(context, async (platform, edition) => {
    const client = new SequentialClient(platform.url);
    const random = new SeededRandom(27_09_2026);
    const gifts = Math.max(20, Math.round(200 * context.scale));

    const settleGifts = async () => {
      const latencies: number[] = [];
      let notYetShown = 0;
      const started = performance.now();
      for (let i = 0; i < gifts; i++) {
        const walker = random.int(0, edition.walkerIds.length - 1);
        const teamId = edition.teamIds[edition.walkerTeams[walker]];
        const amountCents = 1000 + random.int(0, 40) * 100;
        const created = await client.call('POST', '/api/donations', {
          beneficiary: { type: 'walker', id: edition.walkerIds[walker] },
          amountCents,
          frequency: 'one_off',
          donor: { name: 'Bench Sponsor', email: `bench-sponsor-${i}@example.net` },
        });
        if (created.status !== 201) throw new Error(`POST /api/donations answered ${created.status}`);
        const before = raised(platform.db, 'team', teamId).raisedCents;
        const settleAt = performance.now();
        const settled = await client.call(
          'POST',
          `/api/sandbox/donations/${(created.body as { id: string }).id}/settle`,
          {
            outcome: 'paid',
          },
        );
        if (settled.status !== 200) throw new Error(`settle answered ${settled.status}`);
        if (raised(platform.db, 'team', teamId).raisedCents < before + amountCents) notYetShown++;
        while (raised(platform.db, 'team', teamId).raisedCents < before + amountCents) {
          if (performance.now() - settleAt > 10_000) throw new Error(`team ${teamId} never showed the gift`);
          await nextTurn();
        }
        latencies.push(performance.now() - settleAt);
      }
      return { latencies, notYetShown, seconds: (performance.now() - started) / 1000 };
    };
    const shown = (run: { notYetShown: number }) =>
      `${run.notYetShown} of ${gifts} not yet in the read model when the settle call answered`;

    try {
      const idle = await settleGifts();
      let loadStopped!: () => void;
      const stop = new Promise<void>((resolve) => {
        loadStopped = resolve;
      });
      const background = load(platform.url, context.dir, {
        path: '/api/donations',
        connections: CONNECTIONS,
        donationsTo: edition.walkerIds,
        clients: DONOR_ADDRESSES,
        seconds: 600,
        until: stop,
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const loaded = await settleGifts().finally(() => loadStopped());
      await background;
      return [
        {
          label: 'sandbox settle -> team total in the read model, idle',
          unit: 'gifts',
          events: gifts,
          seconds: idle.seconds,
          p99Ms: p99(idle.latencies),
          target: { p99MsAtMost: 200 },
          note: `p50 ${percentile(idle.latencies, 0.5).toFixed(1)} ms; ${shown(idle)}; seconds include creating each gift`,
        },
        {
          label: `sandbox settle -> team total, under ${CONNECTIONS} conn. of POST /api/donations`,
          unit: 'gifts',
          events: gifts,
          seconds: loaded.seconds,
          p99Ms: p99(loaded.latencies),
          target: { p99MsAtMost: 200 },
          note: `p50 ${percentile(loaded.latencies, 0.5).toFixed(1)} ms; ${shown(loaded)}`,
        },
      ];
    } finally {
      client.close();
    }
  });
}
