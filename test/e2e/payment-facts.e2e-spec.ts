import { CommandBus } from '@nestjs/cqrs';
import { ApplyPaymentFactsCommand } from '@rw/fundraising';
import type { PaymentFact } from '@rw/payments';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

/** Webhook storms, provider-neutral: what any adapter's facts do to the books. */
describe('payment facts from providers: repeated, reordered, concurrent', () => {
  let platform: TestPlatform;
  let bus: CommandBus;
  let teamId: string;
  let walkerId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    bus = platform.app.get(CommandBus);
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Storm', {
      name: 'Anna',
      email: 'anna@example.be',
    });
    teamId = team.id;
    walkerId = team.captainWalkerId;
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const at = '2026-09-27T10:00:00.000Z';
  const apply = (facts: PaymentFact[]) => bus.execute(new ApplyPaymentFactsCommand(facts, at));
  const team = async () => (await platform.http.get(`/api/teams/${teamId}`).expect(200)).body;
  const give = async (amountCents: number, frequency = 'one_off') =>
    (
      await platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'walker', id: walkerId },
          amountCents,
          frequency,
          donor: { name: 'D', email: `d${amountCents}@example.be` },
        })
        .expect(201)
    ).body.id as string;

  it('counts a payment delivered 10 times once', async () => {
    const before = (await team()).raisedCents;
    const id = await give(25_00);
    const paid: PaymentFact = {
      type: 'PaymentSucceeded',
      reference: id,
      providerPaymentId: 'pi_1',
      amountCents: 25_00,
      at,
    };
    for (let i = 0; i < 10; i++) await apply([paid]);
    expect((await team()).raisedCents).toBe(before + 25_00);
    expect((await platform.http.get(`/api/donations/${id}`)).body.status).toBe('paid');
  });

  it('puts a delivery’s facts in money order: a refund listed before its payment still counts right', async () => {
    const before = (await team()).raisedCents;
    const id = await give(40_00);
    const facts: PaymentFact[] = [
      { type: 'RefundSucceeded', reference: id, providerRefundId: 're_1', amountCents: 15_00, at },
      { type: 'PaymentSucceeded', reference: id, providerPaymentId: 'pi_2', amountCents: 40_00, at },
    ];
    await apply(facts);
    await apply([...facts].reverse());
    expect((await team()).raisedCents).toBe(before + 25_00);
    expect((await platform.http.get(`/api/donations/${id}`)).body.status).toBe('partially_refunded');
  });

  it('refuses a refund that arrives before any payment (the provider delivers it again), then counts it once', async () => {
    const before = (await team()).raisedCents;
    const id = await give(30_00);
    const refund: PaymentFact = {
      type: 'RefundSucceeded',
      reference: id,
      providerRefundId: 're_2',
      amountCents: 30_00,
      at,
    };
    await expect(apply([refund])).rejects.toThrow(/nothing to refund/);
    expect((await team()).raisedCents).toBe(before);
    await apply([{ type: 'PaymentSucceeded', reference: id, providerPaymentId: 'pi_3', amountCents: 30_00, at }]);
    await apply([refund]);
    await apply([refund]);
    expect((await team()).raisedCents).toBe(before);
    expect((await platform.http.get(`/api/donations/${id}`)).body.status).toBe('refunded');
  });

  it('applies two deliveries for one donation processed at the same time, each movement once', async () => {
    const before = (await team()).raisedCents;
    const id = await give(10_00, 'monthly');
    await apply([{ type: 'PaymentSucceeded', reference: id, providerPaymentId: 'first', amountCents: 10_00, at }]);
    const charge = (n: number): PaymentFact => ({
      type: 'MonthlyChargeSucceeded',
      reference: id,
      providerPaymentId: `in_${n}`,
      amountCents: 10_00,
      at,
    });
    await Promise.all([apply([charge(2)]), apply([charge(3)]), apply([charge(2)]), apply([charge(3)])]);
    expect((await team()).raisedCents).toBe(before + 30_00);
  });

  it('takes a charge-back off, and a provider fee changes no raised amount', async () => {
    const before = (await team()).raisedCents;
    const id = await give(50_00);
    await apply([
      { type: 'PaymentSucceeded', reference: id, providerPaymentId: 'pi_4', amountCents: 50_00, at },
      { type: 'ChargedBack', reference: id, providerChargebackId: 'dp_1', amountCents: 50_00, at },
      { type: 'FeeKnown', reference: id, providerPaymentId: 'pi_4', feeCents: 45, at },
    ]);
    expect((await team()).raisedCents).toBe(before);
    expect((await platform.http.get(`/api/donations/${id}`)).body.status).toBe('charged_back');
  });

  it('answers 404 to provider webhooks while the sandbox is the provider, writing nothing', async () => {
    await platform.effectsDone();
    const head = (await platform.http.get('/health')).body.eventStore.headPosition;
    const stripe = await platform.http.post('/api/webhooks/stripe').send({ id: 'evt_1' }).expect(404);
    expect(stripe.body.message).toMatch(/PAYMENT_PROVIDER is sandbox/);
    await platform.http.post('/api/webhooks/mollie').type('form').send({ id: 'tr_1' }).expect(404);
    expect((await platform.http.get('/health')).body.eventStore.headPosition).toBe(head);
  });
});
