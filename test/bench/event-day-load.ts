/**
 * The load of the event day, in a worker thread (its own event loop, the machine's other core): live screens
 * open all along, gifts created and settled at a fixed rate, page views at a fixed rate. Open loop: requests go out
 * on schedule whether or not earlier ones were answered, so a slow platform shows as latency, not as less load.
 * Loaded by path from event-day.ts; every address is loopback.
 */
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export interface EventDayLoad {
  /** The platforms to spread the load over (one, or several instances of one installation), as http://host:port. */
  urls: string[];
  editionId: string;
  walkerIds: string[];
  screens: number;
  giftsPerSecond: number;
  pageViewsPerSecond: number;
  warmUpSeconds: number;
  seconds: number;
}

export interface EventDayOutcome {
  /** ms from sending to the answer, of every create and settle call of the measured part. */
  writes: number[];
  /** ms from sending the settle call until the last screen had the gift, for every gift of the measured part. */
  settleToScreen: number[];
  pageViews: number[];
  giftsMeasured: number;
  /** Gifts of the measured part that did not reach every screen within 10 s of the end (counted at that wait). */
  giftsMissing: number;
  /** Calls of the measured part still unanswered 10 s after the end (counted at that wait). */
  unanswered: number;
  failures: string[];
  /** p99 of the load generator's own event-loop delay, in ms: when high, the generator and not the platform lagged. */
  generatorLagP99Ms: number;
  seconds: number;
}

const TICK_MS = 10;

