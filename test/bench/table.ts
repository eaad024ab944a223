import type { ChildReport, Scenario, ScenarioResult, Target } from './scenario';

export interface Row {
  scenario: string;
  unit: string;
  events: number | null;
  seconds: number | null;
  perSecond: number | null;
  p99Ms: number | null;
  ratio: number | null;
  target: Target | null;
  /** null when there is no target (a reference row) or the scenario failed. */
  met: boolean | null;
  peakRssMiB: number | null;
  note?: string;
  error?: string;
}

/** The rows of one scenario's report: one per result, or one failed row. */
export function toRows(scenario: Scenario, report: ChildReport): Row[] {
  const peakRssMiB = report.maxRssKiB > 0 ? report.maxRssKiB / 1024 : null;
  const scenarioTarget: Target | null = scenario.target === undefined ? null : { perSecond: scenario.target };
  if (!report.ok) {
    return [
      {
        scenario: scenario.name,
        unit: scenario.unit ?? 'events',
        events: null,
        seconds: null,
        perSecond: null,
        p99Ms: null,
        ratio: null,
        target: scenarioTarget,
        met: scenarioTarget ? false : null,
        peakRssMiB,
        error: report.error,
      },
    ];
  }
  return report.results.map((result: ScenarioResult) => {
    const { events, seconds, p99Ms, ratio, note } = result;
    const perSecond = events !== undefined && seconds !== undefined && seconds > 0 ? events / seconds : null;
    const target = result.target ?? (report.results.length === 1 ? scenarioTarget : null);
    const row: Row = {
      scenario: result.label ?? scenario.name,
      unit: result.unit ?? scenario.unit ?? 'events',
      events: events ?? null,
      seconds: seconds ?? null,
      perSecond,
      p99Ms: p99Ms ?? null,
      ratio: ratio ?? null,
      target,
      met: null,
      peakRssMiB,
      ...(note ? { note } : {}),
    };
    row.met = target === null ? null : meets(row, target);
    return row;
  });
}

function meets(row: Row, target: Target): boolean {
  if ('perSecond' in target) return row.perSecond !== null && row.perSecond >= target.perSecond;
  if ('p99MsAtMost' in target) return row.p99Ms !== null && row.p99Ms <= target.p99MsAtMost;
  return row.ratio !== null && row.ratio >= target.ratioAtLeast;
}

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

function formatTarget(target: Target): string {
  if ('perSecond' in target) return `>= ${integer.format(target.perSecond)}/s`;
  if ('p99MsAtMost' in target) return `p99 <= ${target.p99MsAtMost} ms`;
  return `ratio >= ${target.ratioAtLeast}`;
}

/** The figure a row is about, for the runner's progress line. */
export function headline(row: Row): string {
  if (row.error) return 'FAILED';
  const parts = [];
  if (row.perSecond !== null) parts.push(`${integer.format(row.perSecond)} ${row.unit}/s`);
  if (row.p99Ms !== null) parts.push(`p99 ${row.p99Ms.toFixed(1)} ms`);
  if (row.ratio !== null) parts.push(`ratio ${row.ratio.toFixed(2)}`);
  return parts.join(', ');
}

function cells(row: Row): string[] {
  return [
    row.scenario,
    row.ratio !== null
      ? `ratio ${row.ratio.toFixed(2)}`
      : row.events === null
        ? '-'
        : `${integer.format(row.events)} ${row.unit}`,
    row.seconds === null ? '-' : row.seconds.toFixed(2),
    row.perSecond === null ? (row.error ? 'FAILED' : '-') : integer.format(row.perSecond),
    row.p99Ms === null ? '-' : row.p99Ms.toFixed(1),
    row.target === null ? '-' : formatTarget(row.target),
    row.met === null ? '-' : row.met ? 'yes' : 'NO',
    row.peakRssMiB === null ? '-' : row.peakRssMiB.toFixed(0),
  ];
}

const HEADER = ['scenario', 'measured', 'seconds', 'per second', 'p99 ms', 'target', 'met?', 'peak RSS MiB'];
/** Text columns are left-aligned, figures right-aligned. */
const RIGHT = [false, true, true, true, true, true, false, true];

export function formatTable(rows: readonly Row[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...table.map((line) => line[c].length)));
  const format = (line: string[]) =>
    line
      .map((cell, c) => (RIGHT[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [format(HEADER), rule, ...table.slice(1).map(format)].join('\n');
}
