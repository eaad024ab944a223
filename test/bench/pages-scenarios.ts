import { Agent, request } from 'node:http';
import { supportersOf } from '@rw/read-models';
import { onDemoEdition } from './http-scenarios';
import { p99 } from './http';
import { percentile, type ScenarioContext, type ScenarioResult } from './scenario';

/** One kept-alive connection, one page after the other; anything but 200 HTML fails. */
function getPage(agent: Agent, url: string): Promise<number> {
  return new Promise((done, fail) => {
    const outgoing = request(url, { agent }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () =>
        response.statusCode === 200 && String(response.headers['content-type']).startsWith('text/html')
          ? done(bytes)
          : fail(new Error(`GET ${url} answered ${response.statusCode}`)),
      );
      response.on('error', fail);
    });
    outgoing.on('error', fail);
    outgoing.end();
  });
}

/**
 * A walker's page rendered on the seeded edition (2,142 walkers, 12,096 supporters): walkers taken in turn, so
 * the supporters walls differ, plus the walker with the longest wall on its own.
 */
export async function walkerPageRender(context: ScenarioContext): Promise<ScenarioResult[]> {
  return onDemoEdition(context, async (platform, edition) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const count = Math.max(200, Math.round(3_000 * context.scale));
    const busiest = edition.walkerIds.reduce(
      (best, id) => {
        const wall = supportersOf(platform.db, id).length;
        return wall > best.wall ? { id, wall } : best;
      },
      { id: edition.walkerIds[0], wall: -1 },
    );
    const measure = async (pathOf: (i: number) => string) => {
      for (let i = 0; i < 300; i++) await getPage(agent, `${platform.url}${pathOf(i)}`);
      const latencies: number[] = [];
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        const before = performance.now();
        await getPage(agent, `${platform.url}${pathOf(i)}`);
        latencies.push(performance.now() - before);
      }
      return { latencies, seconds: (performance.now() - started) / 1000 };
    };
    try {
      const walkers = await measure((i) => `/walkers/${edition.walkerIds[i % edition.walkerIds.length]}`);
      const longest = await measure(() => `/walkers/${busiest.id}`);
      return [
        {
          label: 'HTTP GET /walkers/:id page, walkers in turn, 1 connection',
          unit: 'pages',
          events: count,
          seconds: walkers.seconds,
          p99Ms: p99(walkers.latencies),
          target: { p99MsAtMost: 20 },
          note: `p50 ${percentile(walkers.latencies, 0.5).toFixed(2)} ms (client in the same thread, included)`,
        },
        {
          label: `HTTP GET /walkers/:id page, longest wall (${busiest.wall} supporters shown)`,
          unit: 'pages',
          events: count,
          seconds: longest.seconds,
          p99Ms: p99(longest.latencies),
          target: { p99MsAtMost: 20 },
        },
      ];
    } finally {
      agent.destroy();
    }
  });
}
