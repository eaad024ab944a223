import { createHash } from 'node:crypto';

/**
 * The Belgian structured communication (OGM/VCS) a donor writes on a bank transfer: `+++123/4567/89002+++`.
 * Ten digits chosen by the charity, then two check digits: the ten as a number modulo 97, a remainder of 0
 * written as 97 (DESIGN.md section 6; Febelfin's rule).
 */
export type StructuredCommunication = string & { readonly __brand: 'StructuredCommunication' };

/** The two check digits of ten digits. */
export function checkDigits(tenDigits: string): string {
  if (!/^\d{10}$/.test(tenDigits)) throw new Error('a structured communication starts with exactly ten digits');
  const remainder = Number(BigInt(tenDigits) % 97n);
  return String(remainder === 0 ? 97 : remainder).padStart(2, '0');
}

/** Twelve digits: the ten given and their check digits. */
export function makeStructuredCommunication(tenDigits: string): StructuredCommunication {
  return `${tenDigits}${checkDigits(tenDigits)}` as StructuredCommunication;
}

/** Whether twelve digits carry the right check digits. */
export function isValidStructuredCommunication(twelveDigits: string): boolean {
  return /^\d{12}$/.test(twelveDigits) && checkDigits(twelveDigits.slice(0, 10)) === twelveDigits.slice(10);
}

/**
 * Reads what a person or a bank wrote: with or without the `+++` or `***` around it, slashes and spaces.
 * Answers the twelve digits, or null when it is not a valid structured communication.
 */
export function parseStructuredCommunication(text: string): StructuredCommunication | null {
  const trimmed = text.trim();
  const bare = /^(\+\+\+|\*\*\*)(.*)\1$/.exec(trimmed)?.[2] ?? trimmed;
  const digits = bare.replace(/[\s/]/g, '');
  return isValidStructuredCommunication(digits) ? (digits as StructuredCommunication) : null;
}

/** As it is printed for the donor: `+++123/4567/89002+++`. */
export function formatStructuredCommunication(communication: StructuredCommunication): string {
  return `+++${communication.slice(0, 3)}/${communication.slice(3, 7)}/${communication.slice(7)}+++`;
}

/**
 * The candidate communication number `attempt` for a donation: the same donation always gets the same sequence
 * of candidates, so a retried request finds the one it claimed before. Never starts with 0 so that a bank that
 * drops leading zeros cannot change it.
 */
export function candidateCommunication(donationId: string, attempt: number): StructuredCommunication {
  const hash = createHash('sha256').update(`structured-communication\u0000${donationId}\u0000${attempt}`).digest();
  const number = hash.readBigUInt64BE(0) % 9_000_000_000n;
  return makeStructuredCommunication(String(1_000_000_000n + number));
}
