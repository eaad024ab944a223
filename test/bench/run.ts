/**
 * `npm run bench [-- <filter>]`: runs each scenario in a child process of its own (so that the peak RSS is the
 * scenario's), prints a table and writes test-artifacts/bench-eventstore.json. Always exits 0 when the runs
 * themselves went through: a missed target is reported, not an error.
 *
 *   node dist/test/bench/run.js [filter]         the runner
 *   node dist/test/bench/run.js --child <name>   one scenario (what the runner forks)
 *
 * BENCH_SCALE=0.05 shrinks every scenario for a quick smoke run.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChildReport, Scenario } from './scenario';
import { scenarios } from './scenarios';
import { formatTable, headline, Row, toRows } from './table';

const CHILD_FLAG = '--child';
const ARTIFACT = resolve(__dirname, '..', '..', '..', 'test-artifacts', 'bench-eventstore.json');

function scale(): number {
  const value = Number(process.env.BENCH_SCALE ?? 1);
  return Number.isFinite(value) && value > 0 ? value : 1;
}

async function runChild(name: string): Promise<void> {
  const send = (report: ChildReport) =>
    new Promise<void>((done) => {
      if (process.send) process.send(report, () => done());
      else {
        console.log(JSON.stringify(report));
        done();
      }
    });
  const scenario = scenarios.find((s) => s.name === name);
  if (!scenario) {
    await send({ ok: false, name, error: `no scenario named "${name}"`, maxRssKiB: 0 });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'rw-bench-'));
  try {
    const result = await scenario.run({ dir, scale: scale() });
    const results = Array.isArray(result) ? result : [result];
    await send({ ok: true, name, results, maxRssKiB: process.resourceUsage().maxRSS });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await send({ ok: false, name, error: message, maxRssKiB: process.resourceUsage().maxRSS });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // the report is sent: a handle a scenario left open (a socket, a worker) must not keep the runner waiting
    setTimeout(() => process.exit(0), 5_000).unref();
  }
}

function forkScenario(scenario: Scenario): Promise<ChildReport> {
  return new Promise((done) => {
    const child = fork(__filename, [CHILD_FLAG, scenario.name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: ChildReport | undefined;
    child.on('message', (message) => {
      report = message as ChildReport;
    });
    child.on('error', (error) => {
      report ??= { ok: false, name: scenario.name, error: error.message, maxRssKiB: 0 };
    });
    child.on('exit', (code, signal) => {
      done(
        report ?? {
          ok: false,
          name: scenario.name,
          error: `the child exited without a report (code ${code}, signal ${signal})`,
          maxRssKiB: 0,
        },
      );
    });
  });
}

async function runAll(filter: string | undefined): Promise<void> {
  const selected = scenarios.filter((s) => !filter || s.name.toLowerCase().includes(filter.toLowerCase()));
  if (selected.length === 0) {
    console.error(`no scenario matches "${filter}"; there are:\n  ${scenarios.map((s) => s.name).join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  const rows: Row[] = [];
  for (const scenario of selected) {
    process.stdout.write(`running: ${scenario.name} ... `);
    const scenarioRows = toRows(scenario, await forkScenario(scenario));
    rows.push(...scenarioRows);
    console.log(scenarioRows.map(headline).join('; '));
  }
  console.log(`\n${formatTable(rows)}\n`);
  for (const row of rows) {
    if (row.note) console.log(`  ${row.scenario}: ${row.note}`);
  }
  for (const row of rows.filter((r) => r.error)) console.log(`\nFAILED ${row.scenario}:\n${row.error}`);
  const missed = rows.filter((r) => r.met === false);
  console.log(
    missed.length === 0
      ? '\nevery target met'
      : `\nMISSED ${missed.length} target(s): ${missed.map((r) => r.scenario).join('; ')}`,
  );
  mkdirSync(resolve(ARTIFACT, '..'), { recursive: true });
  writeFileSync(
    ARTIFACT,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        scale: scale(),
        filter: filter ?? null,
        results: rows,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written: ${ARTIFACT}`);
  // a failed run (not a missed target) is an error
  if (rows.some((r) => r.error)) process.exitCode = 1;
}

const args = process.argv.slice(2);
if (args[0] === CHILD_FLAG) {
  void runChild(args[1] ?? '');
} else {
  void runAll(args[0]);
}
