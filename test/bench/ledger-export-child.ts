/**
 * One ledger export as XLSX to a file, in a process of its own, so that its RSS growth over the idle process is the
 * export's alone. Forked by the "ledger XLSX export" scenario: argv = read-model file, output file.
 * Answers `{ rows, seconds, idleRssMiB, peakRssMiB }` on IPC.
 */
import { createWriteStream } from 'node:fs';
import { ReadModelDatabase } from '@rw/read-models/runner/read-model-database';
import { ledgerRows } from '@rw/read-models/ledger/queries';
import { writeLedgerXlsx } from '../../apps/platform/src/finance/export-writers';

async function exportOnce(readModelFile: string, outputFile: string) {
  const database = new ReadModelDatabase(readModelFile);
  const rows = database.db.prepare('SELECT COUNT(*) AS n FROM ledger_movements').get() as { n: number };
  // modules loaded and the file open: this is the idle process
  const idleRssMiB = process.memoryUsage().rss / 1024 / 1024;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  await writeLedgerXlsx(ledgerRows(database.db, '2000-01-01', '2100-12-31'), createWriteStream(outputFile));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // the kernel's high-water mark catches a peak between two samples
  const peakRssMiB = Math.max(peakRss / 1024 / 1024, process.resourceUsage().maxRSS / 1024);
  database.close();
  return { rows: Number(rows.n), seconds, idleRssMiB, peakRssMiB };
}

const [readModelFile, outputFile] = process.argv.slice(2);
exportOnce(readModelFile, outputFile).then(
  (report) => process.send?.(report, () => process.exit(0)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
