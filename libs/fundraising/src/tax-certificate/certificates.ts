import type { EventStore } from '@rw/event-store';
import { type CertifiedDonor, type TaxCertificateEvent, taxCertificatesStream } from './events';

/** One certificate of a year as issued, and whether it still holds. */
export interface TaxCertificate {
  year: number;
  number: number;
  donorKey: string;
  donor: CertifiedDonor;
  amountCents: number;
  issuedAt: string;
  corrects?: number;
  cancelled?: { reason: string; cancelledAt: string };
}

/** Every certificate of a year's stream, by number (cancelled ones included, marked). */
export function taxCertificatesOf(events: readonly TaxCertificateEvent[]): TaxCertificate[] {
  const byNumber = new Map<number, TaxCertificate>();
  for (const event of events) {
    switch (event.type) {
      case 'TaxCertificateIssued':
        byNumber.set(event.data.number, { ...event.data });
        break;
      case 'TaxCertificateCancelled': {
        const certificate = byNumber.get(event.data.number);
        if (certificate) certificate.cancelled = { reason: event.data.reason, cancelledAt: event.data.cancelledAt };
        break;
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

/** The certificates issued for an income year, read from the year's own stream (its numbering is kept there). */
export async function issuedTaxCertificates(store: EventStore, year: number): Promise<TaxCertificate[]> {
  const events = await store.readStream(taxCertificatesStream(year));
  return taxCertificatesOf(events.map((e) => ({ type: e.type, data: e.data }) as TaxCertificateEvent));
}
