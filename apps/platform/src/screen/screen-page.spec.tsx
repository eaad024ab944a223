import { LANGUAGES, type Language } from '@rw/kernel';
import QRCode from 'qrcode';
import type { LeaderboardSnapshot, LiveGift } from '../live/live-view';
import { renderFragment } from '../views/render';
import { qrCodeSvg } from './give-qr';
import { goalShare, ScreenPage } from './screen-page';

const HOSTILE = '</script><script>alert("x")</script>';

const snapshot = (supporters: number, name = 'De Stappers'): LeaderboardSnapshot => ({
  editionId: 'e1',
  raisedCents: 483_300_97,
  supporters,
  topTeams: [{ rank: 1, id: 't1', name, raisedCents: 1_250_00, donorCount: 3 }],
  topWalkers: [{ rank: 1, id: 'w1', name: 'Bram Peeters', raisedCents: 50_00, donorCount: 1 }],
});

const gifts: LiveGift[] = [
  { donationId: 'd1', beneficiaryName: 'Bram Peeters', donorName: 'Chris Janssens', amountCents: 25_00, at: '' },
  { donationId: 'anon-1', beneficiaryName: 'Bram Peeters', donorName: 'anonymous', at: '' },
];

const screen = (language: Language, supporters = 2, giftsShown = gifts, name?: string) =>
  renderFragment(
    <ScreenPage
      language={language}
      editionName="Refugee Walk 2026"
      snapshot={snapshot(supporters, name)}
      gifts={giftsShown}
      position={42n}
    />,
  );

/** What the page gives its script: the words of the catalogue, parsed back from the page. */
const wordsOf = (html: string) =>
  JSON.parse(/<script type="application\/json" id="screen-words">(.*?)<\/script>/.exec(html)?.[1] ?? 'null');

/** What a person reads on the page: its text, without markup or the script's data. */
const textOf = (html: string) => html.replace(/<script[^>]*>.*?<\/script>/g, '').replace(/<[^>]*>/g, ' ');

