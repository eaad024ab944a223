import { SaxesParser } from 'saxes';
import { TEST_CHARITY } from '../../../../test/support/charity';
import { describeWithReferences, reference } from '../../../../test/support/references';
import { xmllintErrors } from '../../../../test/support/xmllint';
import { belcotaxProblems, belcotaxXml, fitZone } from './belcotax-xml';
import type { Charity, IssuedCertificateLine } from './tax-certificate-files';

/** A name longer than one zone of 28 characters: the file spreads it over two. */
const charity: Charity = { ...TEST_CHARITY, name: 'Refugee Walk vzw – Wandelen voor vluchtelingen' };

const line = (number: number, extra: Partial<IssuedCertificateLine>): IssuedCertificateLine => ({
  number,
  status: 'issued',
  donorKey: `k${number}`,
  name: 'x',
  surname: 'x',
  firstNames: '',
  nameSplit: 'given',
  email: `d${number}@example.be`,
  address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' },
  amountCents: 4000,
  qualifyingCents: 4000,
  issuedAt: '2025-02-01T09:00:00.000Z',
  ...extra,
});

/** Belgian with a national number; Dutch with a BIS number; long first names; XML's own characters; no number. */
const certificates: IssuedCertificateLine[] = [
  line(1, {
    name: 'Ann Peeters',
    surname: 'Peeters',
    firstNames: 'Ann',
    nationalNumber: '85073003328',
    amountCents: 4500,
  }),
  line(2, {
    name: 'Jan van der Berg',
    surname: 'van der Berg',
    firstNames: 'Jan',
    nationalNumber: '98472899765',
    address: { street: 'Damrak 1', postalCode: '1012 LG', city: 'Amsterdam', country: 'NL' },
    amountCents: 12_345,
  }),
  line(3, {
    surname: 'de Saint-Exupéry-Longuenesse-Montmorency-Laval',
    firstNames: 'Jean-Baptiste Marie Joseph',
    nameSplit: 'guessed',
    nationalNumber: '75060898009',
  }),
  line(4, {
    surname: "O'Brien & <Zoon>",
    firstNames: 'Siobhán',
    address: { street: 'Rue "Haute" 5 & 7', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
  }),
];

interface Parsed {
  order: string[];
  fiches: Record<string, string>[];
  sending: Record<string, string>;
}

function parse(xml: string): Parsed {
  const parsed: Parsed = { order: [], fiches: [], sending: {} };
  const stack: string[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    parsed.order.push(tag.name);
    if (tag.name === 'Fiche28171') parsed.fiches.push({});
  });
  parser.on('closetag', () => stack.pop());
  parser.on('text', (text) => {
    const name = stack.at(-1) ?? '';
    if (text.trim() === '') return;
    if (stack.includes('Fiche28171')) (parsed.fiches.at(-1) as Record<string, string>)[name] = text;
    else parsed.sending[name] = text;
  });
  parser.write(xml).close();
  return parsed;
}

const xml2024 = belcotaxXml(charity, 2024, certificates, new Date('2025-02-03T10:00:00.000Z'));
const xml2025 = belcotaxXml(charity, 2025, certificates, new Date('2026-01-05T10:00:00.000Z'));

