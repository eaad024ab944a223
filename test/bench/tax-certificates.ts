import { join } from 'node:path';
import { type NewEvent, upcastStream } from '@rw/event-store';
import { SqliteEventStore } from '@rw/event-store/adapters/sqlite';
import type { DonationEvent } from '@rw/fundraising/donation/events';
import { donationUpcasters } from '@rw/fundraising/donation/upcasters';
import { taxCertificatesDecider } from '@rw/fundraising/tax-certificate/decider';
import { TAX_CERTIFICATE_MINIMUM_CENTS, taxCertificatesStream } from '@rw/fundraising/tax-certificate/events';
import { giftsProjection } from '@rw/read-models/gifts/projection';
import { ReadModelDatabase } from '@rw/read-models/runner/read-model-database';
import { qualifyingGiftsOf } from '@rw/read-models/tax-certificates/queries';
import { belcotaxXml } from '../../apps/platform/src/finance/belcotax-xml';
import { type Charity, taxCertificatesCsv } from '../../apps/platform/src/finance/tax-certificate-files';
import { type ScenarioContext, type ScenarioResult, scaled, timed } from './scenario';

/** A national register number with a valid check (born in the 1900s), from a running number. */
function nationalNumber(i: number): string {
  const body = `80${String(i).padStart(7, '0')}`;
  return `${body}${String(97 - Number(BigInt(body) % 97n)).padStart(2, '0')}`;
}

/**
 * A year of `donors` donors in the gifts read model (three paid gifts each, one in ten refunded in part), then
 * what finance does for the year: the qualifying amounts, issuing every certificate (decide + one append), and
 * the Belcotax XML and CSV files. Seeding is not timed.
 */
export async function taxCertificatesForAYear(context: ScenarioContext): Promise<ScenarioResult> {
  const donors = scaled(20_000, context.scale, 100);
  const database = new ReadModelDatabase(join(context.dir, 'read-models.sqlite'));
  const store = new SqliteEventStore(join(context.dir, 'events.sqlite'));
  try {
    const handler = giftsProjection.open(database.db);
    let position = 0;
    // each gift's events pass through the platform's upcasters: its money events say what they count for
    const creations = new Map<string, DonationEvent>();
    const apply = (stored: DonationEvent, streamId: string) => {
      const creation = creations.get(stored.data.donationId);
      if (stored.type === 'DonationCreated') creations.set(stored.data.donationId, stored);
      const event = creation ? (upcastStream([creation, stored], donationUpcasters)[1] as DonationEvent) : stored;
      handler.apply({
        ...event,
        id: `e${position}`,
        metadata: {},
        streamId,
        revision: 0,
        position: BigInt(++position),
        recordedAt: '',
      });
    };
    database.transaction(() => {
      for (let d = 0; d < donors; d++) {
        for (let g = 0; g < 3; g++) {
          const donationId = `d${d}-${g}`;
          const stream = `donation-${donationId}`;
          apply(
            {
              type: 'DonationCreated',
              data: {
                donationId,
                editionId: 'e1',
                beneficiary: { type: 'edition', id: 'e1' },
                amountCents: 2000 + (d % 50) * 100,
                frequency: 'one_off',
                donor: {
                  name: `Donor ${d}`,
                  email: `donor${d}@example.be`,
                  address: { street: `Kerkstraat ${d}`, postalCode: '9000', city: 'Gent' },
                  nationalNumber: nationalNumber(d),
                },
                anonymous: false,
                provider: 'sandbox',
                createdAt: `2024-0${1 + g}-10T10:00:00.000Z`,
              },
            },
            stream,
          );
          apply(
            {
              type: 'DonationPaid',
              data: {
                donationId,
                amountCents: 2000 + (d % 50) * 100,
                providerReference: donationId,
                paidAt: `2024-0${1 + g}-10T10:05:00.000Z`,
              },
            },
            stream,
          );
          if (g === 0 && d % 10 === 0) {
            apply(
              {
                type: 'DonationRefunded',
                data: { donationId, refundId: 'r1', amountCents: 500, refundedAt: '2024-05-01T00:00:00.000Z' },
              },
              stream,
            );
          }
        }
      }
    });
    const charity: Charity = {
      name: 'Refugee Walk',
      street: 'Wetstraat 1',
      postalCode: '1000',
      city: 'Brussel',
      companyNumber: '0412.345.614',
      contactName: 'Finance',
      phone: '+3225550100',
      email: 'finance@example.org',
      signatory: 'The treasurer',
      certificateArticle: '1',
    };
    let issued = 0;
    let xmlLength = 0;
    const seconds = await timed(async () => {
      const qualifying = qualifyingGiftsOf(database.db, 2024, TAX_CERTIFICATE_MINIMUM_CENTS);
      const events = taxCertificatesDecider.decide(
        {
          type: 'IssueTaxCertificates',
          year: 2024,
          donors: qualifying.map(({ donorKey, amountCents, ...donor }) => ({ donorKey, donor, amountCents })),
          at: '2025-02-01T09:00:00.000Z',
        },
        taxCertificatesDecider.initialState,
      );
      await store.append(taxCertificatesStream(2024), events as NewEvent[], 'no_stream');
      const lines = qualifying.map((q, i) => ({
        ...q,
        number: i + 1,
        status: 'issued' as const,
        surname: q.name,
        firstNames: '',
        nameSplit: 'guessed' as const,
        qualifyingCents: q.amountCents,
      }));
      xmlLength =
        belcotaxXml(charity, 2024, lines, new Date('2025-02-01T09:00:00.000Z')).length +
        taxCertificatesCsv(2024, charity, lines).length;
      issued = events.length;
    });
    if (issued !== donors) throw new Error(`issued ${issued} certificates for ${donors} donors`);
    return {
      events: donors,
      seconds,
      note: `${issued} certificates, ${(xmlLength / 1e6).toFixed(1)} MB of XML and CSV`,
    };
  } finally {
    database.close();
    await store.close();
  }
}
