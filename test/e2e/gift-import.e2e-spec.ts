import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { headOfStore, movedBy, totalsOf } from '../support/totals';

describe('gift import: a CSV of gifts received elsewhere', () => {
  let platform: TestPlatform;
  let ids: { editionId: string; teamId: string; walkerId: string };

  beforeAll(async () => {
    platform = await startPlatform();
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'De Bruggenbouwers', {
      name: 'Yusuf',
      email: 'yusuf@example.be',
    });
    ids = { editionId: edition.id, teamId: team.id, walkerId: team.captainWalkerId };
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const importGifts = async (csv: string, expected = 200, query = '', type = 'text/csv') =>
    (
      await platform.http
        .post(`/api/imports/donations${query}`)
        .set(await platform.adminAuth())
        .set('Content-Type', type)
        .send(csv)
        .expect(expected)
    ).body;

  it('imports the good lines as paid gifts, reports the bad ones with line number and reason, and counts a re-import once', async () => {
    const before = await totalsOf(platform, ids);
    const csv = [
      'date;donor_email;donor_name;amount;frequency;reference;team_id;walker_id',
      `2026-03-01;lotte@example.be;Lotte Peeters;25,50;one_off;R-1;;${ids.walkerId}`,
      `2026-03-02;not-an-address;Nobody;10,00;one_off;;;${ids.walkerId}`,
      `2026-03-02;marc@example.be;Marc Janssens;14,50;monthly;R-2;${ids.teamId};`,
      `2026-03-03;ann@example.be;Ann;5,00;one_off;;;unknown-walker`,
    ].join('\n');
    const answer = await importGifts(csv);
    expect(answer).toEqual({
      imported: 2,
      skipped: 0,
      errors: [
        { line: 3, reason: 'donor_email must be an e-mail address' },
        { line: 5, reason: expect.stringMatching(/unknown-walker/) },
      ],
    });
    const after = await totalsOf(platform, ids);
    expect(after.walker).toBe(before.walker + 25_50);
    expect(after.team).toBe(before.team + 40_00);
    expect(after.edition).toBe(before.edition + 40_00);

    const head = await headOfStore(platform);
    expect(await importGifts(csv)).toEqual({ imported: 0, skipped: 2, errors: answer.errors });
    expect(await headOfStore(platform)).toBe(head);
    expect(await totalsOf(platform, ids)).toEqual(after);
  });

  it('reads , with decimal points the same as ; with decimal commas: the same line counts once', async () => {
    const before = await totalsOf(platform, ids);
    const comma = `date,donor_email,donor_name,amount,frequency,walker_id\n2026-04-01,els@example.be,Els,"1234.50",one_off,${ids.walkerId}\n`;
    const semicolon = `date;donor_email;donor_name;amount;frequency;walker_id\n2026-04-01;Els@Example.be;Els;1234,50;one_off;${ids.walkerId}\n`;
    expect(await importGifts(comma)).toEqual({ imported: 1, skipped: 0, errors: [] });
    expect(await importGifts(semicolon)).toEqual({ imported: 0, skipped: 1, errors: [] });
    expect(await totalsOf(platform, ids)).toEqual(movedBy(before, 1_234_50));
  });

  it('gives a line without team or walker to the edition named in the query', async () => {
    const before = await totalsOf(platform, ids);
    const csv = 'date,donor_email,donor_name,amount,frequency\n2026-04-02,bram@example.be,Bram,7.00,one_off\n';
    expect((await importGifts(csv)).errors).toEqual([
      { line: 2, reason: expect.stringMatching(/walker_id or team_id/) },
    ]);
    expect(await importGifts(csv, 200, `?editionId=${ids.editionId}`)).toEqual({ imported: 1, skipped: 0, errors: [] });
    const after = await totalsOf(platform, ids);
    expect(after.edition).toBe(before.edition + 7_00);
    expect(after.team).toBe(before.team);
  });

  it('refuses a body that is not CSV or lacks the required header, and writes nothing', async () => {
    const head = await headOfStore(platform);
    const missing = await importGifts('date,donor_email,amount\n2026-01-01,a@b.be,1\n', 400);
    expect(missing.message).toMatch(/missing: donor_name, frequency/);
    await importGifts('{"date":"2026-01-01"}', 400, '', 'application/json');
    await importGifts('', 400);
    await importGifts('date,donor_email,donor_name,amount,frequency\n"unclosed,a@b.be,A,1,one_off\n', 400);
    expect(await headOfStore(platform)).toBe(head);
  });

  it('lists an imported gift in the donor’s access export (GET /api/donors/access), with its history', async () => {
    const csv = `date,donor_email,donor_name,amount,frequency,reference,team_id,walker_id
2026-05-04,nadia@example.be,Nadia El Amrani,12.00,one_off,R-ACCESS,,${ids.walkerId}
`;
    expect(await importGifts(csv)).toEqual({ imported: 1, skipped: 0, errors: [] });
    const answer = await platform.http
      .get('/api/donors/access')
      .query({ email: 'nadia@example.be' })
      .set(await platform.adminAuth())
      .expect(200);
    expect(answer.body.personalData).toEqual({ name: 'Nadia El Amrani', email: 'nadia@example.be' });
    expect(answer.body.donations).toEqual([
      expect.objectContaining({
        amountCents: 12_00,
        provider: 'import',
        beneficiary: { type: 'walker', id: ids.walkerId },
        history: [
          expect.objectContaining({ what: 'created', amountCents: 12_00 }),
          expect.objectContaining({ what: 'paid', amountCents: 12_00 }),
        ],
      }),
    ]);
    expect(JSON.stringify(answer.body.donations)).not.toContain('nadia@example.be');
  });

  it('is for finance only', async () => {
    await platform.http.post('/api/imports/donations').set('Content-Type', 'text/csv').send('date\n').expect(401);
  });
});
