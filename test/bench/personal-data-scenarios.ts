import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@rw/event-store/adapters/sqlite';
import { DonorKeyStore } from '@rw/event-store/personal-data/donor-key-store';
import { PersonalDataVault } from '@rw/event-store/personal-data/personal-data-vault';
import { type ScenarioContext, type ScenarioResult, scaled, timed } from './scenario';

/**
 * What the personal-data vault costs: appends of gifts whose donor is sealed (a key lookup and AES-GCM per
 * event), then reading them all back opened, against reading the same file without opening.
 */
export async function personalDataVault(context: ScenarioContext): Promise<ScenarioResult[]> {
  const total = scaled(50_000, context.scale, 1_000);
  const donors = Array.from({ length: Math.max(10, Math.round(total / 5)) }, (_, i) => ({
    name: `Donor ${i}`,
    email: `donor-${i}@example.org`,
    nationalNumber: '85073003328',
  }));
  const inner = new SqliteEventStore(join(context.dir, 'events.sqlite'));
  const vault = new PersonalDataVault(inner, new DonorKeyStore(join(context.dir, 'donor-keys.sqlite')));
  try {
    let issued = 0;
    const writer = async () => {
      while (issued < total) {
        const i = issued++;
        const donationId = randomUUID();
        await vault.append(
          `donation-${donationId}`,
          [{ type: 'DonationCreated', data: { donationId, amountCents: 2500, donor: donors[i % donors.length] } }],
          'no_stream',
        );
      }
    };
    const appendSeconds = await timed(() => Promise.all(Array.from({ length: 16 }, writer)).then(() => undefined));
    const readThrough = async (store: SqliteEventStore | PersonalDataVault) => {
      let events = 0;
      const seconds = await timed(async () => {
        for await (const event of store.readAll()) {
          if (typeof (event.data as { donor: { donorId?: string } }).donor.donorId === 'string') events++;
        }
      });
      if (events !== total) throw new Error(`read ${events} of ${total} events`);
      return seconds;
    };
    const plainSeconds = await readThrough(inner);
    const openedSeconds = await readThrough(vault);
    return [
      { label: 'vault: appends with a sealed donor (16 writers)', events: total, seconds: appendSeconds },
      { label: 'vault: read all, donors opened', events: total, seconds: openedSeconds },
      {
        label: 'vault: read opened / read sealed (throughput ratio)',
        ratio: plainSeconds / openedSeconds,
        note: `${donors.length} donors; reading without opening took ${plainSeconds.toFixed(2)} s`,
      },
    ];
  } finally {
    await vault.close();
  }
}
