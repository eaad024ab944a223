/** One benchmark: run in a child process of its own, so its peak RSS is its own. */
export interface Scenario {
  /** Unique; `npm run bench -- <filter>` runs the scenarios whose name contains the filter. */
  name: string;
  /** Throughput to reach, in `unit`s per second; absent for reference rows that only give a comparison. */
  target?: number;
  /** What is counted: "events" for the event store, "requests" for HTTP scenarios. */
  unit?: string;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}

export interface ScenarioContext {
  /** A fresh temporary directory for the scenario's files; deleted when it ends. */
  dir: string;
  /** Multiplies the sizes (BENCH_SCALE, default 1): a quick smoke run with 0.05. */
  scale: number;
}

export interface ScenarioResult {
  /** How many units were measured. */
  events: number;
  /** Wall-clock seconds of the measured part only (seeding and set-up excluded). */
  seconds: number;
  /** Anything worth printing under the table. */
  note?: string;
}

/** What a child sends back to the runner. */
export type ChildReport =
  | { ok: true; name: string; result: ScenarioResult; maxRssKiB: number }
  | { ok: false; name: string; error: string; maxRssKiB: number };

/** Scaled count, rounded to a multiple of `step` and at least one step. */
export function scaled(count: number, scale: number, step = 1): number {
  return Math.max(step, Math.round((count * scale) / step) * step);
}

/** Times `work` with the monotonic clock. */
export async function timed(work: () => Promise<void> | void): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}
