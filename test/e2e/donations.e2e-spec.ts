import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { PrivateLinks } from '../../apps/platform/src/accounts/private-links';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

describe('donations through the sandbox (give, settle, see it counted)', () => {
  let platform: TestPlatform;
  let editionId: string;
  let teamId: string;
  let walkerId: string;
  let otherWalkerId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    const edition = await createEdition(platform);
    editionId = edition.id;
    const team = await registerTeam(platform, editionId, edition.routes[0].id, 'De Stappers', {
      name: 'Fatima',
      email: 'fatima@example.be',
    });
    teamId = team.id;
    walkerId = team.captainWalkerId;
    otherWalkerId = await joinTeam(platform, team, { name: 'Jan', email: 'jan@example.be' });
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const headOfStore = async () => {
    await platform.effectsDone();
    return (await platform.http.get('/health').expect(200)).body.eventStore.headPosition as string;
  };
  const walker = async (id = walkerId) => (await platform.http.get(`/api/walkers/${id}`).expect(200)).body;
  const team = async () => (await platform.http.get(`/api/teams/${teamId}`).expect(200)).body;
  const stats = async () => (await platform.http.get(`/api/editions/${editionId}/stats`).expect(200)).body;

  async function give(body: Record<string, unknown>, outcome: 'paid' | 'failed' | null = 'paid', key?: string) {
    const request = platform.http.post('/api/donations');
    if (key) request.set('Idempotency-Key', key);
    const created = await request
      .send({ frequency: 'one_off', donor: { name: 'Sofie Claes', email: 'sofie@example.be' }, ...body })
      .expect(201);
    if (outcome)
      await platform.http.post(`/api/sandbox/donations/${created.body.id}/settle`).send({ outcome }).expect(200);
    return created.body as { id: string; status: string; checkoutUrl: string };
  }

  it('answers pending with our own checkout page, then counts the paid gift for the walker, the team and the edition', async () => {
    const created = await give(
      { beneficiary: { type: 'walker', id: walkerId }, amountCents: 25_00, message: 'Goed bezig!' },
      null,
    );
    expect(created).toEqual({
      id: expect.any(String),
      status: 'pending',
      checkoutUrl: expect.stringMatching(new RegExp(`^http://localhost:3000/sandbox/checkout/${created.id}$`)),
    });
    expect((await walker()).raisedCents).toBe(0);
    await platform.http.post(`/api/sandbox/donations/${created.id}/settle`).send({ outcome: 'paid' }).expect(200);

    const page = await walker();
    expect(page).toMatchObject({ raisedCents: 25_00, donorCount: 1 });
    expect(page.supporters).toEqual([
      { name: 'Sofie Claes', message: 'Goed bezig!', amountCents: 25_00, at: expect.any(String) },
    ]);
    expect(await team()).toMatchObject({ raisedCents: 25_00, donorCount: 1 });
    expect(await stats()).toMatchObject({ raisedCents: 25_00, supporters: 1 });
    const donation = await platform.http.get(`/api/donations/${created.id}`).expect(200);
    expect(donation.body).toEqual({
      id: created.id,
      status: 'paid',
      amountCents: 25_00,
      frequency: 'one_off',
      beneficiary: { type: 'walker', id: walkerId },
      history: [
        { what: 'created', at: expect.any(String), amountCents: 25_00 },
        { what: 'paid', at: expect.any(String), amountCents: 25_00 },
      ],
    });
  });

  it('shows an anonymous gift as "anonymous" without its amount, yet counts it', async () => {
    await give({
      beneficiary: { type: 'walker', id: walkerId },
      amountCents: 10_00,
      anonymous: true,
      message: 'Stil steuntje',
      donor: { name: 'Secret Person', email: 'secret@example.be' },
    });
    const page = await walker();
    expect(page).toMatchObject({ raisedCents: 35_00, donorCount: 2 });
    expect(page.supporters[0]).toEqual({ name: 'anonymous', message: 'Stil steuntje', at: expect.any(String) });
    expect(JSON.stringify(page)).not.toContain('Secret Person');
  });

  it('counts a gift to the team for the team only, and a gift to the edition for the edition only', async () => {
    await give({
      beneficiary: { type: 'team', id: teamId },
      amountCents: 40_00,
      donor: { name: 'Bedrijf NV', email: 'info@bedrijf.be' },
    });
    expect(await team()).toMatchObject({ raisedCents: 75_00, donorCount: 3 });
    expect((await walker()).raisedCents).toBe(35_00);
    await give({ beneficiary: { type: 'edition', id: editionId }, amountCents: 5_00 });
    expect((await team()).raisedCents).toBe(75_00);
    // Sofie gave twice: one supporter
    expect(await stats()).toMatchObject({ raisedCents: 80_00, supporters: 3 });
    const walkers = (await team()).walkers;
    expect(walkers).toEqual([
      { id: walkerId, name: 'Fatima', raisedCents: 35_00 },
      { id: otherWalkerId, name: 'Jan', raisedCents: 0 },
    ]);
  });

  it('counts nothing of a failed or still pending gift', async () => {
    const before = await stats();
    const failed = await give({ beneficiary: { type: 'walker', id: otherWalkerId }, amountCents: 50_00 }, 'failed');
    await give({ beneficiary: { type: 'walker', id: otherWalkerId }, amountCents: 60_00 }, null);
    expect(await stats()).toEqual(before);
    expect((await walker(otherWalkerId)).supporters).toEqual([]);
    expect((await platform.http.get(`/api/donations/${failed.id}`).expect(200)).body.status).toBe('failed');
  });

  it('counts every charge of a monthly donor as a gift, the donor once', async () => {
    const monthly = await give({
      beneficiary: { type: 'walker', id: otherWalkerId },
      amountCents: 10_00,
      frequency: 'monthly',
      donor: { name: 'Maandelijkse Gever', email: 'monthly@example.be' },
    });
    await platform.http
      .post(`/api/sandbox/donations/${monthly.id}/charge`)
      .set('Idempotency-Key', 'month-2')
      .expect(200);
    await platform.http
      .post(`/api/sandbox/donations/${monthly.id}/charge`)
      .set('Idempotency-Key', 'month-2')
      .expect(200);
    await platform.http
      .post(`/api/sandbox/donations/${monthly.id}/charge`)
      .set('Idempotency-Key', 'month-3')
      .expect(200);
    expect(await walker(otherWalkerId)).toMatchObject({ raisedCents: 30_00, donorCount: 1 });
  });

  describe('double clicks, retries and conflicts', () => {
    it('returns the first answer for the same Idempotency-Key and body, and creates one donation', async () => {
      const body = {
        beneficiary: { type: 'walker', id: otherWalkerId },
        amountCents: 12_00,
        frequency: 'one_off',
        donor: { name: 'Klik', email: 'klik@example.be' },
      };
      const first = await platform.http
        .post('/api/donations')
        .set('Idempotency-Key', 'double-click-1')
        .send(body)
        .expect(201);
      const head = await headOfStore();
      const second = await platform.http
        .post('/api/donations')
        .set('Idempotency-Key', 'double-click-1')
        .send(body)
        .expect(201);
      expect(second.body).toEqual(first.body);
      expect(await headOfStore()).toBe(head);

      const changed = await platform.http
        .post('/api/donations')
        .set('Idempotency-Key', 'double-click-1')
        .send({ ...body, amountCents: 99_00 })
        .expect(409);
      expect(changed.body.message).toEqual(expect.any(String));
      expect(await headOfStore()).toBe(head);
    });

    it('settles once: the same outcome again changes nothing, "failed" after paid is flagged for finance once', async () => {
      const created = await give({ beneficiary: { type: 'walker', id: otherWalkerId }, amountCents: 7_00 });
      const head = await headOfStore();
      const raised = (await walker(otherWalkerId)).raisedCents;
      await platform.http.post(`/api/sandbox/donations/${created.id}/settle`).send({ outcome: 'paid' }).expect(200);
      expect(await headOfStore()).toBe(head);
      await platform.http.post(`/api/sandbox/donations/${created.id}/settle`).send({ outcome: 'failed' }).expect(200);
      const flagged = await headOfStore();
      expect(flagged).not.toBe(head);
      await platform.http.post(`/api/sandbox/donations/${created.id}/settle`).send({ outcome: 'failed' }).expect(200);
      expect(await headOfStore()).toBe(flagged);
      const gift = (await platform.http.get(`/api/donations/${created.id}`).expect(200)).body;
      expect(gift.status).toBe('paid');
      expect(gift.history.map((entry: { what: string }) => entry.what)).toEqual([
        'created',
        'paid',
        'flagged_for_finance',
      ]);
      expect((await walker(otherWalkerId)).raisedCents).toBe(raised);
      const auth = await platform.adminAuth();
      await platform.http.get('/api/finance/flags').expect(401);
      const flags = (await platform.http.get('/api/finance/flags').set(auth).expect(200)).body.flags;
      expect(flags.filter((flag: { donationId: string }) => flag.donationId === created.id)).toEqual([
        {
          donationId: created.id,
          providerReference: expect.any(String),
          reported: 'failed',
          recordedStatus: 'paid',
          problem: 'the provider reported the payment failed after it was recorded paid',
          flaggedAt: expect.any(String),
        },
      ]);
    });
  });

  describe('bad input writes nothing', () => {
    it.each([
      ['an amount under 1.00 EUR', { amountCents: 99 }, /at least 1.00 EUR/],
      ['an amount over 100,000.00 EUR', { amountCents: 10_000_001 }, /at most 100000.00 EUR/],
      ['an amount in euros', { amountCents: 10.5 }, /whole number of cents/],
      ['an unknown frequency', { frequency: 'weekly' }, /one_off or monthly/],
      ['an unknown field', { tip: 5 }, /tip should not exist/],
      ['a donor without e-mail address', { donor: { name: 'X', email: 'x' } }, /e-mail address/],
    ])('refuses %s (400)', async (_case, change, message) => {
      const head = await headOfStore();
      const response = await platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'walker', id: walkerId },
          amountCents: 10_00,
          frequency: 'one_off',
          donor: { name: 'A', email: 'a@example.be' },
          ...change,
        })
        .expect(400);
      expect(response.body.message).toMatch(message);
      expect(await headOfStore()).toBe(head);
    });

    it('answers 404 for an unknown beneficiary or donation', async () => {
      const head = await headOfStore();
      await platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'walker', id: 'nobody' },
          amountCents: 10_00,
          frequency: 'one_off',
          donor: { name: 'A', email: 'a@example.be' },
        })
        .expect(404);
      await platform.http.get('/api/donations/nope').expect(404);
      await platform.http.post('/api/sandbox/donations/nope/settle').send({ outcome: 'paid' }).expect(404);
      expect(await headOfStore()).toBe(head);
    });
  });

  describe('offline gifts recorded by an organiser', () => {
    it('records cash received as a paid gift that counts at once, also above the online maximum', async () => {
      const auth = await platform.adminAuth();
      const before = await stats();
      const recorded = await platform.http
        .post('/api/donations/offline')
        .set(auth)
        .send({
          beneficiary: { type: 'team', id: teamId },
          amountCents: 150_000_00,
          donor: { name: 'Grote Gever', email: 'groot@example.be' },
          method: 'bank_transfer',
          receivedAt: '2026-09-26T23:30:00Z',
          reference: '+++090/9337/55493+++',
        })
        .expect(201);
      expect(recorded.body).toEqual({ id: expect.any(String) });
      const donation = await platform.http.get(`/api/donations/${recorded.body.id}`).expect(200);
      expect(donation.body).toMatchObject({ status: 'paid', amountCents: 150_000_00, frequency: 'one_off' });
      expect(await stats()).toMatchObject({
        raisedCents: before.raisedCents + 150_000_00,
        supporters: before.supporters + 1,
      });
    });

    it('is for organisers and finance only, and validates its input', async () => {
      const head = await headOfStore();
      const body = {
        beneficiary: { type: 'edition', id: editionId },
        amountCents: 20_00,
        donor: { name: 'Cash', email: 'cash@example.be' },
        method: 'cash',
        receivedAt: '2026-09-27',
      };
      await platform.http.post('/api/donations/offline').send(body).expect(401);
      const auth = await platform.adminAuth();
      const badMethod = await platform.http
        .post('/api/donations/offline')
        .set(auth)
        .send({ ...body, method: 'cheque' })
        .expect(400);
      expect(badMethod.body.message).toMatch(/cash or bank_transfer/);
      await platform.http
        .post('/api/donations/offline')
        .set(auth)
        .send({ ...body, receivedAt: '2026-02-30' })
        .expect(400);
      // money that has not come in yet cannot be booked: a day after today in Brussels is refused
      const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
      const future = await platform.http
        .post('/api/donations/offline')
        .set(auth)
        .send({ ...body, receivedAt: tomorrow })
        .expect(400);
      expect(future.body.message).toBe('the day a gift was received cannot be in the future');
      expect(await headOfStore()).toBe(head);
    });
  });

  describe('refunds by finance', () => {
    it('refunds part of a gift, then the rest; each counts out of raised once confirmed', async () => {
      const auth = await platform.adminAuth();
      const gift = await give({
        beneficiary: { type: 'walker', id: otherWalkerId },
        amountCents: 25_00,
        donor: { name: 'R', email: 'refund@example.be' },
      });
      const before = (await walker(otherWalkerId)).raisedCents;
      const part = await platform.http
        .post(`/api/donations/${gift.id}/refunds`)
        .set(auth)
        .send({ amountCents: 10_00 })
        .expect(201);
      expect(part.body).toEqual({
        donationId: gift.id,
        providerRefundId: expect.any(String),
        amountCents: 10_00,
        confirmed: true,
        refunds: [
          {
            chargeId: expect.any(String),
            providerRefundId: part.body.providerRefundId,
            amountCents: 10_00,
            idempotencyKey: expect.stringMatching(/^rw-refund-/),
          },
        ],
      });
      expect((await walker(otherWalkerId)).raisedCents).toBe(before - 10_00);
      expect((await platform.http.get(`/api/donations/${gift.id}`)).body.status).toBe('partially_refunded');

      const head = await headOfStore();
      const tooMuch = await platform.http
        .post(`/api/donations/${gift.id}/refunds`)
        .set(auth)
        .send({ amountCents: 15_01 })
        .expect(409);
      expect(tooMuch.body.message).toMatch(/15.00 EUR left/);
      expect(await headOfStore()).toBe(head);

      await platform.http.post(`/api/donations/${gift.id}/refunds`).set(auth).send({}).expect(201);
      expect((await walker(otherWalkerId)).raisedCents).toBe(before - 25_00);
      expect((await platform.http.get(`/api/donations/${gift.id}`)).body.status).toBe('refunded');
      await platform.http.post(`/api/donations/${gift.id}/refunds`).set(auth).send({ amountCents: 1 }).expect(409);
    });

    it('refunds once when finance double-clicks without an Idempotency-Key, though the sandbox confirms at once', async () => {
      const auth = await platform.adminAuth();
      const gift = await give({
        beneficiary: { type: 'walker', id: otherWalkerId },
        amountCents: 20_00,
        donor: { name: 'Dubbel', email: 'double-refund@example.be' },
      });
      const before = (await walker(otherWalkerId)).raisedCents;
      const click = () => platform.http.post(`/api/donations/${gift.id}/refunds`).set(auth).send({ amountCents: 1_00 });
      const answers = await Promise.all([click(), click(), click()]);
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((answer) => answer.body.providerRefundId)).size).toBe(1);
      await click().expect(201);
      expect((await walker(otherWalkerId)).raisedCents).toBe(before - 1_00);
      const charges = (await platform.http.get(`/api/donations/${gift.id}/charges`).set(auth).expect(200)).body;
      expect(charges.refundableCents).toBe(19_00);
    });

    it('refunds a monthly gift payment by payment: one refund per charge, each with its own key, once', async () => {
      const auth = await platform.adminAuth();
      const gift = await give({
        beneficiary: { type: 'walker', id: otherWalkerId },
        amountCents: 12_00,
        frequency: 'monthly',
        donor: { name: 'Maand', email: 'monthly-refund@example.be' },
      });
      await platform.http.post(`/api/sandbox/donations/${gift.id}/charge`).set('Idempotency-Key', 'm2').expect(200);
      await platform.http.post(`/api/sandbox/donations/${gift.id}/charge`).set('Idempotency-Key', 'm3').expect(200);
      const before = (await walker(otherWalkerId)).raisedCents;
      await platform.http.get(`/api/donations/${gift.id}/charges`).expect(401);
      const charges = (await platform.http.get(`/api/donations/${gift.id}/charges`).set(auth).expect(200)).body;
      expect(charges.refundableCents).toBe(36_00);
      expect(charges.charges).toHaveLength(3);
      expect(charges.charges.map((c: { paidCents: number }) => c.paidCents)).toEqual([12_00, 12_00, 12_00]);
      // the sandbox names a month's charge by its key; the ledger shows the provider's reference of it
      expect(charges.charges[1]).toMatchObject({ chargeId: 'm2', providerReference: `sandbox_${gift.id}_m2` });
      const second = charges.charges[1].chargeId as string;

      // an amount alone is ambiguous with three payments: 400, nothing written
      const head = await headOfStore();
      const ambiguous = await platform.http
        .post(`/api/donations/${gift.id}/refunds`)
        .set(auth)
        .send({ amountCents: 5_00 })
        .expect(400);
      expect(ambiguous.body.message).toMatch(/name the one to refund \(chargeId\)/);
      await platform.http
        .post(`/api/donations/${gift.id}/refunds`)
        .set(auth)
        .send({ chargeId: 'not-a-charge' })
        .expect(400);
      await platform.http.post(`/api/donations/${gift.id}/refunds`).set(auth).send({ chargeId: 7 }).expect(400);
      expect(await headOfStore()).toBe(head);

      // the second month, in part
      const part = await platform.http
        .post(`/api/donations/${gift.id}/refunds`)
        .set(auth)
        .send({ chargeId: second, amountCents: 5_00 })
        .expect(201);
      expect(part.body.refunds).toEqual([expect.objectContaining({ chargeId: second, amountCents: 5_00 })]);
      expect((await walker(otherWalkerId)).raisedCents).toBe(before - 5_00);

      // the whole gift: each payment gives back what is left of it, each with its own idempotency key
      const whole = await platform.http.post(`/api/donations/${gift.id}/refunds`).set(auth).send({}).expect(201);
      expect(whole.body.amountCents).toBe(31_00);
      expect(
        whole.body.refunds.map((r: { chargeId: string; amountCents: number }) => [r.chargeId, r.amountCents]),
      ).toEqual([
        [charges.charges[0].chargeId, 12_00],
        [second, 7_00],
        [charges.charges[2].chargeId, 12_00],
      ]);
      const keys = whole.body.refunds.map((r: { idempotencyKey: string }) => r.idempotencyKey);
      expect(new Set(keys).size).toBe(3);
      expect((await walker(otherWalkerId)).raisedCents).toBe(before - 36_00);
      expect((await platform.http.get(`/api/donations/${gift.id}`)).body.status).toBe('refunded');
      const after = (await platform.http.get(`/api/donations/${gift.id}/charges`).set(auth).expect(200)).body;
      expect(after.refundableCents).toBe(0);
      await platform.http.post(`/api/donations/${gift.id}/refunds`).set(auth).send({}).expect(409);
    });

    it('refuses without a finance token, for a gift not paid, and for bad amounts, writing nothing', async () => {
      const pending = await give({ beneficiary: { type: 'walker', id: otherWalkerId }, amountCents: 5_00 }, null);
      const head = await headOfStore();
      await platform.http.post(`/api/donations/${pending.id}/refunds`).send({}).expect(401);
      const auth = await platform.adminAuth();
      await platform.http.post(`/api/donations/${pending.id}/refunds`).set(auth).send({}).expect(409);
      await platform.http.post(`/api/donations/${pending.id}/refunds`).set(auth).send({ amountCents: 2.5 }).expect(400);
      await platform.http.post('/api/donations/nope/refunds').set(auth).send({}).expect(404);
      expect(await headOfStore()).toBe(head);
    });
  });

  describe('stopping a monthly gift', () => {
    const monthly = () =>
      give({
        beneficiary: { type: 'walker', id: otherWalkerId },
        amountCents: 8_00,
        frequency: 'monthly',
        donor: { name: 'M', email: 'stop@example.be' },
      });

    it('lets the donor stop it through the private link, once; a later charge is still recorded, flagged', async () => {
      const gift = await monthly();
      const token = platform.app.get(PrivateLinks).token('cancel-monthly-gift', gift.id);
      const head = await headOfStore();
      await platform.http.post(`/api/donations/${gift.id}/cancel-monthly?token=forged`).expect(403);
      await platform.http.post(`/api/donations/${gift.id}/cancel-monthly`).expect(401);
      expect(await headOfStore()).toBe(head);
      const stopped = await platform.http.post(`/api/donations/${gift.id}/cancel-monthly?token=${token}`).expect(200);
      expect(stopped.body).toEqual({ id: gift.id, cancelled: true, by: 'donor' });
      const after = await headOfStore();
      await platform.http.post(`/api/donations/${gift.id}/cancel-monthly?token=${token}`).expect(200);
      expect(await headOfStore()).toBe(after);
      const before = (await walker(otherWalkerId)).raisedCents;
      await platform.http.post(`/api/sandbox/donations/${gift.id}/charge`).set('Idempotency-Key', 'late').expect(200);
      // the money came in: it counts until finance refunds it, and the event says it came after the stop
      expect((await walker(otherWalkerId)).raisedCents).toBe(before + 8_00);
      const events = await platform.app.get<EventStore>(EVENT_STORE).readStream(`donation-${gift.id}`);
      expect(events.at(-1)?.type).toBe('MonthlyChargePaidAfterCancellation');
      const history = (await platform.http.get(`/api/donations/${gift.id}`).expect(200)).body.history;
      expect(history.map((entry: { what: string }) => entry.what)).toEqual([
        'created',
        'paid',
        'stopped_by_donor',
        'monthly_charge_paid_after_stop',
      ]);
    });

    it('lets finance stop it, and refuses to stop a one-off gift', async () => {
      const auth = await platform.adminAuth();
      const gift = await monthly();
      const stopped = await platform.http.post(`/api/donations/${gift.id}/cancel-monthly`).set(auth).expect(200);
      expect(stopped.body.by).toBe('finance');
      const oneOff = await give({ beneficiary: { type: 'walker', id: otherWalkerId }, amountCents: 8_00 });
      const head = await headOfStore();
      await platform.http.post(`/api/donations/${oneOff.id}/cancel-monthly`).set(auth).expect(400);
      expect(await headOfStore()).toBe(head);
    });
  });
});
