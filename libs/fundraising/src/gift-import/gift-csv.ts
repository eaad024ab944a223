import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { UnreadableStatement, isCalendarDay, parseEuros } from '../bank-transfer/statement-line';
import type { DonationBeneficiary, DonationFrequency } from '../donation/events';
import { isEmailAddress, nameProblem, normaliseEmail, PERSON_NAME_MAX_LENGTH } from '@rw/kernel';
import { fullName } from '../person-name';

/** DESIGN.md section 4, "import CSV". */
export const GIFT_CSV_REQUIRED_COLUMNS = ['date', 'donor_email', 'donor_name', 'amount', 'frequency'] as const;
/**
 * donor_surname and donor_first_names: the donor's names apart, as a tax certificate needs them (Belcotax zones
 * 2.13 and 2.114); with a surname, donor_name may be left empty ("first names surname" is used).
 */
export const GIFT_CSV_OPTIONAL_COLUMNS = [
  'reference',
  'team_id',
  'walker_id',
  'donor_surname',
  'donor_first_names',
] as const;
/** An imported gift was received elsewhere: the online limit does not apply, only a sanity bound. */
export const MAX_IMPORTED_GIFT_CENTS = 1_000_000_000;

export interface GiftLine {
  /** Line number in the file, the header being line 1. */
  line: number;
  /** Same normalised line, same id: what makes a re-import count once. */
  donationId: string;
  receivedOn: string;
  donor: { name: string; email: string; surname?: string; firstNames?: string };
  amountCents: number;
  frequency: DonationFrequency;
  reference?: string;
  beneficiary: DonationBeneficiary;
}

export interface GiftCsv {
  gifts: GiftLine[];
  errors: { line: number; reason: string }[];
}

/**
 * Reads a gift import: the header must name the required columns (any order, case-insensitive), delimiter `,` or
 * `;` (the header's). A line without team_id or walker_id is a gift to `editionId` when given.
 */
export function parseGiftCsv(text: string, editionId?: string): GiftCsv {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.includes(';') ? ';' : ',';
  let rows: { record: string[]; line: number }[];
  try {
    rows = (
      parse(body, {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
        info: true,
      }) as unknown as {
        record: string[];
        info: { lines: number };
      }[]
    ).map(({ record, info }) => ({ record, line: info.lines }));
  } catch (error) {
    throw new UnreadableStatement(`the body is not readable CSV: ${(error as Error).message}`);
  }
  const names = (rows[0]?.record ?? []).map((name) => name.trim().toLowerCase());
  const missing = GIFT_CSV_REQUIRED_COLUMNS.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new UnreadableStatement(
      `a gift import needs a header line with the columns ${GIFT_CSV_REQUIRED_COLUMNS.join(', ')} (optional: ${GIFT_CSV_OPTIONAL_COLUMNS.join(', ')}); missing: ${missing.join(', ')}`,
    );
  }
  const result: GiftCsv = { gifts: [], errors: [] };
  for (const { record, line } of rows.slice(1)) {
    const cell = (name: string) => {
      const index = names.indexOf(name);
      return index < 0 ? '' : (record[index] ?? '').trim();
    };
    const reasons: string[] = [];
    const receivedOn = cell('date');
    if (!isCalendarDay(receivedOn)) reasons.push('date must be a day written YYYY-MM-DD');
    const email = normaliseEmail(cell('donor_email'));
    if (!isEmailAddress(email)) reasons.push('donor_email must be an e-mail address');
    const surname = cell('donor_surname');
    const firstNames = cell('donor_first_names');
    if (surname.length > PERSON_NAME_MAX_LENGTH || firstNames.length > PERSON_NAME_MAX_LENGTH) {
      reasons.push(`donor_surname and donor_first_names have at most ${PERSON_NAME_MAX_LENGTH} characters each`);
    }
    if (firstNames !== '' && surname === '') reasons.push('donor_first_names go with donor_surname');
    const name = cell('donor_name') || fullName({ surname, firstNames });
    if (nameProblem(name) !== undefined) {
      reasons.push(`donor_name must be 1 to ${PERSON_NAME_MAX_LENGTH} characters (or give donor_surname)`);
    }
    const amountCents = parseEuros(cell('amount'));
    if (amountCents === null || amountCents < 1 || amountCents > MAX_IMPORTED_GIFT_CENTS) {
      reasons.push('amount must be euros above 0 such as 25.00 or 25,00');
    }
    const frequency = cell('frequency');
    if (frequency !== 'one_off' && frequency !== 'monthly') reasons.push('frequency must be one_off or monthly');
    const walkerId = cell('walker_id');
    const teamId = cell('team_id');
    const beneficiary: DonationBeneficiary | undefined = walkerId
      ? { type: 'walker', id: walkerId }
      : teamId
        ? { type: 'team', id: teamId }
        : editionId
          ? { type: 'edition', id: editionId }
          : undefined;
    if (!beneficiary) reasons.push('walker_id or team_id is needed (or an edition for the whole import: ?editionId=)');
    if (reasons.length > 0 || !beneficiary || amountCents === null) {
      result.errors.push({ line, reason: reasons.join('; ') });
      continue;
    }
    const reference = cell('reference');
    const normalised = [
      receivedOn,
      email,
      name,
      String(amountCents),
      frequency,
      reference,
      teamId,
      walkerId,
      beneficiary.id,
      // only when given: the lines of files without these columns keep the ids they always had
      ...(surname === '' ? [] : [surname, firstNames]),
    ];
    result.gifts.push({
      line,
      donationId: importedDonationId(normalised),
      receivedOn,
      donor: { name, email, ...(surname === '' ? {} : { surname, firstNames }) },
      amountCents,
      frequency: frequency as DonationFrequency,
      ...(reference ? { reference } : {}),
      beneficiary,
    });
  }
  return result;
}

function importedDonationId(normalisedLine: readonly string[]): string {
  const hex = createHash('sha256')
    .update(`imported-gift\u0000${normalisedLine.join('\u0000')}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
