import { ERASED_WALKER_NAME } from '@rw/read-models';
import { CardCache, cardETag, drawCard } from './card-png';
import { CARD_HEIGHT, CARD_WIDTH, type ShareCardFigures, shareCardSvg } from './share-card';

const figures: ShareCardFigures = {
  kind: 'walker',
  name: 'Amina Haddad',
  raisedCents: 1_234_56,
  targetCents: 2_500_00,
  walkName: 'Refugee Walk 2026',
  language: 'nl',
};

/** The PNG signature and the width and height of its IHDR chunk (always the first, at byte 8). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the share card', () => {
  it('writes the name, the walk, the amount raised of the target as each language writes money, and the percentage', () => {
    const nl = shareCardSvg(figures);
    expect(nl).toContain('>Amina Haddad</text>');
    expect(nl).toContain('>Refugee Walk 2026</text>');
    expect(nl).toContain('>€\u00a01.234,56 opgehaald</text>');
    expect(nl).toContain('>van €\u00a02.500,00</text>');
    expect(nl).toContain('>49%</text>');
    const fr = shareCardSvg({ ...figures, language: 'fr' });
    expect(fr).toContain('1\u202f234,56\u00a0€ récoltés');
    expect(fr).toContain('sur 2\u202f500,00\u00a0€');
    const en = shareCardSvg({ ...figures, language: 'en', kind: 'team', name: 'De Stappers' });
    expect(en).toContain('>€1,234.56 raised</text>');
    expect(en).toContain('>Team De Stappers</text>');
  });

  it('draws no bar without a target, and a full bar past it', () => {
    expect(shareCardSvg({ ...figures, targetCents: 0 })).not.toContain('%</text>');
    expect(shareCardSvg({ ...figures, raisedCents: 9_000_00 })).toContain('>100%</text>');
  });

  it('escapes a name made of markup or holding an ampersand, so the SVG stays one valid document', async () => {
    const svg = shareCardSvg({ ...figures, name: '<script>x</script> & Co', walkName: 'Walk "&" <b>' });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script>x&lt;/script> &amp; Co');
    // resvg parses the document as XML: a raw & or < would make it refuse the card
    const png = await drawCard({ figures: { ...figures, name: '<script>x</script> & Co' } });
    expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
  });

  it('shows no name for an erased walker', () => {
    const svg = shareCardSvg({ ...figures, name: ERASED_WALKER_NAME, language: 'fr' });
    expect(svg).toContain('>anonyme</text>');
  });

  it('shortens a very long name with an ellipsis', () => {
    const svg = shareCardSvg({ ...figures, name: 'Marie-Christine Van den Bossche-Vermeulen' });
    expect(svg).toContain('>Marie-Christine Van den…</text>');
  });

  it('is a PNG of 1200×630 with the page’s QR code', async () => {
    const withQr = await drawCard({ figures, pageUrl: 'https://walk.example/walkers/w-1' });
    expect(pngSize(withQr)).toEqual({ width: 1200, height: 630 });
    const without = await drawCard({ figures });
    expect(withQr.equals(without)).toBe(false);
  });

  it('still draws the card, shapes and QR code, on a server without its font', async () => {
    const plain = await drawCard({ figures, pageUrl: 'https://walk.example/walkers/w-1' }, []);
    expect(pngSize(plain)).toEqual({ width: 1200, height: 630 });
  });

  it('has an ETag that changes with each figure and only with them', () => {
    const tag = cardETag({ figures });
    expect(cardETag({ figures: { ...figures } })).toBe(tag);
    for (const changed of [
      { raisedCents: figures.raisedCents + 1 },
      { targetCents: 0 },
      { name: 'Amina H.' },
      { language: 'fr' as const },
      { walkName: 'Refugee Walk 2027' },
    ]) {
      expect(cardETag({ figures: { ...figures, ...changed } })).not.toBe(tag);
    }
    expect(cardETag({ figures, pageUrl: 'https://walk.example/walkers/w-1' })).not.toBe(tag);
    expect(tag).toMatch(/^"card-[\w-]+"$/);
  });
});

describe('the card cache', () => {
  it('draws a card once, and forgets the least recently used past its bound', async () => {
    const cache = new CardCache(2);
    const drawn: string[] = [];
    const draw = (key: string) => () => {
      drawn.push(key);
      return Promise.resolve(Buffer.from(key));
    };
    await cache.get('a', draw('a'));
    await cache.get('b', draw('b'));
    await cache.get('a', draw('a')); // a is now the most recent
    await cache.get('c', draw('c')); // b goes
    expect(cache.size).toBe(2);
    await cache.get('a', draw('a'));
    await cache.get('b', draw('b'));
    expect(drawn).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps no failed drawing', async () => {
    const cache = new CardCache(2);
    await expect(cache.get('a', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(cache.get('a', () => Promise.resolve(Buffer.from('ok')))).resolves.toEqual(Buffer.from('ok'));
  });
});