/** The dark modules an SVG of the qrcode package draws: its one stroked path of `M`/`m` moves and `h` runs. */
function darkModules(svg: string, margin: number): Set<string> {
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of path.matchAll(/([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?/g)) {
    if (command === 'M') [x, y] = [Number(a), Number(b)];
    else if (command === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else {
      for (let i = 0; i < Number(a); i++) dark.add(`${x + i - margin},${Math.floor(y) - margin}`);
      x += Number(a);
    }
  }
  return dark;
}

describe('the leaderboard screen as components', () => {
  it('speaks Dutch, French and English', () => {
    const titles = { nl: 'Live scorebord', fr: 'Classement en direct', en: 'Live leaderboard' };
    for (const language of LANGUAGES) {
      const html = screen(language);
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(`<title>${titles[language]} · Refugee Walk 2026</title>`);
    }
    expect(screen('en')).toContain('<span class="who" dir="auto">Chris Janssens for Bram Peeters</span>');
    expect(screen('fr')).toContain('<span class="who" dir="auto">Anonyme pour Bram Peeters</span>');
  });

  it('calls the people by the words of the glossary: stappers and sponsors in Dutch', () => {
    const nl = screen('nl');
    expect(nl).toContain('<h2 id="walkers-title">Beste stappers</h2>');
    expect(nl).toContain('>2 sponsors</p>');
    expect(textOf(nl)).not.toMatch(/wandelaar|supporter/i);
    expect(screen('fr')).toContain('>2 donateurs·rices</p>');
    expect(textOf(screen('fr'))).not.toMatch(/sponsor|supporter/i);
    expect(textOf(screen('en'))).not.toMatch(/supporter/i);
  });

  it('writes numbers with the separators of the language, and one sponsor in the singular', () => {
    expect(screen('nl', 2100)).toContain('>2.100 sponsors</p>');
    expect(screen('fr', 2100)).toMatch(/>2\s100 donateurs·rices<\/p>/);
    expect(screen('en', 2100)).toContain('>2,100 sponsors</p>');
    expect(screen('en', 1)).toContain('>1 sponsor</p>');
    expect(screen('nl')).toContain('€\u00a0483.300,97');
    expect(screen('fr')).toMatch(/483\s300,97\s€/);
    expect(screen('en')).toContain('€483,300.97');
  });

  it('gives its script every word it shows, so the script holds none', () => {
    const words = wordsOf(screen('nl'));
    expect(words).toEqual({
      locale: 'nl-BE',
      rows: 10,
      gifts: 5,
      anonymous: 'Anoniem',
      nobodyYet: 'Nog niemand',
      forWhom: '{donor} voor {beneficiary}',
      sponsors: { one: '# sponsor', other: '# sponsors' },
      goalProgress: '{percent} van ons doel van {goal}',
    });
    expect(wordsOf(screen('fr')).sponsors).toEqual({ one: '# donateur·rice', other: '# donateurs·rices' });
  });

  it('escapes hostile names, also next to the data for its script', () => {
    const html = screen('nl', 2, [{ ...gifts[0], donorName: HOSTILE }], HOSTILE);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;/script>&lt;script>alert(&quot;x&quot;)&lt;/script>');
  });

  it('says so when nobody gave yet', () => {
    expect(screen('nl', 0, [])).toContain('<li class="empty">Nog geen giften: de eerste komt eraan!</li>');
    expect(screen('fr', 0, [])).toContain('>0 donateur·rice</p>');
  });

  it('shows ten rows a board', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      rank: i + 1,
      id: `w${i}`,
      name: `Stapper ${i + 1}`,
      raisedCents: 100_00 - i,
      donorCount: 1,
    }));
    const html = renderFragment(
      <ScreenPage
        language="nl"
        editionName="Refugee Walk 2026"
        snapshot={{ ...snapshot(2), topWalkers: many }}
        gifts={gifts}
        position={1n}
      />,
    );
    expect(html).toContain('Stapper 10<');
    expect(html).not.toContain('Stapper 11<');
  });

  it('measures the total against the goal: the bar stops full, the words go past 100 %, rounded down', () => {
    const withGoal = (language: Language, goalCents: number) =>
      renderFragment(
        <ScreenPage
          language={language}
          editionName="Refugee Walk 2026"
          snapshot={snapshot(2)}
          gifts={gifts}
          position={1n}
          goalCents={goalCents}
        />,
      );
    expect(withGoal('nl', 1_000_000_00)).toContain('<progress id="goal" max="100000000" value="48330097"');
    expect(withGoal('nl', 1_000_000_00)).toContain('>48% van ons doel van €\u00a01.000.000,00</p>');
    expect(withGoal('fr', 1_000_000_00)).toMatch(/>48\s% de notre objectif de 1\s000\s000,00\s€<\/p>/);
    expect(withGoal('en', 400_000_00)).toContain('value="40000000"');
    expect(withGoal('en', 400_000_00)).toContain('>120% of our €400,000.00 goal</p>');
    expect(goalShare(99_60, 100_00)).toBe(0.99);
    expect(screen('nl')).not.toContain('id="goal"');
  });

  it('shows the QR code of the giving page it is given, as the qrcode package draws it for that address', async () => {
    const url = 'https://give.example.org/editions/0b6c6c1e-3d55-4a0c-9c55-4e0c2f4e8a11/give';
    const svg = await qrCodeSvg(url);
    expect(svg).toBe(await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }));
    // the code's size follows the address's length: at level M a version 4 code holds 62 bytes and a version 5 code
    // (4 × 5 + 17 = 37 modules a side) 84, so this 75-letter address takes version 5; the SVG adds a margin of 2
    expect(url).toHaveLength(75);
    const modules = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules.size;
    expect(modules).toBe(37);
    expect(svg).toMatch(
      new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${modules + 4} ${modules + 4}"`),
    );
    expect(svg).not.toBe(await qrCodeSvg(`${url}x`));
    // what the SVG draws is, module for module, the code of that address (finder patterns, data and all)
    const code = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const dark = darkModules(svg, 2);
    expect(dark.size).toBe(Array.from(code.data).filter((module) => module === 1).length);
    for (let y = 0; y < modules; y++) {
      for (let x = 0; x < modules; x++) {
        expect([x, y, dark.has(`${x},${y}`)]).toEqual([x, y, code.get(y, x) === 1]);
      }
    }
    for (const language of LANGUAGES) {
      const html = renderFragment(
        <ScreenPage
          language={language}
          editionName="Refugee Walk 2026"
          snapshot={snapshot(2)}
          gifts={gifts}
          position={1n}
          giveQr={{ url, svg }}
        />,
      );
      expect(html).toContain(`data-url="${url}">${svg}</div>`);
      expect(html).toContain({ nl: 'Scan en geef', fr: 'Scannez pour donner', en: 'Scan to give' }[language]);
    }
  });
});
