import { LANGUAGES, type Language } from '@rw/kernel';
import type { BankLineRow, LedgerRow } from '@rw/read-models';
import {
  bankLinesPage,
  certificatesPage,
  donorsPage,
  type FinanceContext,
  giftPage,
  ledgerPage,
  loginPage,
  refusedPage,
  statsPage,
} from './finance-views';

const HOSTILE = '<img src=x onerror=alert(1)>"\'&';
const ESCAPED = "&lt;img src=x onerror=alert(1)>&quot;'&amp;";

const ctx = (language: Language): FinanceContext => ({
  language,
  url: '/finance/ledger?from=2026-06-01',
  csrfToken: 'token-123',
  loggedIn: true,
});

const row: LedgerRow = {
  movementId: 'm1',
  effectiveOn: '2026-06-10',
  effectiveAt: '2026-06-10T10:00:00.000Z',
  kind: 'gift_paid',
  donationId: 'd1',
  provider: 'sandbox',
  providerReference: 'sandbox_d1',
  grossCents: 483_300_97,
  feeCents: 0,
  netCents: 483_300_97,
  donorName: HOSTILE,
  donorEmail: 'x@example.be',
  beneficiaryType: 'walker',
  beneficiaryName: HOSTILE,
  editionId: 'e1',
  editionName: 'Refugee Walk',
  communication: null,
  feeStatus: '',
  coveredFeesCents: 0,
};

const line: BankLineRow = {
  id: 'l1',
  format: 'csv',
  status: 'unmatched',
  reason: 'no_communication',
  valueOn: '2026-06-10',
  amountCents: 25_00,
  counterpartyName: HOSTILE,
  counterpartyIban: 'BE68539007547034',
  communication: HOSTILE,
  structuredCommunication: null,
  bankReference: null,
  clientReference: null,
  amountMillis: null,
  donationId: null,
  importedAt: '2026-06-11T10:00:00.000Z',
};

/** Every page of the desk, with names a person typed set to markup. */
const pages = (language: Language): Record<string, string> => ({
  login: loginPage({ ...ctx(language), loggedIn: false }, { form: 'login', values: { email: HOSTILE }, errors: {} }),
  refused: refusedPage(ctx(language)),
  ledger: ledgerPage(ctx(language), {
    from: '2026-06-01',
    to: '2026-06-30',
    rows: [row],
    total: 1,
    subtotals: [{ kind: 'gift_paid', count: 1, grossCents: 483_300_97, feeCents: 0, netCents: 483_300_97 }],
  }),
  gift: giftPage(ctx(language), {
    id: 'd1',
    status: 'paid',
    frequency: 'one_off',
    amountCents: 25_00,
    beneficiaryName: HOSTILE,
    history: [{ what: 'paid', at: '2026-06-10T10:00:00.000Z', amountCents: 25_00 }],
    charges: [
      { chargeId: 'c1', providerReference: HOSTILE, paidCents: 25_00, refundedCents: 0, refundableCents: 25_00 },
    ],
    refundableCents: 25_00,
    refundKey: () => 'key-1',
  }),
  bankLines: bankLinesPage(ctx(language), { filter: 'unmatched', lines: [line], total: 1, offset: 0, pageSize: 50 }),
  certificates: certificatesPage(ctx(language), {
    year: 2025,
    minimumCents: 40_00,
    lines: [
      {
        number: 1,
        status: 'issued',
        donorKey: 'k1',
        name: HOSTILE,
        surname: HOSTILE,
        firstNames: '',
        nameSplit: 'guessed',
        email: 'x@example.be',
        amountCents: 120_00,
        qualifyingCents: 120_00,
      },
    ],
    missing: [{ donorKey: 'k2', name: HOSTILE, email: 'y@example.be', amountCents: 50_00, missing: ['address'] }],
  }),
  donors: donorsPage(ctx(language), { reply: { form: 'erase', values: { email: HOSTILE }, errors: {} } }),
  stats: statsPage(ctx(language), {
    year: 2026,
    statistics: {
      year: 2026,
      oneOff: { donors: 1, gifts: 2, averageGiftCents: 12_50 },
      monthly: { donors: 0, gifts: 0, averageGiftCents: 0 },
    },
    months: Array.from({ length: 12 }, (_, i) => ({
      month: i + 1,
      gifts: i === 5 ? 2 : 0,
      sumCents: i === 5 ? 25_00 : 0,
    })),
  }),
});

describe('the finance desk pages', () => {
  it.each(LANGUAGES)('render in %s, with the language on the document and every form token', (language) => {
    for (const [name, html] of Object.entries(pages(language))) {
      expect({ name, start: html.slice(0, 31) }).toEqual({ name, start: `<!doctype html><html lang="${language}">` });
      for (const form of html.match(/<form method="post"[\s\S]*?<\/form>/g) ?? []) {
        expect({ name, form: form.includes('name="_csrf" value="token-123"') }).toEqual({ name, form: true });
      }
    }
  });

  it('escapes every name a person typed', () => {
    for (const language of LANGUAGES) {
      for (const [name, html] of Object.entries(pages(language))) {
        expect({ name, raw: html.includes('<img') }).toEqual({ name, raw: false });
      }
    }
    const { ledger, gift, bankLines, certificates } = pages('nl');
    for (const html of [ledger, gift, bankLines, certificates]) expect(html).toContain(ESCAPED);
  });

  it('says the same things in each language, amounts as each writes them', () => {
    expect(pages('nl').ledger).toContain('<h1>Grootboek</h1>');
    expect(pages('fr').ledger).toContain('<h1>Grand livre</h1>');
    expect(pages('en').ledger).toContain('<h1>Ledger</h1>');
    expect(pages('nl').ledger).toContain('€\u00a0483.300,97');
    expect(pages('fr').ledger).toMatch(/483\u202f300,97\u00a0€/);
    expect(pages('en').ledger).toContain('€483,300.97');
    expect(pages('fr').gift).toContain('Rembourser tout le don (25,00\u00a0€)');
    expect(pages('en').stats).toContain('1 donor</strong>2 gifts');
    expect(pages('nl').bankLines).toContain('geen gestructureerde mededeling');
  });

  it('draws twelve bars, the tallest at full height, with the figures in a table too', () => {
    const html = pages('nl').stats;
    expect(html.match(/<rect /g)).toHaveLength(12);
    expect(html).toContain('<rect x="312" y="24" width="36" height="208" class="bar">');
    expect(html).toMatch(/<tr data-month="6"><th scope="row">juni<\/th><td>2<\/td><td>€\s25,00<\/td>/);
  });
});
