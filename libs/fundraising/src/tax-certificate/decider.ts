import type { Decider } from '@rw/event-store';
import { messageEuros } from '@rw/kernel';
import { parseNationalNumber } from '../national-number';
import type { IssueTaxCertificates, TaxCertificateCommand } from './commands';
import { InvalidTaxCertificates } from './errors';
import { incomeYearRules } from './income-years';
import { TAX_CERTIFICATE_MINIMUM_CENTS, TAX_YEAR_MAX, TAX_YEAR_MIN, type TaxCertificateEvent } from './events';

export interface CurrentCertificate {
  number: number;
  amountCents: number;
}

export type TaxCertificatesState =
  | { status: 'none' }
  | {
      status: 'issued';
      year: number;
      /** The highest number given so far (cancelled ones included: numbers are never reused). */
      lastNumber: number;
      /** The certificate that holds now, per donor. */
      current: Map<string, CurrentCertificate>;
    };

export const taxCertificatesDecider: Decider<TaxCertificateCommand, TaxCertificateEvent, TaxCertificatesState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'IssueTaxCertificates':
        return issue(command, state);
      default: {
        const _exhaustive: never = command.type;
        return _exhaustive;
      }
    }
  },
  evolve(state, event) {
    // one Map per fold, updated in place: a year of 20,000 donors folds in linear time
    const next =
      state.status === 'none'
        ? { status: 'issued' as const, year: event.data.year, lastNumber: 0, current: new Map() }
        : state;
    switch (event.type) {
      case 'TaxCertificateIssued':
        next.current.set(event.data.donorKey, { number: event.data.number, amountCents: event.data.amountCents });
        return { ...next, lastNumber: Math.max(next.lastNumber, event.data.number) };
      case 'TaxCertificateCancelled':
        if (next.current.get(event.data.donorKey)?.number === event.data.number)
          next.current.delete(event.data.donorKey);
        return next;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};

function issue(command: IssueTaxCertificates, state: TaxCertificatesState): TaxCertificateEvent[] {
  const { year, at } = command;
  if (!Number.isInteger(year) || year < TAX_YEAR_MIN || year > TAX_YEAR_MAX) {
    throw new InvalidTaxCertificates(`the income year is between ${TAX_YEAR_MIN} and ${TAX_YEAR_MAX}`);
  }
  if (state.status === 'issued' && state.year !== year) {
    throw new InvalidTaxCertificates(`these are the certificates of ${state.year}, not ${year}`);
  }
  const rules = incomeYearRules(year);
  const current = state.status === 'issued' ? state.current : new Map<string, CurrentCertificate>();
  let lastNumber = state.status === 'issued' ? state.lastNumber : 0;
  const seen = new Set<string>();
  const events: TaxCertificateEvent[] = [];
  const cancel = (donorKey: string, held: CurrentCertificate, reason: string) =>
    events.push({
      type: 'TaxCertificateCancelled',
      data: { year, number: held.number, donorKey, reason, cancelledAt: at },
    });
  for (const { donorKey, donor, amountCents } of command.donors) {
    if (seen.has(donorKey)) throw new InvalidTaxCertificates(`donor ${donorKey} is listed twice`);
    seen.add(donorKey);
    if (!Number.isSafeInteger(amountCents) || amountCents < TAX_CERTIFICATE_MINIMUM_CENTS) {
      throw new InvalidTaxCertificates(
        `a certificate is for ${messageEuros(TAX_CERTIFICATE_MINIMUM_CENTS)} or more in a year (donor ${donorKey})`,
      );
    }
    if (rules.addressRequired && !donor.address) {
      throw new InvalidTaxCertificates(`a certificate for ${year} needs the donor's address (donor ${donorKey})`);
    }
    if (donor.nationalNumber !== undefined && parseNationalNumber(donor.nationalNumber, new Date(at)) === null) {
      throw new InvalidTaxCertificates(`the donor's national register or BIS number is not valid (donor ${donorKey})`);
    }
    if (rules.nationalNumber === 'required' && donor.nationalNumber === undefined) {
      throw new InvalidTaxCertificates(
        `a certificate for ${year} needs the donor's national register or BIS number (donor ${donorKey})`,
      );
    }
    const held = current.get(donorKey);
    if (held && held.amountCents === amountCents) continue;
    if (held) {
      cancel(donorKey, held, `amount changed from ${messageEuros(held.amountCents)} to ${messageEuros(amountCents)}`);
    }
    lastNumber += 1;
    events.push({
      type: 'TaxCertificateIssued',
      data: {
        year,
        number: lastNumber,
        donorKey,
        donor,
        amountCents,
        ...(held ? { corrects: held.number } : {}),
        issuedAt: at,
      },
    });
  }
  // a donor certified before whose gifts no longer reach the minimum (refunded): the certificate no longer holds
  for (const [donorKey, held] of current) {
    if (seen.has(donorKey)) continue;
    cancel(donorKey, held, `the donor's qualifying gifts are now under ${messageEuros(TAX_CERTIFICATE_MINIMUM_CENTS)}`);
  }
  return events;
}
