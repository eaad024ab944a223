import { randomUUID } from 'node:crypto';

/** What a pay link's attempt may be: the ids the pages make (and nothing a provider's key could choke on). */
export const FEE_ATTEMPT = /^[\w-]{8,64}$/;

/**
 * Where a walker pays their registration fee: the pay link opens a checkout of the fee. Every page that offers to
 * pay (the confirmation, the private page, the fee's result) links here with an attempt id of its own, made when
 * the page is shown: a double click opens one checkout, while a walker who comes back after a failed or abandoned
 * payment gets a fresh checkout, never the dead one (a provider's idempotency key outlives its checkout).
 */
export function feePayPath(walkerId: string, attempt: string = randomUUID()): string {
  return `/registration-fees/${encodeURIComponent(walkerId)}/pay?attempt=${encodeURIComponent(attempt)}`;
}

/** Where the provider sends the walker back after paying (or not): what we know of their fee. */
export const feeResultPath = (walkerId: string): string => `/registration-fees/${encodeURIComponent(walkerId)}/result`;
