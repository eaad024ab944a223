/** One benchmark: run in a child process of its own, so its peak RSS is its own. */
export interface Scenario {
  /** Unique; `npm run bench -- <filter>` runs the scenarios whose name contains the filter. */
  name: string;
  /** Throughput to reach, in `unit`s per second; absent for reference rows that only give a comparison. */
  target?: number;
  /** What is counted: "events" for the event store, "requests" for HTTP scenarios. */
  unit?: string;
  /** One result, or several rows of the table measured in the same process (they share its peak RSS). */
  run(context: ScenarioContext): Promise<ScenarioResult | ScenarioResult[]>;
}

export interface ScenarioContext {
  /** A fresh temporary directory for the scenario's files; deleted when it ends. */
  dir: string;
  /** Multiplies the sizes (BENCH_SCALE, default 1): a quick smoke run with 0.05. */
  scale: number;
}

/** What a row is held to: a throughput, a latency (99th percentile), or a ratio of two throughputs. */
export type Target = { perSecond: number } | { p99MsAtMost: number } | { ratioAtLeast: number };

export interface ScenarioResult {
  /** The row's name; the scenario's name when absent. */
  label?: string;
  /** The scenario's unit when absent. */
  unit?: string;
  /** How many units were measured (absent for a ratio). */
  events?: number;
  /** Wall-clock seconds of the measured part only (seeding and set-up excluded). */
  seconds?: number;
  /** 99th percentile of one unit's latency, in ms. */
  p99Ms?: number;
  /** A ratio of two measurements (for example the throughput of one endpoint over another's). */
  ratio?: number;
  /** The row's target; the scenario's `target` (throughput) when absent and the scenario has one row. */
  target?: Target;
  /** Anything worth printing under the table. */
  note?: string;
}

/** What a child sends back to the runner. */
export type ChildReport =
  | { ok: true; name: string; results: ScenarioResult[]; maxRssKiB: number }
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

/** The `fraction` quantile (0.99: p99) of latencies, nearest rank. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}
