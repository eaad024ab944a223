import { BANK_CSV_LAYOUTS, parseBankCsv } from './bank-csv';
import { decodeStatement, parseEuros, UnreadableStatement } from './statement-line';

describe('bank CSV statements', () => {
  it('reads ; with decimal commas and DD/MM/YYYY dates', () => {
    const lines = parseBankCsv(
      '\uFEFFDate;Amount;Counterparty_Name;Counterparty_IBAN;Communication;Bank_Reference\r\n' +
        '03/03/2026;25,00;Sofie Claes;BE71 0961 2345 6769;+++123/4567/89002+++;B1\r\n' +
        '04/03/2026;-1.234,56;Huurder;;huur;B2\r\n',
    );
    expect(lines.map(({ lineId: _id, ...line }) => line)).toEqual([
      {
        format: 'csv',
        fileLine: 2,
        valueOn: '2026-03-03',
        amountCents: 25_00,
        counterpartyName: 'Sofie Claes',
        counterpartyIban: 'BE71096123456769',
        communication: '+++123/4567/89002+++',
        structuredCommunication: '123456789002',
        bankReference: 'B1',
      },
      {
        format: 'csv',
        fileLine: 3,
        valueOn: '2026-03-04',
        amountCents: -1_234_56,
        counterpartyName: 'Huurder',
        communication: 'huur',
        bankReference: 'B2',
      },
    ]);
  });

  it('reads , with decimal points and quoted fields', () => {
    const [line] = parseBankCsv('date,amount,communication\n2026-03-03,"1,234.50",123456789002\n');
    expect(line).toMatchObject({
      valueOn: '2026-03-03',
      amountCents: 1_234_50,
      structuredCommunication: '123456789002',
    });
  });

  it('identifies a line by its bank reference, else by its content and occurrence', () => {
    const text = 'date;amount;communication\n2026-03-03;10,00;x\n2026-03-03;10,00;x\n';
    const [first, second] = parseBankCsv(text);
    expect(first.lineId).not.toBe(second.lineId);
    expect(parseBankCsv(text).map((l) => l.lineId)).toEqual([first.lineId, second.lineId]);
    const byReference = (reference: string, day: string) =>
      parseBankCsv(`date;amount;bank_reference\n${day};10,00;${reference}\n`)[0].lineId;
    expect(byReference('B1', '2026-03-03')).toBe(byReference('B1', '2026-03-04'));
  });

  it('refuses a file without date and amount columns, or with unreadable lines, naming them', () => {
    expect(() => parseBankCsv('when;how much\n2026-03-03;10\n')).toThrow(/missing: date, amount/);
    try {
      parseBankCsv('date;amount\n2026-02-30;10\n2026-03-01;ten\n');
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(UnreadableStatement);
      expect((error as UnreadableStatement).problems).toEqual([
        { line: 2, reason: 'date must be a day, YYYY-MM-DD or DD/MM/YYYY' },
        { line: 3, reason: 'amount must be euros such as 25.00 or 25,00' },
      ]);
    }
  });

  it('turns euros into cents exactly, whatever the decimal mark', () => {
    expect(parseEuros('25')).toBe(2500);
    expect(parseEuros('25,5')).toBe(2550);
    expect(parseEuros('0.29')).toBe(29);
    expect(parseEuros('1.234,56')).toBe(123456);
    expect(parseEuros('1,234.56')).toBe(123456);
    expect(parseEuros('-12,34')).toBe(-1234);
    expect(parseEuros('12.345')).toBe(1234500);
    expect(parseEuros('12,3x')).toBeNull();
    expect(parseEuros('')).toBeNull();
  });

  describe('the layouts of the big Belgian banks (as each bank describes its export)', () => {
    it('reads BNP Paribas Fortis: the sequence number as bank reference, the value date, name and communication', () => {
      const lines = parseBankCsv(
        'Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag;Valuta rekening;Rekeningnummer;Type verrichting;Tegenpartij;' +
          'Naam van de tegenpartij;Mededeling;Details;Status;Reden van weigering\r\n' +
          '2026-0042;03/03/2026;04/03/2026;25,00;EUR;BE68539007547034;Overschrijving;BE71 0961 2345 6769;' +
          'Sofie Claes;+++123/4567/89002+++;OVERSCHRIJVING VAN SOFIE CLAES;Geaccepteerd;\r\n' +
          '2026-0043;03/03/2026;03/03/2026;-1.234,56;EUR;BE68539007547034;Overschrijving;;Huurder;huur;;Geaccepteerd;\r\n',
        'bnp-paribas-fortis',
      );
      expect(lines.map(({ lineId: _id, ...line }) => line)).toEqual([
        {
          format: 'csv',
          fileLine: 2,
          valueOn: '2026-03-04',
          amountCents: 25_00,
          counterpartyName: 'Sofie Claes',
          counterpartyIban: 'BE71096123456769',
          communication: '+++123/4567/89002+++',
          structuredCommunication: '123456789002',
          bankReference: '2026-0042',
        },
        {
          format: 'csv',
          fileLine: 3,
          valueOn: '2026-03-03',
          amountCents: -1_234_56,
          counterpartyName: 'Huurder',
          communication: 'huur',
          bankReference: '2026-0043',
        },
      ]);
    });

    it('reads Belfius in French, below the lines about the export it writes first', () => {
      const [line] = parseBankCsv(
        'Date de comptabilisation à partir de;01/03/2026\n' +
          'Compte;BE68 5390 0754 7034\n' +
          '\n' +
          "Compte;Date de comptabilisation;Numéro d'extrait;Numéro de transaction;Compte contrepartie;" +
          'Nom contrepartie contient;Rue et numéro;Code postal et localité;Transaction;Date valeur;Montant;Devise;' +
          'BIC;Code pays;Communications\n' +
          'BE68 5390 0754 7034;03/03/2026;2026/012;7;BE71 0961 2345 6769;Claes Sofie;Kerkstraat 1;1000 Brussel;' +
          'Virement;03/03/2026;50,00;EUR;GKCCBEBB;BE;gift Refugee Walk\n',
        'belfius',
      );
      expect(line).toMatchObject({
        fileLine: 5,
        valueOn: '2026-03-03',
        amountCents: 50_00,
        counterpartyName: 'Claes Sofie',
        counterpartyIban: 'BE71096123456769',
        communication: 'gift Refugee Walk',
        bankReference: '2026/012/7',
      });
    });

    it('reads an export saved in Windows-1252, as Belgian online banking writes it', () => {
      const text =
        "Compte;Date de comptabilisation;Numéro d'extrait;Numéro de transaction;Compte contrepartie;" +
        'Nom contrepartie contient;Rue et numéro;Code postal et localité;Transaction;Date valeur;Montant;Devise;' +
        'BIC;Code pays;Communications\r\n' +
        ';03/03/2026;2026/012;8;;Hélène Dupré;;;Virement;03/03/2026;20,00;EUR;;BE;don pour l’équipe\r\n';
      const bytes = Buffer.from([...text].map((char) => (char === '’' ? 0x92 : char.charCodeAt(0))));
      expect(parseBankCsv(decodeStatement(bytes), 'belfius')[0]).toMatchObject({
        counterpartyName: 'Hélène Dupré',
        communication: 'don pour l’équipe',
        amountCents: 20_00,
      });
    });

    it('reads ING: the movement number as bank reference, the message as communication', () => {
      const [line] = parseBankCsv(
        'Rekeningnummer;Naam van de rekening;Rekening tegenpartij;Omzetnummer;Boekingsdatum;Valutadatum;Bedrag;' +
          'Munteenheid;Omschrijving;Detail van de omzet;Bericht\n' +
          'BE68 5390 0754 7034;REFUGEE WALK VZW;BE71 0961 2345 6769;00123;03/03/2026;03/03/2026;10,00;EUR;' +
          'Overschrijving;Van: Sofie Claes;***123/4567/89002***\n',
        'ing',
      );
      expect(line).toMatchObject({
        valueOn: '2026-03-03',
        amountCents: 10_00,
        counterpartyIban: 'BE71096123456769',
        communication: '***123/4567/89002***',
        structuredCommunication: '123456789002',
        bankReference: '00123',
      });
    });

    it('reads KBC’s English export too', () => {
      const [line] = parseBankCsv(
        'Account number;Heading;Name;Currency;Statement number;Date;Description;Value date;Amount;Balance;credit;' +
          "debit;counterparty's account number;BIC code counterparty;counterparty's name;counterparty's address;" +
          'structured reference;free-format reference\n' +
          'BE68539007547034; ;REFUGEE WALK;EUR; 00012;02/03/2026;TRANSFER;03/03/2026;15,00;115,00;15,00;;' +
          'BE71 0961 2345 6769;GKCCBEBB;SOFIE CLAES; ;;for the walk\n',
        'kbc',
      );
      expect(line).toMatchObject({ valueOn: '2026-03-03', amountCents: 15_00, communication: 'for the walk' });
    });

    it('refuses a line in another currency or with a bad amount or day, naming it; nothing of the file is read', () => {
      const header =
        'Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag;Valuta rekening;Rekeningnummer;Type verrichting;Tegenpartij;' +
        'Naam van de tegenpartij;Mededeling;Details;Status;Reden van weigering\n';
      try {
        parseBankCsv(
          `${header}1;03/03/2026;03/03/2026;10,00;USD;;;;x;;;;\n2;03/03/2026;31/02/2026;10,00;EUR;;;;x;;;;\n` +
            '3;03/03/2026;03/03/2026;tien;EUR;;;;x;;;;\n4;03/03/2026;03/03/2026;10,00;EUR;;;;x;;;;\n',
          'bnp-paribas-fortis',
        );
        throw new Error('not refused');
      } catch (error) {
        expect(error).toBeInstanceOf(UnreadableStatement);
        expect((error as UnreadableStatement).message).toBe(
          'the BNP Paribas Fortis statement has 3 unreadable line(s); nothing was imported',
        );
        expect((error as UnreadableStatement).problems).toEqual([
          { line: 2, reason: 'only euro movements can be imported, not USD' },
          { line: 3, reason: 'the value date must be a day, DD/MM/YYYY' },
          { line: 4, reason: 'the amount must be euros such as 25,00' },
        ]);
      }
    });

    it('refuses a file that is not the chosen bank’s export, naming the columns it looks for', () => {
      expect(() => parseBankCsv('date;amount\n2026-03-03;10\n', 'kbc')).toThrow(
        'the file does not fit the KBC / CBC layout: no header line with the columns "valuta", "bedrag", "datum", "afschriftnummer", "gestructureerde mededeling", "vrije mededeling"',
      );
    });

    it('says which layouts were checked against a real export: KBC only', () => {
      expect(BANK_CSV_LAYOUTS.filter((l) => l.testedAgainstRealFile).map((l) => l.id)).toEqual(['kbc']);
    });
  });
});
