import type { ChildReport, Scenario } from './scenario';

export interface Row {
  scenario: string;
  unit: string;
  events: number | null;
  seconds: number | null;
  perSecond: number | null;
  target: number | null;
  /** null when there is no target (a reference row) or the scenario failed. */
  met: boolean | null;
  peakRssMiB: number | null;
  note?: string;
  error?: string;
}

export function toRow(scenario: Scenario, report: ChildReport): Row {
  const peakRssMiB = report.maxRssKiB > 0 ? report.maxRssKiB / 1024 : null;
  const base = {
    scenario: scenario.name,
    unit: scenario.unit ?? 'events',
    target: scenario.target ?? null,
    peakRssMiB,
  };
  if (!report.ok) {
    return {
      ...base,
      events: null,
      seconds: null,
      perSecond: null,
      met: scenario.target ? false : null,
      error: report.error,
    };
  }
  const { events, seconds, note } = report.result;
  const perSecond = events / seconds;
  return {
    ...base,
    events,
    seconds,
    perSecond,
    met: scenario.target === undefined ? null : perSecond >= scenario.target,
    ...(note ? { note } : {}),
  };
}

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

function cells(row: Row): string[] {
  return [
    row.scenario,
    row.events === null ? '-' : integer.format(row.events),
    row.seconds === null ? '-' : row.seconds.toFixed(2),
    row.perSecond === null ? 'FAILED' : integer.format(row.perSecond),
    row.target === null ? '-' : `>= ${integer.format(row.target)}`,
    row.met === null ? '-' : row.met ? 'yes' : 'NO',
    row.peakRssMiB === null ? '-' : row.peakRssMiB.toFixed(0),
  ];
}

const HEADER = ['scenario', 'events', 'seconds', 'events/s', 'target', 'met?', 'peak RSS MiB'];
/** Text columns are left-aligned, figures right-aligned. */
const RIGHT = [false, true, true, true, true, false, true];

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
