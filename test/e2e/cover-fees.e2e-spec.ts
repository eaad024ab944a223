import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { MailDispatcher } from '../../apps/platform/src/mail/mail-dispatcher';
import { MAIL_SENDER } from '../../apps/platform/src/mail/mail-sender';
import type { OutboxMailSender } from '../../apps/platform/src/mail/outbox-mail-sender';
import { binary } from '../support/binary';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { headOfStore, movedBy, totalsOf } from '../support/totals';

const events = (platform: TestPlatform) => (stream: string) =>
  platform.app.get<EventStore>(EVENT_STORE).readStream(stream);

/**
 * Covering the fees: with FEE_ESTIMATES `bancontact=0.25+1.4%`, a gift of 50.00 by Bancontact charges 50.97
 * ((5000 + 25) / 0.986 = 5096.35…, rounded up): 0.97 is covered, all of it given, counted in raised and in the ledger
 * with its covered part apart; a client never chooses the number.
 */
describe('covering the payment costs', () => {
  let platform: TestPlatform;
  let ids: { editionId: string; teamId: string; walkerId: string };
  const now = '2026-06-15T10:00:00.000Z';

  beforeAll(async () => {
    platform = await startPlatform(
      { PUBLIC_BASE_URL: 'http://localhost:3000', FEE_ESTIMATES: 'bancontact=0.25+1.4%, creditcard=0.25+1.8%' },
      undefined,
      { clock: () => new Date(now) },
    );
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Kosten Dekkers', {
      name: 'Captain',
      email: 'captain.fees@example.org',
    });
    const walkerId = await joinTeam(platform, team, { name: 'Wim', email: 'wim.fees@example.org' });
    ids = { editionId: edition.id, teamId: team.id, walkerId };
  });
  afterAll(() => platform.dispose());

  const gift = (extra: Record<string, unknown>) => ({
    beneficiary: { type: 'walker', id: ids.walkerId },
    amountCents: 50_00,
    frequency: 'one_off',
    donor: { name: 'Ann Peeters', email: 'ann.fees@example.org' },
    method: 'bancontact',
    ...extra,
  });

  it('charges the gift and the covered fees, answers both, counts all of it as raised and shows it in the ledger', async () => {
    const before = await totalsOf(platform, ids);
    const created = await platform.http
      .post('/api/donations')
      .set('Idempotency-Key', 'cover-fees-api-1')
      .send(gift({ coverFees: true }))
      .expect(201);
    expect(created.body).toMatchObject({ status: 'pending', amountCents: 50_97, coverFeesCents: 97 });
    // the checkout asks for the whole charge
    const checkout = await platform.http.get(new URL(created.body.checkoutUrl).pathname).expect(200);
    expect(checkout.text).toContain('<p class="amount">€\u00a050,97');
    // the same request again: the same gift, the same answer
    const again = await platform.http
      .post('/api/donations')
      .set('Idempotency-Key', 'cover-fees-api-1')
      .send(gift({ coverFees: true }))
      .expect(201);
    expect(again.body).toMatchObject({ id: created.body.id, amountCents: 50_97, coverFeesCents: 97 });

    await platform.http.post(`/api/sandbox/donations/${created.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
    await headOfStore(platform);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(before, 50_97));

    const record = await platform.http
      .get(`/api/donations/${created.body.id}`)
      .set(await platform.adminAuth())
      .expect(200);
    expect(record.body).toMatchObject({ status: 'paid', amountCents: 50_97, coverFeesCents: 97 });
    const stored = await events(platform)(`donation-${created.body.id}`);
    expect(stored.find((e) => e.type === 'DonationCreated')?.data).toMatchObject({
      amountCents: 50_97,
      coverFeesCents: 97,
    });
    expect(stored.find((e) => e.type === 'DonationPaid')?.data).toMatchObject({
      amountCents: 50_97,
      coverFeesCents: 97,
    });

    // the thank-you mail says the covered part, as part of the gift
    await platform.app.get(MailDispatcher).drain();
    const [thanks] = (await platform.app.get<OutboxMailSender>(MAIL_SENDER).list()).filter(
      (mail) => mail.to === 'ann.fees@example.org',
    );
    expect(thanks.text).toContain('We ontvingen je gift van €\u00a050,97 voor Wim.');
    expect(thanks.text).toContain('Daarvan dekt €\u00a00,97 de betaalkosten');

    const csv = await platform.http
      .get('/api/finance/export?from=2026-06-01&to=2026-06-30&format=csv')
      .set(await platform.adminAuth())
      .buffer(true)
      .parse(binary)
      .expect(200);
    const records = parse((csv.body as Buffer).toString('utf8'), {
      delimiter: ';',
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    const row = records.find((r) => r.donation_id === created.body.id);
    expect(row).toMatchObject({ movement: 'gift_paid', gross_eur: '50,97', covered_fees_eur: '0,97' });
    // the ledger reconciles: the gross of the payments is what was raised, covered fees included
    const paidGross = records
      .filter((r) => r.movement === 'gift_paid')
      .reduce((sum, r) => sum + Number(r.gross_eur.replace(',', '')), 0);
    expect(paidGross).toBe((await totalsOf(platform, ids)).edition);
  });

  it('puts the whole gift, covered fees included, on the tax certificate', async () => {
    const donor = {
      surname: 'Maes',
      firstNames: 'Lotte',
      email: 'lotte.fees@example.be',
      address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' },
      nationalNumber: '85.07.30-033.28',
    };
    const created = await platform.http
      .post('/api/donations')
      .send(gift({ donor, taxCertificate: true, coverFees: true }))
      .expect(201);
    await platform.http.post(`/api/sandbox/donations/${created.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
    const preview = await platform.http
      .get('/api/finance/tax-certificates?year=2026')
      .set(await platform.adminAuth())
      .expect(200);
    expect(preview.body.certificates).toEqual([expect.objectContaining({ surname: 'Maes', amountCents: 50_97 })]);
  });

  it('computes the fees of the method chosen: a card costs more', async () => {
    const created = await platform.http
      .post('/api/donations')
      .send(gift({ coverFees: true, method: 'creditcard', amountCents: 20_00 }))
      .expect(201);
    // (2000 + 25) / 0.982 = 2062.11… → 2063
    expect(created.body).toMatchObject({ amountCents: 20_63, coverFeesCents: 63 });
  });

  it('answers as before when the fees are not covered', async () => {
    const created = await platform.http.post('/api/donations').send(gift({})).expect(201);
    expect(Object.keys(created.body).sort()).toEqual(['checkoutUrl', 'id', 'status']);
  });

  it.each([
    ['a number of its own', { coverFees: true, coverFeesCents: 1 }, /property coverFeesCents should not exist/],
    ['a text for the box', { coverFees: 'yes' }, /coverFees must be true or false/],
    ['no method', { coverFees: true, method: undefined }, /coverFees needs a method/],
    ['a bank transfer', { coverFees: true, method: undefined, provider: 'bank_transfer' }, /coverFees needs a method/],
    ['a pledge to pay', { coverFees: true, pledgeId: 'p-1' }, /not offered with bank_transfer or a pledgeId/],
    [
      'a method without an estimate',
      { coverFees: true, method: 'ideal' },
      /no payment costs are estimated for method ideal/,
    ],
  ])('refuses covering the fees with %s (400, nothing written)', async (_, extra, message) => {
    const head = await headOfStore(platform);
    const refused = await platform.http.post('/api/donations').send(gift(extra)).expect(400);
    expect(JSON.stringify(refused.body)).toMatch(message);
    expect(await headOfStore(platform)).toBe(head);
  });

  describe('on the give page', () => {
    async function giveForm(fields: Record<string, string>, status: number) {
      const client = request.agent(platform.app.getHttpServer());
      const page = await client.get(`/walkers/${ids.walkerId}/give?lang=nl`).expect(200);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const response = await client
        .post(`/walkers/${ids.walkerId}/give`)
        .type('form')
        .send({
          _csrf: token,
          attempt: `cover-fees-${Math.random().toString(36).slice(2)}`,
          frequency: 'one_off',
          name: 'Ann',
          email: 'ann.page@example.org',
          amount: '5000',
          ...fields,
        })
        .expect(status);
      return { page, response };
    }

    it('shows the amount for the default amount and method, and charges it when the box is ticked', async () => {
      const { page, response } = await giveForm({ method: 'bancontact', coverFees: 'yes' }, 303);
      expect(page.text.replaceAll('\u00a0', ' ')).toContain('Voeg € 0,97 toe om de betaalkosten te dekken');
      const donationId = response.headers.location.split('/').pop();
      const stored = await events(platform)(`donation-${donationId}`);
      expect(stored[0].data).toMatchObject({ amountCents: 50_97, coverFeesCents: 97 });
    });

    it('recomputes for what is sent: a typed amount and the card', async () => {
      const { response } = await giveForm({ method: 'creditcard', otherAmount: '20', coverFees: 'yes' }, 303);
      const stored = await events(platform)(`donation-${response.headers.location.split('/').pop()}`);
      expect(stored[0].data).toMatchObject({ amountCents: 20_63, coverFeesCents: 63 });
    });

    it('refuses the box for a method without an estimate, by the box, and writes nothing', async () => {
      const head = await headOfStore(platform);
      const { response } = await giveForm({ method: 'ideal', coverFees: 'yes' }, 400);
      expect(response.text).toContain('Voor deze betaalwijze zijn geen betaalkosten te dekken.');
      expect(response.text).toContain('id="field-coverFees-error"');
      expect(await headOfStore(platform)).toBe(head);
    });
  });
});
