import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@rw/event-store/event-store';
import type { SqliteEventStore } from '@rw/event-store/adapters/sqlite';
import type { Projection } from '@rw/read-models/runner/projection';

export const DONATION_RECEIVED = 'DonationReceived';

export interface DonationReceived {
  donationId: string;
  amountCents: number;
  walkerId: string;
}

/** A realistic-small event: a donation to one of the walkers. */
export function donationEvent(
  walkerId: string,
  amountCents = 2500,
): NewEvent<typeof DONATION_RECEIVED, DonationReceived> {
  return {
    type: DONATION_RECEIVED,
    data: { donationId: randomUUID(), amountCents, walkerId },
    metadata: { correlationId: randomUUID() },
  };
}

export function walkers(count: number): string[] {
  return Array.from({ length: count }, () => randomUUID());
}

/**
 * Writes `count` donations, one stream per donation ("no_stream"), spread over `walkerCount` walkers, with up to
 * `inFlight` appends waiting at once so that the group commit writes them in few transactions. Not measured.
 */
export async function seedDonations(
  store: SqliteEventStore,
  count: number,
  walkerCount = 10_000,
  inFlight = 2_000,
): Promise<void> {
  const ids = walkers(walkerCount);
  for (let start = 0; start < count; start += inFlight) {
    const appends: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(count, start + inFlight); i++) {
      const event = donationEvent(ids[i % walkerCount], 500 + (i % 50) * 100);
      appends.push(store.append(`donation-${event.data.donationId}`, [event], 'no_stream'));
    }
    await Promise.all(appends);
  }
}

/** A totals read model: per walker, how many donations and how much money. */
export function walkerTotalsProjection(name = 'walker_totals'): Projection {
  return {
    name,
    version: 1,
    eventTypes: [DONATION_RECEIVED],
    open(db) {
      db.exec(
        `CREATE TABLE IF NOT EXISTS ${name} (walker_id TEXT PRIMARY KEY, donations INTEGER NOT NULL, raised_cents INTEGER NOT NULL)`,
      );
      const upsert = db.prepare(
        `INSERT INTO ${name} (walker_id, donations, raised_cents) VALUES (?, 1, ?)
         ON CONFLICT (walker_id) DO UPDATE SET donations = donations + 1, raised_cents = raised_cents + excluded.raised_cents`,
      );
      return {
        reset: () => db.exec(`DELETE FROM ${name}`),
        apply: (event) => {
          const data = event.data as DonationReceived;
          upsert.run(data.walkerId, data.amountCents);
        },
      };
    },
  };
}