async function run(load: EventDayLoad): Promise<EventDayOutcome> {
  const failures: string[] = [];
  const fail = (what: string) => {
    if (failures.length < 20) failures.push(what);
  };
  const writes: number[] = [];
  const settleToScreen: number[] = [];
  const pageViews: number[] = [];
  const lag = monitorEventLoopDelay({ resolution: 10 });
  /** Gifts waiting for their screens, by donation id. */
  const awaited = new Map<string, { settleAt: number; screens: number; measured: boolean }>();
  const agents = load.urls.map(() => ({
    writes: new Agent({ keepAlive: true, maxSockets: 128 }),
    reads: new Agent({ keepAlive: true, maxSockets: 128 }),
  }));
  let measuring = false;

  const streams = await Promise.all(
    Array.from({ length: load.screens }, (_, i) => openScreen(load.urls[i % load.urls.length], load.editionId)),
  );
  function onDonation(donationId: string): void {
    const gift = awaited.get(donationId);
    if (!gift) return;
    gift.screens++;
    if (gift.screens < load.screens) return;
    if (gift.measured) settleToScreen.push(performance.now() - gift.settleAt);
    awaited.delete(donationId);
  }
  for (const stream of streams) stream.onDonation = onDonation;

  let made = 0;
  let measuredGifts = 0;
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  /** Measured calls on their way, by when they were sent: an overloaded platform's backlog counts too. */
  const waiting = new Map<symbol, { sentAt: number; into: number[] }>();
  const timedCall = async <T>(into: number[] | undefined, work: () => Promise<T>): Promise<T> => {
    const mark = Symbol();
    const sentAt = performance.now();
    if (into) waiting.set(mark, { sentAt, into });
    try {
      return await work();
    } finally {
      if (into && waiting.delete(mark)) into.push(performance.now() - sentAt);
    }
  };

  const gift = async () => {
    const n = made++;
    const measured = measuring;
    if (measured) measuredGifts++;
    const instance = n % load.urls.length;
    const url = load.urls[instance];
    const agent = agents[instance].writes;
    // many donors, each from an address of their own, most of them new (as at the walk)
    const from = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const created = await timedCall(measured ? writes : undefined, () =>
      call(agent, url, 'POST', '/api/donations', from, {
        beneficiary: { type: 'walker', id: load.walkerIds[n % load.walkerIds.length] },
        amountCents: 500 + (n % 40) * 100,
        frequency: 'one_off',
        donor: { name: `Event Day Donor ${n}`, email: `event-day-${n}@example.net` },
        message: 'Goed bezig!',
      }),
    );
    if (created.status !== 201) return fail(`POST /api/donations answered ${created.status}`);
    const donationId = (JSON.parse(created.body) as { id: string }).id;
    // the settle call may be answered after the screens already have the gift: wait for it from now on
    const settleAt = performance.now();
    awaited.set(donationId, { settleAt, screens: 0, measured });
    // settled on another instance than the one that created it, when there are several
    const settleUrl = load.urls[(instance + 1) % load.urls.length];
    const settleAgent = agents[(instance + 1) % load.urls.length].writes;
    const settled = await timedCall(measured ? writes : undefined, () =>
      call(settleAgent, settleUrl, 'POST', `/api/sandbox/donations/${donationId}/settle`, from, { outcome: 'paid' }),
    );
    if (settled.status !== 200) {
      awaited.delete(donationId);
      fail(`settle answered ${settled.status}`);
    }
  };

  const pages = [
    `/api/editions/${load.editionId}/leaderboard?kind=teams`,
    `/api/editions/${load.editionId}/leaderboard?kind=walkers`,
    `/api/editions/${load.editionId}/stats`,
    'walker',
    `/editions/${load.editionId}`,
  ];
  let viewed = 0;
  const pageView = async () => {
    const n = viewed++;
    const measured = measuring;
    const page = pages[n % pages.length];
    const path = page === 'walker' ? `/walkers/${load.walkerIds[(n * 7) % load.walkerIds.length]}` : page;
    const instance = n % load.urls.length;
    const answer = await timedCall(measured ? pageViews : undefined, () =>
      call(agents[instance].reads, load.urls[instance], 'GET', path),
    );
    if (answer.status !== 200) fail(`GET ${page} answered ${answer.status}`);
  };

  /** Sends at the given rates for `seconds`, on a fixed schedule. */
  const drive = (seconds: number) =>
    new Promise<void>((done) => {
      const started = performance.now();
      let giftsDue = 0;
      let viewsDue = 0;
      let last = started;
      const timer = setInterval(() => {
        const now = performance.now();
        const elapsed = (now - last) / 1000;
        last = now;
        giftsDue += load.giftsPerSecond * elapsed;
        viewsDue += load.pageViewsPerSecond * elapsed;
        for (; giftsDue >= 1; giftsDue--) track(gift().catch((error) => fail(String(error))));
        for (; viewsDue >= 1; viewsDue--) track(pageView().catch((error) => fail(String(error))));
        if (now - started >= seconds * 1000) {
          clearInterval(timer);
          done();
        }
      }, TICK_MS);
    });

  await drive(load.warmUpSeconds);
  measuring = true;
  lag.enable();
  const started = performance.now();
  await drive(load.seconds);
  const seconds = (performance.now() - started) / 1000;
  measuring = false;
  lag.disable();
  // what is still on its way: answered, and on the screens, within 10 s
  const deadline = performance.now() + 10_000;
  while ((inFlight.size > 0 || [...awaited.values()].some((g) => g.measured)) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // what never came counts as late as the wait: a lower bound of its latency, so percentiles stay honest
  const end = performance.now();
  const missing = [...awaited.values()].filter((g) => g.measured);
  for (const gift of missing) settleToScreen.push(end - gift.settleAt);
  const unanswered = [...waiting.values()];
  for (const call of unanswered) call.into.push(end - call.sentAt);
  for (const stream of streams) stream.close();
  for (const agent of agents) {
    agent.writes.destroy();
    agent.reads.destroy();
  }
  return {
    writes,
    settleToScreen,
    pageViews,
    giftsMeasured: measuredGifts,
    giftsMissing: missing.length,
    unanswered: unanswered.length,
    failures,
    generatorLagP99Ms: lag.percentile(99) / 1e6,
    seconds,
  };
}

/**
 * One call. A kept-alive connection the server closed just as it was reused fails before the server read anything
 * (ECONNRESET on a reused socket): that call is sent again once, as Node's documentation advises.
 */
async function call(
  agent: Agent,
  url: string,
  method: 'GET' | 'POST',
  path: string,
  forwardedFor?: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  try {
    return await callOnce(agent, url, method, path, forwardedFor, body);
  } catch (error) {
    if ((error as { reusedSocket?: boolean }).reusedSocket !== true) throw error;
    return callOnce(agent, url, method, path, forwardedFor, body);
  }
}

function callOnce(
  agent: Agent,
  url: string,
  method: 'GET' | 'POST',
  path: string,
  forwardedFor?: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((done, fail) => {
    const outgoing = request(
      `${url}${path}`,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        response.on('error', fail);
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      fail(Object.assign(error, { reusedSocket: error.code === 'ECONNRESET' && outgoing.reusedSocket })),
    );
    outgoing.end(payload);
  });
}

interface Screen {
  onDonation: (donationId: string) => void;
  close(): void;
}

/** One live screen: resolves once its first leaderboard arrived; reports each gift it is sent. */
function openScreen(url: string, editionId: string): Promise<Screen> {
  return new Promise((ready, fail) => {
    const outgoing = request(`${url}/api/editions/${editionId}/live`, { agent: false }, (response) => {
      if (response.statusCode !== 200) return fail(new Error(`live stream answered ${response.statusCode}`));
      const screen: Screen = { onDonation: () => undefined, close: () => response.destroy() };
      response.setEncoding('utf8');
      let buffer = '';
      let opened = false;
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          if (!opened && block.includes('event: leaderboard')) {
            opened = true;
            ready(screen);
          }
          if (!block.includes('event: donation')) continue;
          const data = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { donationId: string };
          screen.onDonation(data.donationId);
        }
      });
      response.on('error', () => undefined);
    });
    outgoing.on('error', fail);
    outgoing.end();
  });
}

if (parentPort) {
  const port = parentPort;
  run(workerData as EventDayLoad).then(
    (outcome) => port.postMessage({ ok: true, outcome }),
    (error: unknown) => port.postMessage({ ok: false, error: error instanceof Error ? error.stack : String(error) }),
  );
}
