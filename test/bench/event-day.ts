import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { demoScaleFor, seedDemoInOwnProcess } from './demo-edition';
import type { EventDayLoad, EventDayOutcome } from './event-day-load';
import { p99, startBenchPlatform } from './http';
import { type OwnProcess, startOwnProcess } from './own-process';
import { percentile, type ScenarioContext, type ScenarioResult } from './scenario';

const SCREENS = 200;
const GIFTS_PER_SECOND = 250;
const PAGE_VIEWS_PER_SECOND = 500;

/** The one secret both instances (and the seeding) share, as every instance of an installation must. */
const TWO_INSTANCES_SECRET = 'bench-two-instances-personal-data-secret-0123456789';

/** 60 s at full scale; a quick run (BENCH_SCALE=0.05) holds the same rates for 5 s. */
const measuredSeconds = (scale: number) => Math.max(5, Math.round(60 * scale));

/**
 * The walk itself, on the embedded store: 200 live screens stay connected while 250 gifts a second are created and
 * settled (through the sandbox, as the provider's webhook would) and 500 pages a second are viewed (leaderboards,
 * edition figures, the edition page, walker pages). The load runs in a worker thread (the platform keeps its own
 * event loop), on a fixed schedule, after a warm-up at the same rates.
 */
export async function eventDay(context: ScenarioContext): Promise<ScenarioResult[]> {
  const edition = await seedDemoInOwnProcess(context.dir, demoScaleFor(context.scale));
  const platform = await startBenchPlatform(context.dir);
  try {
    const outcome = await runLoad({
      urls: [platform.url],
      editionId: edition.editionId,
      walkerIds: edition.walkerIds,
      screens: SCREENS,
      giftsPerSecond: GIFTS_PER_SECOND,
      pageViewsPerSecond: PAGE_VIEWS_PER_SECOND,
      warmUpSeconds: Math.min(5, measuredSeconds(context.scale) / 5),
      seconds: measuredSeconds(context.scale),
    });
    return eventDayRows(outcome, `${edition.scale} demo, embedded store`);
  } finally {
    await platform.close();
  }
}

/**
 * The same walk on two platform instances over the EventStoreDB stand-in, each instance a process of its own with
 * its own DATA_DIR and read models (copies of the seeded one: same secrets, same donors' keys). The load is spread
 * over both: a gift is created on one and settled on the other, half the screens and pages on each. The stand-in
 * keeps everything in memory and answers at once, so these figures are the application's own overhead, not
 * EventStoreDB's.
 */
export async function eventDayOnTwoInstances(context: ScenarioContext): Promise<ScenarioResult[]> {
  const standIn = await startOwnProcess('stand-in');
  const instances: OwnProcess[] = [];
  try {
    const seeded = join(context.dir, 'seeded');
    const edition = await seedDemoInOwnProcess(seeded, demoScaleFor(context.scale), {
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: standIn.address,
      PERSONAL_DATA_SECRET: TWO_INSTANCES_SECRET,
    });
    for (const name of ['a', 'b']) {
      const dir = join(context.dir, name);
      cpSync(seeded, dir, { recursive: true });
      // one after the other: each catches up with the seeded events before it answers
      instances.push(await startOwnProcess('platform', [dir, standIn.address, TWO_INSTANCES_SECRET]));
    }
    const outcome = await runLoad({
      urls: instances.map((i) => i.address),
      editionId: edition.editionId,
      walkerIds: edition.walkerIds,
      screens: SCREENS,
      giftsPerSecond: GIFTS_PER_SECOND,
      pageViewsPerSecond: PAGE_VIEWS_PER_SECOND,
      warmUpSeconds: Math.min(5, measuredSeconds(context.scale) / 5),
      seconds: measuredSeconds(context.scale),
    });
    return eventDayRows(outcome, `${edition.scale} demo, 2 instances over the EventStoreDB stand-in`);
  } finally {
    for (const instance of instances) await instance.stop();
    await standIn.stop();
  }
}

export function runLoad(load: EventDayLoad): Promise<EventDayOutcome> {
  return new Promise((done, fail) => {
    const worker = new Worker(join(__dirname, 'event-day-load.js'), { workerData: load });
    worker.once('message', (message: { ok: true; outcome: EventDayOutcome } | { ok: false; error: string }) => {
      void worker.terminate();
      if (message.ok) done(message.outcome);
      else fail(new Error(message.error));
    });
    worker.once('error', fail);
  });
}

export function eventDayRows(outcome: EventDayOutcome, where: string): ScenarioResult[] {
  if (outcome.failures.length > 0) throw new Error(`the event day failed: ${outcome.failures.join('; ')}`);
  const lag = `load generator's own event-loop delay p99 ${outcome.generatorLagP99Ms.toFixed(0)} ms`;
  const backlog =
    outcome.unanswered > 0 ? `; ${outcome.unanswered} calls unanswered 10 s after the end (counted at 10 s)` : '';
  const missing =
    outcome.giftsMissing > 0
      ? `; ${outcome.giftsMissing} of ${outcome.giftsMeasured} gifts not on every screen 10 s after the end`
      : '';
  return [
    {
      label: `event day (${where}): create + settle calls, ${GIFTS_PER_SECOND} gifts/s`,
      unit: 'calls',
      events: outcome.writes.length,
      seconds: outcome.seconds,
      p99Ms: p99(outcome.writes),
      target: { p99MsAtMost: 100 },
      note: `p50 ${percentile(outcome.writes, 0.5).toFixed(1)} ms; ${lag}${backlog}`,
    },
    {
      label: `event day (${where}): settle -> last of ${SCREENS} live screens`,
      unit: 'gifts',
      events: outcome.settleToScreen.length,
      seconds: outcome.seconds,
      p99Ms: p99(outcome.settleToScreen),
      target: { p99MsAtMost: 500 },
      note: `p50 ${percentile(outcome.settleToScreen, 0.5).toFixed(1)} ms${missing}`,
    },
    {
      label: `event day (${where}): page views, ${PAGE_VIEWS_PER_SECOND}/s`,
      unit: 'pages',
      events: outcome.pageViews.length,
      seconds: outcome.seconds,
      p99Ms: p99(outcome.pageViews),
      note: `p50 ${percentile(outcome.pageViews, 0.5).toFixed(1)} ms; leaderboards, edition figures and pages, walker pages`,
    },
  ];
}
