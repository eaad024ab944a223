import { fork } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type RecordedEvent, type StoredEvent, upcastStream } from '@rw/event-store';
import { donationUpcasters } from '@rw/fundraising';
import { allProjections } from '@rw/read-models/projections';
import { ReadModelDatabase } from '@rw/read-models/runner/read-model-database';
import { type ScenarioContext, type ScenarioResult, scaled } from './scenario';

const TARGET_SECONDS = 3;
const TARGET_GROWTH_MIB = 50;

/**
 * An edition-scale ledger (about 25,000 movements at scale 1) built through the projections: one-off gifts with a
 * fee, monthly gifts with charges, refunds, registration fees; 400 walkers in 80 teams as beneficiaries.
 */
export function seedLedger(file: string, scale: number): number {
  const database = new ReadModelDatabase(file);
  const handlers = allProjections.map((projection) => projection.open(database.db));
  let position = 0;
  // each gift's creation, so that its money events are applied as the decider writes them today (saying what they
  // count for), as the platform's upcasters read older ones
  const creations = new Map<unknown, StoredEvent>();
  const apply = (type: string, stored: Record<string, unknown>) => {
    position += 1;
    const creation = creations.get(stored.donationId);
    const data = creation ? upcastStream([creation, { type, data: stored }], donationUpcasters)[1]?.data : stored;
    if (type === 'DonationCreated') creations.set(stored.donationId, { type, data: stored });
    const event = {
      id: `e${position}`,
      type,
      data,
      metadata: {},
      streamId: 's',
      revision: 0,
      position: BigInt(position),
      recordedAt: '',
    };
    for (const handler of handlers) handler.apply(event as RecordedEvent);
  };
  const day = (i: number) =>
    new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000 + (i % 1440) * 60_000).toISOString();
  const oneOffs = scaled(8_000, scale, 10);
  const monthlies = scaled(1_000, scale, 10);
  database.transaction(() => {
    apply('EditionCreated', {
      editionId: 'e1',
      name: 'Refugee Walk 2026',
      walkOn: '2026-09-27',
      routes: [],
      walkerMinimumCents: 0,
      createdAt: day(0),
      createdBy: 'bench',
    });
    for (let w = 0; w < 400; w++) {
      apply('WalkerRegistered', {
        walkerId: `w${w}`,
        teamId: `t${w % 80}`,
        editionId: 'e1',
        routeId: 'r1',
        name: `Walker ${w}`,
        email: `walker${w}@example.be`,
        slug: `walker-${w}`,
        role: 'member',
        targetCents: 0,
        story: '',
        registrationFeeCents: 15_00,
        registeredAt: day(w),
      });
      apply('RegistrationFeePaid', {
        walkerId: `w${w}`,
        feeCents: 15_00,
        paymentReference: `fee-w${w}`,
        paidAt: day(w),
      });
    }
    const created = (id: string, i: number, frequency: string, amountCents: number) =>
      apply('DonationCreated', {
        donationId: id,
        editionId: 'e1',
        beneficiary: { type: 'walker', id: `w${i % 400}` },
        teamId: `t${i % 80}`,
        walkerId: `w${i % 400}`,
        amountCents,
        frequency,
        donor: { name: `Donor ${i}`, email: `donor${i}@example.be` },
        anonymous: false,
        provider: 'mollie',
        createdAt: day(i),
      });
    for (let i = 0; i < oneOffs; i++) {
      const id = `o${i}`;
      created(id, i, 'one_off', 500 + (i % 9_500));
      apply('DonationPaid', {
        donationId: id,
        amountCents: 500 + (i % 9_500),
        providerReference: `tr_${id}`,
        paidAt: day(i),
      });
      apply('ProviderFeeRecorded', {
        donationId: id,
        providerPaymentId: `tr_${id}`,
        feeCents: 29,
        recordedAt: day(i + 1),
      });
      if (i % 20 === 0) {
        apply('DonationRefunded', { donationId: id, refundId: `re_${id}`, amountCents: 500, refundedAt: day(i + 3) });
      }
    }
    for (let i = 0; i < monthlies; i++) {
      const id = `m${i}`;
      created(id, oneOffs + i, 'monthly', 1_000);
      apply('DonationPaid', { donationId: id, amountCents: 1_000, providerReference: `tr_${id}`, paidAt: day(i) });
      for (let month = 1; month <= 7; month++) {
        apply('MonthlyChargePaid', {
          donationId: id,
          chargeId: `${id}-${month}`,
          amountCents: 1_000,
          providerReference: `tr_${id}_${month}`,
          paidAt: day(i + month * 30),
        });
      }
    }
  });
  const rows = database.db.prepare('SELECT COUNT(*) AS n FROM ledger_movements').get() as { n: number };
  database.close();
  return Number(rows.n);
}

interface ExportReport {
  rows: number;
  seconds: number;
  idleRssMiB: number;
  peakRssMiB: number;
}

function exportInChild(readModelFile: string, outputFile: string): Promise<ExportReport> {
  return new Promise((done, fail) => {
    const child = fork(join(__dirname, 'ledger-export-child.js'), [readModelFile, outputFile], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: ExportReport | undefined;
    child.on('message', (message) => {
      report = message as ExportReport;
    });
    child.on('error', fail);
    child.on('exit', (code) => (report ? done(report) : fail(new Error(`the export child exited with ${code}`))));
  });
}

/** Ledger export as XLSX: time (<= 3 s) and the export process's RSS growth over its idle state (<= 50 MiB). */
export async function ledgerXlsxExport(context: ScenarioContext): Promise<ScenarioResult[]> {
  const readModelFile = join(context.dir, 'read-models.sqlite');
  const outputFile = join(context.dir, 'ledger.xlsx');
  const seeded = seedLedger(readModelFile, context.scale);
  const report = await exportInChild(readModelFile, outputFile);
  if (report.rows !== seeded) throw new Error(`exported ${report.rows} rows, seeded ${seeded}`);
  const growthMiB = Math.max(0, report.peakRssMiB - report.idleRssMiB);
  const sizeMiB = statSync(outputFile).size / 1024 / 1024;
  return [
    {
      label: 'ledger XLSX export (time)',
      unit: 'rows',
      events: report.rows,
      seconds: report.seconds,
      // 25,000 rows in 3 s at scale 1
      target: { perSecond: Math.round(report.rows / TARGET_SECONDS) },
      note: `${report.rows} rows in ${report.seconds.toFixed(2)} s (target <= ${TARGET_SECONDS} s), file ${sizeMiB.toFixed(1)} MiB`,
    },
    {
      label: 'ledger XLSX export (memory: 50 MiB / RSS growth)',
      unit: 'ratio',
      ratio: TARGET_GROWTH_MIB / Math.max(growthMiB, 0.1),
      target: { ratioAtLeast: 1 },
      note: `RSS idle ${report.idleRssMiB.toFixed(1)} MiB, peak ${report.peakRssMiB.toFixed(1)} MiB: growth ${growthMiB.toFixed(1)} MiB (target <= ${TARGET_GROWTH_MIB} MiB)`,
    },
  ];
}