describe('the Belcotax-on-web 281.71 file', () => {
  it('names the sender and its contact (v0018, v0021, v0023) and the day it was made', () => {
    const { sending } = parse(xml2024);
    expect(sending).toMatchObject({
      v0002_inkomstenjaar: '2024',
      v0011_aanmaakdatum: '03-02-2025',
      v0014_naam: charity.name,
      v0015_adres: 'Wetstraat 1',
      v0016_postcode: '1000',
      v0017_gemeente: 'Brussel',
      v0018_telefoonnummer: '+3225550100',
      v0021_contactpersoon: 'Marie Peeters',
      v0023_emailadres: 'finance@refugeewalk.be',
      v0024_nationaalnr: '0412345614',
      // the charity's name over two zones of 28 characters
      a1011_naamnl1: 'Refugee Walk vzw – Wandelen',
      a1012_naamnl2: 'voor vluchtelingen',
      a1016_landwoonplaats: '00000',
    });
  });

  it('gives each donor a record: surname and first names apart, the amount in cents, the article', () => {
    const { fiches } = parse(xml2024);
    expect(
      fiches.map((f) => [f.f2009_volgnummer, f.f2013_naam, f.f2114_voornamen, f.f71_2060_bedragliberaliteiten]),
    ).toEqual([
      ['1', 'Peeters', 'Ann', '4500'],
      ['2', 'van der Berg', 'Jan', '12345'],
      // zone lengths (41 and 15 characters): whole words while they fit
      ['3', 'de Saint-Exupéry-Longuenesse-Montmorency-', 'Jean-Baptiste', '4000'],
      ['4', "O'Brien & <Zoon>", 'Siobhán', '4000'],
    ]);
    expect(fiches.every((f) => f.f71_2045_uitreikingopbasisvan === '3' && f.f2008_typefiche === '28171')).toBe(true);
    expect(fiches.every((f) => f.f71_2059_totaalcontrole === f.f71_2060_bedragliberaliteiten)).toBe(true);
    expect(fiches[3].f2015_adres).toBe('Rue "Haute" 5 & 7');
  });

  it('writes a Belgian donor with zone 2.18 zero and the Belgian postal code, a foreign one with the country code and 2.112 after 2.29', () => {
    const { fiches, order } = parse(xml2024);
    expect(fiches[0]).toMatchObject({ f2016_postcodebelgisch: '9000', f2018_landwoonplaats: '00000' });
    expect(fiches[0].f2112_buitenlandspostnummer).toBeUndefined();
    expect(fiches[1]).toMatchObject({ f2112_buitenlandspostnummer: '1012 LG', f2018_landwoonplaats: '00129' });
    expect(fiches[1].f2016_postcodebelgisch).toBeUndefined();
    const second = order.indexOf('Fiche28171', order.indexOf('Fiche28171') + 1);
    const zones = order.slice(second + 1, order.indexOf('Fiche28171', second + 1));
    expect(zones).toEqual([
      'f2002_inkomstenjaar',
      'f2005_registratienummer',
      'f2008_typefiche',
      'f2009_volgnummer',
      'f2011_nationaalnr',
      'f2013_naam',
      'f2015_adres',
      'f2017_gemeente',
      'f2018_landwoonplaats',
      'f2028_typetraitement',
      'f2029_enkelopgave325',
      'f2112_buitenlandspostnummer',
      'f2114_voornamen',
      'f71_2045_uitreikingopbasisvan',
      'f71_2059_totaalcontrole',
      'f71_2060_bedragliberaliteiten',
    ]);
  });

  it('leaves zone 2.11 out for a donor without a national number (tolerated for 2024 and 2025)', () => {
    const { fiches } = parse(xml2025);
    expect(fiches.map((f) => f.f2011_nationaalnr)).toEqual(['85073003328', '98472899765', '75060898009', undefined]);
  });

  it('adds up the control totals: numbers (2.9) and amounts (2.59), records and files', () => {
    const { sending } = parse(xml2025);
    expect(sending).toMatchObject({
      r8010_aantalrecords: '6',
      r8011_controletotaal: '10',
      r8012_controletotaal: String(4500 + 12_345 + 4000 + 4000),
      r9010_aantallogbestanden: '3',
      r9011_totaalaantalrecords: '8',
      r9012_controletotaal: '10',
      r9013_controletotaal: String(4500 + 12_345 + 4000 + 4000),
    });
  });

  it('refuses records it cannot hold: no address, a country without a code, no surname', () => {
    const bad = [
      line(7, { address: undefined }),
      line(8, { address: { street: 'x', postalCode: '1', city: 'y', country: 'ZZ' } }),
      line(9, { surname: '' }),
    ];
    expect(belcotaxProblems([...certificates, ...bad])).toEqual([
      { number: 7, problem: 'no address (zone 2.15 is required)' },
      { number: 8, problem: 'country ZZ has no Belcotax code' },
      { number: 9, problem: 'no surname (zone 2.13 is required)' },
    ]);
    expect(() => belcotaxXml(charity, 2024, bad, new Date())).toThrow(/certificate 7: no address/);
  });

  it('cuts a text at a word when it can', () => {
    expect(fitZone('Jean-Baptiste Marie', 15)).toBe('Jean-Baptiste');
    expect(fitZone('Abcdefghijklmnopqrstuvwxyz', 5)).toBe('Abcde');
    // whole words would keep too little: cut at the length
    expect(fitZone('de Saint-Exupéry-Longuenesse', 20)).toBe('de Saint-Exupéry-Lon');
    expect(fitZone('  Ann   Marie ', 15)).toBe('Ann Marie');
  });
});

describeWithReferences('the Belcotax file against the official XSD (xmllint --schema)', () => {
  const xsd = reference('belgian-finance/belcotax/Belcotax-2024.xsd');

  it('validates the 2024 file with several donors (Belgian, foreign, long names, XML characters)', () => {
    expect(xmllintErrors(xml2024, xsd)).toEqual([]);
  });

  // the 2025 XSD keeps the 281.71 form and the sending exactly as in 2024 (belcotax/Belcotax-2025-excerpts.md)
  it('validates the 2025 file, one donor without a national number', () => {
    expect(xmllintErrors(xml2025, xsd)).toEqual([]);
  });

  it('validates a file with one certificate; one with none is not written (the XSD wants a record)', () => {
    expect(xmllintErrors(belcotaxXml(charity, 2025, [certificates[1]], new Date('2026-01-05')), xsd)).toEqual([]);
    expect(() => belcotaxXml(charity, 2025, [], new Date('2026-01-05'))).toThrow(/at least one issued certificate/);
  });

  it('is a real check: the old amount zone and a missing contact are refused', () => {
    const oldAmount = xml2024.replaceAll('f71_2060_bedragliberaliteiten', 'f71_2060_bedraggiften');
    expect(xmllintErrors(oldAmount, xsd).join('\n')).toMatch(/f71_2060_bedraggiften.*not expected/);
    const noPhone = xml2024.replace(/<v0018_telefoonnummer>.*<\/v0018_telefoonnummer>/, '');
    expect(xmllintErrors(noPhone, xsd).join('\n')).toMatch(/v0021_contactpersoon.*Expected is.*v0018_telefoonnummer/);
  });
});
