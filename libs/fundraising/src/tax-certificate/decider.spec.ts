import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import type { IssueTaxCertificates, QualifyingDonor } from './commands';
import { taxCertificatesDecider } from './decider';
import { InvalidTaxCertificates } from './errors';
import type { TaxCertificateCancelled, TaxCertificateIssued } from './events';

const spec = deciderSpec(taxCertificatesDecider);
const at = '2025-02-01T09:00:00.000Z';
const later = '2025-02-10T09:00:00.000Z';

const person = (name: string, nationalNumber: string): QualifyingDonor['donor'] => ({
  name,
  email: `${name.toLowerCase()}@example.org`,
  address: { street: 'Rue Haute 1', postalCode: '1000', city: 'Brussel', country: 'BE' },
  nationalNumber,
});
const ann: QualifyingDonor = { donorKey: 'k-ann', donor: person('Ann', '85073003328'), amountCents: 5000 };
const bob: QualifyingDonor = { donorKey: 'k-bob', donor: person('Bob', '01020312345'), amountCents: 4000 };
const cleo: QualifyingDonor = { donorKey: 'k-cleo', donor: person('Cleo', '01020312316'), amountCents: 12_345 };

const issueFor = (donors: QualifyingDonor[], when = at): IssueTaxCertificates => ({
  type: 'IssueTaxCertificates',
  year: 2024,
  donors,
  at: when,
});
const issued = (d: QualifyingDonor, number: number, extra: { corrects?: number; when?: string } = {}) =>
  ({
    type: 'TaxCertificateIssued',
    data: {
      year: 2024,
      number,
      donorKey: d.donorKey,
      donor: d.donor,
      amountCents: d.amountCents,
      ...(extra.corrects === undefined ? {} : { corrects: extra.corrects }),
      issuedAt: extra.when ?? at,
    },
  }) satisfies TaxCertificateIssued;

describe('issuing a year of tax certificates', () => {
  it('numbers the first certificates of a year 1, 2, 3 in the order given', () => {
    spec
      .given([])
      .when(issueFor([ann, bob, cleo]))
      .then([issued(ann, 1), issued(bob, 2), issued(cleo, 3)]);
  });

  it('appends nothing when issued again with nothing changed', () => {
    spec
      .given([issued(ann, 1), issued(bob, 2)])
      .when(issueFor([ann, bob], later))
      .then([]);
  });

  it('only adds certificates for donors not yet certified, numbered after the last one', () => {
    spec
      .given([issued(ann, 1), issued(bob, 2)])
      .when(issueFor([ann, bob, cleo], later))
      .then([issued(cleo, 3, { when: later })]);
  });

  it('cancels the certificate of a donor whose amount changed and issues a correction with the next number', () => {
    const annMore = { ...ann, amountCents: 7500 };
    const cancelled: TaxCertificateCancelled = {
      type: 'TaxCertificateCancelled',
      data: {
        year: 2024,
        number: 1,
        donorKey: 'k-ann',
        reason: 'amount changed from 50.00 EUR to 75.00 EUR',
        cancelledAt: later,
      },
    };
    spec
      .given([issued(ann, 1), issued(bob, 2)])
      .when(issueFor([annMore, bob], later))
      .then([cancelled, issued(annMore, 3, { corrects: 1, when: later })]);
  });

  it('never reuses the number of a cancelled certificate', () => {
    const annMore = { ...ann, amountCents: 7500 };
    const cancelled: TaxCertificateCancelled = {
      type: 'TaxCertificateCancelled',
      data: { year: 2024, number: 2, donorKey: 'k-bob', reason: 'x', cancelledAt: later },
    };
    spec
      .given([issued(ann, 1), issued(bob, 2), cancelled])
      .when(issueFor([annMore], later))
      .then([
        {
          ...cancelled,
          data: {
            ...cancelled.data,
            number: 1,
            donorKey: 'k-ann',
            reason: 'amount changed from 50.00 EUR to 75.00 EUR',
          },
        },
        issued(annMore, 3, { corrects: 1, when: later }),
      ]);
  });

  it('cancels the certificate of a donor whose gifts fell under 40.00 EUR after a refund', () => {
    spec
      .given([issued(ann, 1), issued(bob, 2)])
      .when(issueFor([ann], later))
      .then([
        {
          type: 'TaxCertificateCancelled',
          data: {
            year: 2024,
            number: 2,
            donorKey: 'k-bob',
            reason: "the donor's qualifying gifts are now under 40.00 EUR",
            cancelledAt: later,
          },
        },
      ]);
  });

  it('refuses a donor under 40.00 EUR', () => {
    spec
      .given([])
      .when(issueFor([{ ...ann, amountCents: 3999 }]))
      .thenFails(InvalidTaxCertificates, /40\.00 EUR or more/);
  });

  it('issues a certificate without a national number for 2024 and 2025 (tolerated), the field left empty', () => {
    const { nationalNumber: _, ...withoutNumber } = ann.donor;
    const donor = { ...ann, donor: withoutNumber };
    spec
      .given([])
      .when(issueFor([donor]))
      .then([issued(donor, 1)]);
    const in2025 = { ...issued(donor, 1), data: { ...issued(donor, 1).data, year: 2025 } };
    spec
      .given([])
      .when({ ...issueFor([donor]), year: 2025 })
      .then([in2025]);
  });

  it('refuses a donor without a national register or BIS number from income year 2026', () => {
    const { nationalNumber: _, ...withoutNumber } = ann.donor;
    spec
      .given([])
      .when({ ...issueFor([{ ...ann, donor: withoutNumber }]), year: 2026, at: '2027-02-01T09:00:00.000Z' })
      .thenFails(InvalidTaxCertificates, /needs the donor's national register or BIS number/);
  });

  it('refuses a donor without an address from 2024, and a national number that is not valid', () => {
    const { address: _, ...withoutAddress } = ann.donor;
    spec
      .given([])
      .when(issueFor([{ ...ann, donor: withoutAddress }]))
      .thenFails(InvalidTaxCertificates, /needs the donor's address/);
    spec
      .given([])
      .when(issueFor([{ ...ann, donor: { ...ann.donor, nationalNumber: '85133000105' } }]))
      .thenFails(InvalidTaxCertificates, /national register or BIS number is not valid/);
  });

  it('accepts a donor without a national register number or address before 2024', () => {
    const { nationalNumber: _, address: __, ...withoutDetails } = ann.donor;
    const donor = { ...ann, donor: withoutDetails };
    spec
      .given([])
      .when({ ...issueFor([donor]), year: 2023 })
      .then([{ ...issued(donor, 1), data: { ...issued(donor, 1).data, year: 2023 } }]);
  });

  it('refuses a year out of 2000..2100 and a donor listed twice', () => {
    spec
      .given([])
      .when({ ...issueFor([ann]), year: 1999 })
      .thenFails(InvalidTaxCertificates, /between 2000 and 2100/);
    spec
      .given([])
      .when(issueFor([ann, ann]))
      .thenFails(InvalidTaxCertificates, /listed twice/);
  });
});
