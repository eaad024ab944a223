import { formatMoney } from '@rw/kernel';
import type { SeedReport } from './seed-demo';

const count = (n: number) => n.toLocaleString('en-GB');
/** The operator reads English: "€478,000.00". */
const euros = (cents: number) => formatMoney(cents, 'en');

/** The seed's figures as the read models show them, then the mix of gifts the plan made. */
export function seedSummary(report: SeedReport): string {
  const { stats, expected } = report;
  const mismatches = (['teams', 'walkers', 'supporters', 'raisedCents'] as const).filter(
    (key) => stats[key] !== expected[key],
  );
  const average = (cents: number, n: number) => euros(n === 0 ? 0 : Math.round(cents / n));
  const lines = [
    `seeded the ${report.scale} demo in ${(report.milliseconds / 1000).toFixed(1)} s (${count(report.commands)} commands)`,
    `  edition     ${report.ids.editionId}`,
    `  teams       ${count(stats.teams)}`,
    `  walkers     ${count(stats.walkers)}`,
    `  supporters  ${count(stats.supporters)}`,
    `  raised      ${euros(stats.raisedCents)}`,
    `  one-off     ${count(expected.oneOff.donors)} donors, ${count(expected.oneOff.gifts)} gifts, average ${average(expected.oneOff.raisedCents, expected.oneOff.gifts)}`,
    `  monthly     ${count(expected.monthly.donors)} donors, ${count(expected.monthly.payments)} payments, average ${average(expected.monthly.raisedCents, expected.monthly.payments)}`,
    `  unpaid      ${count(expected.unpaidGifts)} gifts failed or expired at checkout`,
    `  fees        ${count(expected.fees.paid)} paid, ${count(expected.fees.waived)} waived, ${count(expected.fees.pending)} still owed`,
    mismatches.length === 0
      ? '  the read models agree with the plan'
      : `  WARNING: the read models differ from the plan in ${mismatches.join(', ')}: ${mismatches.map((k) => `${stats[k]} instead of ${expected[k]}`).join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
