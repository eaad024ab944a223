import type { FakeStripe } from '@rw/payments/testing/fake-stripe';
import { createEdition, registerTeam } from '../support/fixtures';
import type { TestPlatform } from '../support/platform';
import { deliverStripeEvent, startOnFakeStripe, stripeSessionIn } from '../support/provider-platforms';
import { headOfStore } from '../support/totals';

/**
 * A registration fee whose checkout failed or expired is paid with a fresh checkout, never the dead one: the pages'
 * pay links carry an attempt id of their own (a provider's idempotency key outlives its checkout), while the same
 * link followed twice opens one checkout. Against the real Stripe adapter and a scripted Stripe.
 */
describe('paying a registration fee again after a failed or expired checkout (Stripe)', () => {
  let fake: FakeStripe;
  let platform: TestPlatform;
  let stop: () => Promise<void>;
  let walkerId: string;
  let firstSession: string;
  /** The checkout of a fresh attempt that the walker leaves open (and pays later, after the fee is paid). */
  let leftOpen: string;

  beforeAll(async () => {
    ({ fake, platform, stop } = await startOnFakeStripe('Fee retry'));
    const edition = await createEdition(platform, [
      { name: 'Official', distanceKm: 40, kind: 'official', registrationFeeCents: 15_00 },
    ]);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Opnieuw', {
      name: 'Anna',
      email: 'anna@example.be',
    });
    walkerId = team.captainWalkerId;
    firstSession = stripeSessionIn(team.feeCheckoutUrl as string);
  });
  afterAll(() => stop?.());

  const sessionsCreated = () =>
    fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions').length;
  const pay = (query = '') => platform.http.get(`/registration-fees/${walkerId}/pay${query}`);

  it('opens the registration’s own checkout from the mail’s link (no attempt), however often it is followed', async () => {
    for (let i = 0; i < 2; i++) {
      const opened = await pay().expect(303);
      expect(stripeSessionIn(opened.headers.location)).toBe(firstSession);
    }
  });

  it('opens a fresh checkout for a new attempt once the first one expired, the same one for a double click', async () => {
    fake.expire(firstSession);
    const retried = await pay('?attempt=page-attempt-0001').expect(303);
    const fresh = stripeSessionIn(retried.headers.location);
    leftOpen = fresh;
    expect(fresh).not.toBe(firstSession);
    expect(fake.session(fresh)).toMatchObject({ status: 'open', amount_total: 15_00 });
    const keys = fake.requests
      .filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions')
      .map((r) => r.idempotencyKey);
    expect(keys).toContain(`rw-checkout-page-attempt-0001-fee-${walkerId}`);
    // a double click on the same button: the same checkout
    const again = await pay('?attempt=page-attempt-0001').expect(303);
    expect(stripeSessionIn(again.headers.location)).toBe(fresh);
    // the page shown again (another attempt): another checkout
    const other = await pay('?attempt=page-attempt-0002').expect(303);
    expect(stripeSessionIn(other.headers.location)).not.toBe(fresh);
  });

  it('refuses an attempt that is no attempt id with a 400, and asks the provider nothing', async () => {
    const before = sessionsCreated();
    const head = await headOfStore(platform);
    // a link from a mail or a page: the answer is a page in the visitor's language
    const refused = await pay('?attempt=not%20an%20id!').expect(400);
    expect(refused.text).toContain('Dit verzoek klopt niet.');
    await pay('?attempt=aaaaaaaaaa&attempt=bbbbbbbbbb').expect(400);
    expect(sessionsCreated()).toBe(before);
    expect(await headOfStore(platform)).toBe(head);
  });

  it('pays the fee through the fresh checkout; the pay link then shows the result and opens nothing', async () => {
    const opened = await pay('?attempt=page-attempt-0003').expect(303);
    const session = stripeSessionIn(opened.headers.location);
    fake.markPaid(session);
    await deliverStripeEvent(platform, fake, 'checkout.session.completed', {
      id: session,
      object: 'checkout.session',
      payment_status: 'unpaid',
    }).expect(200);
    const walker = await platform.http.get(`/api/walkers/${walkerId}`).expect(200);
    expect(walker.body.status).toBe('active');
    const before = sessionsCreated();
    const after = await pay('?attempt=page-attempt-0004&lang=fr').expect(303);
    expect(after.headers.location).toBe(`/registration-fees/${walkerId}/result?lang=fr`);
    expect(sessionsCreated()).toBe(before);
    const result = await platform.http.get(after.headers.location).expect(200);
    expect(result.text).not.toContain('/pay?attempt=');
  });

  it('books a second checkout of the same fee paid too as money in to pay back, never as an error the provider retries', async () => {
    // the checkout of attempt 0001 is still open: the walker pays it as well
    const open = leftOpen;
    expect(fake.session(open).status).toBe('open');
    fake.markPaid(open);
    const completed = { id: open, object: 'checkout.session', payment_status: 'unpaid' };
    await deliverStripeEvent(platform, fake, 'checkout.session.completed', completed, { id: 'evt_twice' }).expect(200);
    const afterSecond = await headOfStore(platform);
    // told again: nothing new
    await deliverStripeEvent(platform, fake, 'checkout.session.completed', completed, { id: 'evt_twice' }).expect(200);
    await deliverStripeEvent(platform, fake, 'checkout.session.completed', completed, { id: 'evt_twice_2' }).expect(
      200,
    );
    expect(await headOfStore(platform)).toBe(afterSecond);
    expect((await platform.http.get(`/api/walkers/${walkerId}`).expect(200)).body.status).toBe('active');
    // both payments are in the books, each once
    const ledger = await platform.http
      .get('/api/finance/export?from=2026-01-01&to=2026-12-31&format=csv')
      .set(await platform.adminAuth())
      .expect(200);
    const fees = ledger.text.split('\n').filter((line) => line.includes('registration_fee'));
    expect(fees).toHaveLength(2);
  });
});
