import { readFileSync } from 'node:fs';
import { describeWithReferences, readReferenceJson, reference } from '../../../../test/support/references';
import { isValidStructuredCommunication } from '../donation/structured-communication';
import { parseCoda, readCoda } from './coda';
import { decodeStatement } from './statement-line';

interface ExpectedMovement {
  amountCents: number;
  amount: string;
  valueDate: string;
  bookingDate: string;
  counterpartyName: string;
  counterpartyAccount: string;
  structuredCommunication: string | null;
  validCheck: boolean | null;
  clientReference: string | null;
  text: string;
  checkText: boolean;
}

interface ExpectedFile {
  file: string;
  round: string;
  source: string;
  movements?: ExpectedMovement[];
  credits: number;
  debits: number | null;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

describeWithReferences('CODA statements against the reference parsers’ readings of real files', () => {
  const expected = readReferenceJson<{ files: ExpectedFile[] }>('belgian-finance/coda/expected.json');
  const read = (file: string) => decodeStatement(readFileSync(reference(`belgian-finance/coda/${file}`)));

  it('covers every CODA file of the references', () => {
    expect(expected.files.map((f) => f.file).sort()).toEqual(
      [
        'odoo/Ontvangen_CODA.2013-01-11-18.59.15.txt',
        ...Array.from({ length: 12 }, (_, i) => `php-coda-parser/sample${i + 1}.cod`),
        'typescript-coda-parser/12298862.BC2',
        'typescript-coda-parser/sample2.cod',
        'typescript-coda-parser/sample6.cod',
      ].sort(),
    );
  });

  for (const file of expected.files) {
    describe(file.file, () => {
      it(`reads ${file.credits} credit(s)${file.debits === null ? '' : ` and ${file.debits} debit(s)`}`, () => {
        const movements = readCoda(read(file.file));
        expect(movements.filter((m) => m.amountMillis > 0)).toHaveLength(file.credits);
        if (file.debits !== null) expect(movements.filter((m) => m.amountMillis < 0)).toHaveLength(file.debits);
        // every line is identified once: a re-import finds each of them again
        const lines = parseCoda(read(file.file));
        expect(new Set(lines.map((l) => l.lineId)).size).toBe(lines.length);
        expect(parseCoda(read(file.file)).map((l) => l.lineId)).toEqual(lines.map((l) => l.lineId));
      });

      if (!file.movements) return;
      const movements = file.movements;

      it('reads each movement’s amount, dates, counterparty, structured communication and client reference', () => {
        const read_ = readCoda(read(file.file));
        expect(
          read_.map((m) => ({
            amountCents: m.amountMillis / 10,
            valueDate: m.valueOn,
            bookingDate: m.bookedOn,
            counterpartyName: m.counterpartyName,
            counterpartyAccount: m.counterpartyAccount,
            structuredCommunication: m.structuredCommunication?.digits ?? null,
            clientReference: m.clientReference ?? null,
          })),
        ).toEqual(
          movements.map((m) => ({
            amountCents: m.amountCents,
            valueDate: m.valueDate,
            bookingDate: m.bookingDate,
            counterpartyName: m.counterpartyName,
            counterpartyAccount: m.counterpartyAccount,
            structuredCommunication: m.structuredCommunication,
            clientReference: m.clientReference,
          })),
        );
      });

      it('joins each movement’s free text as the reference parsers do', () => {
        const texts = readCoda(read(file.file)).map((m) => m.text);
        // Exactly as php-coda-parser gives them; TRIPTYK's copy of sample2 has TRIPTYK's own reading as its text,
        // which keeps one blank where php-coda-parser keeps two (the texts it marks checkText are exact still).
        const blanksMayDiffer = file.file === 'typescript-coda-parser/sample2.cod';
        movements.forEach((m, index) => {
          if (m.checkText || !blanksMayDiffer) expect(texts[index]).toBe(m.text);
          else expect(collapse(texts[index])).toBe(collapse(m.text));
        });
      });

      it('gives statement lines in cents, with a structured communication only when its check digits hold', () => {
        const lines = parseCoda(read(file.file));
        expect(lines).toHaveLength(movements.length);
        movements.forEach((m, index) => {
          const line = lines[index];
          expect(Number.isInteger(line.amountCents)).toBe(true);
          expect(line.amountCents).toBe(Math.sign(m.amountCents) * Math.round(Math.abs(m.amountCents)));
          if (Number.isInteger(m.amountCents)) expect(line.amountMillis).toBeUndefined();
          else expect(line.amountMillis).toBe(Math.round(m.amountCents * 10));
          expect(line.valueOn).toBe(m.valueDate);
          expect(line.structuredCommunication).toBe(m.validCheck ? m.structuredCommunication : undefined);
          if (m.structuredCommunication !== null)
            expect(isValidStructuredCommunication(m.structuredCommunication)).toBe(m.validCheck);
          expect(line.clientReference).toBe(m.clientReference ?? undefined);
          expect(line.counterpartyName).toBe(m.counterpartyName || undefined);
          expect(line.counterpartyIban).toBe(m.counterpartyAccount || undefined);
          expect(collapse(line.communication ?? '')).toBe(collapse(m.text));
        });
      });
    });
  }
});
