import { InvalidWebhook, PAYMENT_METHODS, type PaymentFact, type PaymentProvider } from '@rw/payments';
import { ProjectionService } from '../../apps/platform/src/infrastructure/projection.service';
import { Reconciliation } from '@rw/runtime/payments/reconciliation';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

/**
 * A provider double behind the port: the platform's webhook route, its reconciliation and its checkout records,
 * whatever the adapter. (The Stripe and Mollie adapters are tested against their SDKs in libs/payments.)
 */
class ProviderDouble implements PaymentProvider {
  readonly name = 'stripe' as const;
  readonly facts = new Map<string, PaymentFact[]>();
  checkouts = 0;

  methodsFor() {
    return [...PAYMENT_METHODS];
  }
  async createCheckout(request: { reference: string }) {
    this.checkouts++;
    return { checkoutUrl: `https://pay.example/cs_${request.reference}`, providerReference: `cs_${request.reference}` };
  }
  async parseWebhook({ rawBody, headers }: { rawBody: Buffer; headers: Record<string, unknown> }) {
    if (headers['stripe-signature'] !== 'valid') throw new InvalidWebhook('signature does not match');
    const body = JSON.parse(rawBody.toString('utf8')) as { id: string; facts: PaymentFact[] };
    return { deliveryId: body.id, facts: body.facts };
  }
  async currentFacts(reference: string) {
    return this.facts.get(reference) ?? [];
  }
  async refund() {
    return { providerRefundId: 're_double' };
  }
  async cancelSubscription() {}
}

describe('a real provider behind the port: webhooks and reconciliation', () => {
  let platform: TestPlatform;
  const provider = new ProviderDouble();
  let now = Date.parse('2026-09-27T10:00:00.000Z');
  let walkerId: string;
  let teamId: string;

  beforeAll(async () => {
    platform = await startPlatform({ RECONCILE_PENDING_AFTER_MINUTES: '30' }, undefined, {
      paymentProvider: provider,
      clock: () => new Date(now),
    });
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Webhooks', {
      name: 'Anna',
      email: 'anna@example.be',
    });
    walkerId = team.captainWalkerId;
    teamId = team.id;
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const headOfStore = async () => {
    await platform.effectsDone();
    return (await platform.http.get('/health')).body.eventStore.headPosition;
  };
  const raised = async () => (await platform.http.get(`/api/teams/${teamId}`).expect(200)).body.raisedCents as number;
  const give = async (amountCents: number, key?: string) => {
    const request = platform.http.post('/api/donations');
    if (key) request.set('Idempotency-Key', key);
    return (
      await request
        .send({
          beneficiary: { type: 'walker', id: walkerId },
          amountCents,
          frequency: 'one_off',
          donor: { name: 'D', email: 'd@example.be' },
        })
        .expect(201)
    ).body as { id: string; checkoutUrl: string };
  };
  const deliver = (body: unknown, signature = 'valid') =>
    platform.http
      .post('/api/webhooks/stripe')
      .set('Stripe-Signature', signature)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));

  it('answers the provider’s checkout, and the same one to a retried request without asking the provider again', async () => {
    const first = await give(20_00, 'retry-1');
    expect(first.checkoutUrl).toBe(`https://pay.example/cs_${first.id}`);
    const checkouts = provider.checkouts;
    expect(await give(20_00, 'retry-1')).toEqual(first);
    expect(provider.checkouts).toBe(checkouts);
  });

  it('applies a verified webhook once however often it is delivered, and refuses a bad signature (400, nothing written)', async () => {
    const gift = await give(30_00);
    const before = await raised();
    const delivery = {
      id: 'evt_1',
      facts: [
        {
          type: 'PaymentSucceeded',
          reference: gift.id,
          providerPaymentId: 'pi_1',
          amountCents: 30_00,
          at: '2026-09-27T10:00:00Z',
        },
      ],
    };
    const head = await headOfStore();
    const refused = await deliver(delivery, 'forged').expect(400);
    expect(refused.body.message).toMatch(/signature does not match/);
    expect(await headOfStore()).toBe(head);
    for (let i = 0; i < 10; i++) await deliver(delivery).expect(200);
    expect(await raised()).toBe(before + 30_00);
    expect((await deliver({ id: 'evt_unknown_type', facts: [] }).expect(200)).body).toEqual({
      received: true,
      facts: 0,
      applied: 0,
    });
  });

  it('reconciles a gift whose webhook was lost, once it has been pending long enough', async () => {
    const gift = await give(40_00);
    const before = await raised();
    provider.facts.set(gift.id, [
      {
        type: 'PaymentSucceeded',
        reference: gift.id,
        providerPaymentId: 'pi_2',
        amountCents: 40_00,
        at: '2026-09-27T10:05:00Z',
      },
    ]);
    const reconciliation = platform.app.get(Reconciliation);
    expect(await reconciliation.runOnce()).toMatchObject({ changed: 0 });
    expect(await raised()).toBe(before);
    now += 31 * 60_000;
    expect(await reconciliation.runOnce()).toMatchObject({ changed: 1, failed: 0 });
    expect(await raised()).toBe(before + 40_00);
    expect((await platform.http.get(`/api/donations/${gift.id}`)).body.status).toBe('paid');
    const again = await reconciliation.runOnce();
    expect(again.changed).toBe(0);
    // paid, but its fee not known yet: looked up again until the provider gives it; it never changes raised
    provider.facts.set(gift.id, [
      {
        type: 'PaymentSucceeded',
        reference: gift.id,
        providerPaymentId: 'pi_2',
        amountCents: 40_00,
        at: '2026-09-27T10:05:00Z',
      },
      { type: 'FeeKnown', reference: gift.id, providerPaymentId: 'pi_2', feeCents: 83, at: '2026-09-27T11:00:00Z' },
    ]);
    expect(await reconciliation.runOnce()).toMatchObject({ changed: 1 });
    const fee = platform.app
      .get(ProjectionService)
      .db.prepare('SELECT fee_cents AS feeCents FROM donations WHERE donation_id = ?')
      .get(gift.id) as { feeCents: number };
    expect(fee.feeCents).toBe(83);
    expect(await raised()).toBe(before + 40_00);
    expect((await reconciliation.runOnce()).changed).toBe(0);
  });
});
