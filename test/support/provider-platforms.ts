import { createMollieClient } from '@mollie/api-client';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import type { PaymentProvider } from '@rw/payments';
import { MolliePaymentProvider } from '@rw/payments/adapters/mollie';
import { StripePaymentProvider } from '@rw/payments/adapters/stripe';
import { FakeMollie } from '@rw/payments/testing/fake-mollie';
import { FakeStripe } from '@rw/payments/testing/fake-stripe';
import { ProjectionService } from '../../apps/platform/src/infrastructure/projection.service';
import { createEdition, registerTeam } from './fixtures';
import { startPlatform, type TestPlatform } from './platform';

/** The edition, team and walker a provider test gives to. */
export interface WalkingTeam {
  editionId: string;
  teamId: string;
  walkerId: string;
}

/** A fresh edition with one team named `teamName`, captained by Anna. */
export async function registerWalkingTeam(platform: TestPlatform, teamName: string): Promise<WalkingTeam> {
  const edition = await createEdition(platform);
  const team = await registerTeam(platform, edition.id, edition.routes[0].id, teamName, {
    name: 'Anna',
    email: 'anna@example.be',
  });
  return { editionId: edition.id, teamId: team.id, walkerId: team.captainWalkerId };
}

/** The real Stripe adapter and SDK, talking to the scripted Stripe. */
export function stripeProviderOn(fake: FakeStripe): StripePaymentProvider {
  return new StripePaymentProvider({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret }, fake.client);
}

/** The real Mollie adapter and client, talking to the scripted Mollie behind nock. */
export function mollieProviderOn(fake: FakeMollie): MolliePaymentProvider {
  return new MolliePaymentProvider({
    client: createMollieClient({ apiKey: fake.apiKey }),
    publicBaseUrl: 'https://walk.example.org',
  });
}

/** The platform on a scripted provider, with one team to give to; `stop` ends both. */
export interface PlatformOnFake<Fake> {
  fake: Fake;
  platform: TestPlatform;
  ids: WalkingTeam;
  stop(): Promise<void>;
}

/** The platform with the real Stripe adapter and SDK, against a scripted Stripe on a local port. */
export async function startOnFakeStripe(teamName: string): Promise<PlatformOnFake<FakeStripe>> {
  const fake = await FakeStripe.start();
  return startOn(fake, stripeProviderOn(fake), teamName, () => fake.stop());
}

/** The platform with the real Mollie adapter and client, against a scripted Mollie behind nock. */
export async function startOnFakeMollie(teamName: string): Promise<PlatformOnFake<FakeMollie>> {
  const fake = FakeMollie.start();
  return startOn(fake, mollieProviderOn(fake), teamName, async () => fake.stop());
}

async function startOn<Fake>(
  fake: Fake,
  paymentProvider: PaymentProvider,
  teamName: string,
  stopFake: () => Promise<void>,
): Promise<PlatformOnFake<Fake>> {
  let platform: TestPlatform | undefined;
  try {
    platform = await startPlatform({}, undefined, { paymentProvider });
    const ids = await registerWalkingTeam(platform, teamName);
    const started = platform;
    return {
      fake,
      platform,
      ids,
      async stop() {
        await started.dispose();
        await stopFake();
      },
    };
  } catch (error) {
    // a half-started world would keep the port (or nock's interceptors) for the next spec
    await platform?.dispose();
    await stopFake();
    throw error;
  }
}

/** Posts a Stripe webhook body as Stripe does, with the signature header when there is one. */
export function postStripeWebhook(platform: TestPlatform, delivery: { payload: string; signature?: string }) {
  const post = platform.http.post('/api/webhooks/stripe');
  if (delivery.signature !== undefined) post.set('Stripe-Signature', delivery.signature);
  return post.set('Content-Type', 'application/json').send(delivery.payload);
}

/** Signs a Stripe event (with our webhook secret unless told) and delivers it to the platform. */
export function deliverStripeEvent(
  platform: TestPlatform,
  fake: FakeStripe,
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; secret?: string } = {},
) {
  return postStripeWebhook(platform, fake.signedEvent(type, object, options));
}

/** What Mollie posts: only the payment's id, as a form; the adapter fetches the payment to know anything. */
export function deliverMollieWebhook(platform: TestPlatform, paymentId: string) {
  return platform.http
    .post('/api/webhooks/mollie')
    .set('Content-Type', 'application/x-www-form-urlencoded')
    .send(`id=${paymentId}`);
}

/** An online gift to the walker, as the donation form posts it; the gift's id and where to pay. */
export async function giveOnline(
  platform: TestPlatform,
  walkerId: string,
  amountCents: number,
  options: { frequency?: 'one_off' | 'monthly'; donor?: { name: string; email: string }; method?: string } = {},
): Promise<{ id: string; checkoutUrl: string }> {
  const response = await platform.http
    .post('/api/donations')
    .send({
      beneficiary: { type: 'walker', id: walkerId },
      amountCents,
      frequency: options.frequency ?? 'one_off',
      donor: options.donor ?? { name: 'Sofie Claes', email: 'sofie@example.be' },
      ...(options.method ? { method: options.method } : {}),
    })
    .expect(201);
  return response.body as { id: string; checkoutUrl: string };
}

/** The Checkout Session id in a Stripe checkout URL. */
export const stripeSessionIn = (checkoutUrl: string) => /\/c\/pay\/(cs_\w+)$/.exec(checkoutUrl)?.[1] ?? '';

/** The payment id in a Mollie checkout URL. */
export const molliePaymentIn = (checkoutUrl: string) =>
  /\/checkout\/select-method\/(tr_\w+)$/.exec(checkoutUrl)?.[1] ?? '';

/** The gift as the API shows it. */
export async function donationOf(platform: TestPlatform, donationId: string) {
  return (await platform.http.get(`/api/donations/${donationId}`).expect(200)).body;
}

export async function statusOf(platform: TestPlatform, donationId: string) {
  return (await donationOf(platform, donationId)).status;
}

/** The gift's history as `what amountCents` lines, or `what` alone where no money moved. */
export async function historyOf(platform: TestPlatform, donationId: string) {
  return ((await donationOf(platform, donationId)).history as { what: string; amountCents?: number }[]).map((entry) =>
    entry.amountCents === undefined ? entry.what : `${entry.what} ${entry.amountCents}`,
  );
}

/** The types of the events in the gift's stream, oldest first. */
export async function eventTypesOf(platform: TestPlatform, donationId: string) {
  return (await platform.app.get<EventStore>(EVENT_STORE).readStream(`donation-${donationId}`)).map(
    (event) => event.type,
  );
}

/** The money movements of one gift in the read model, by kind. */
export function movementsOf(platform: TestPlatform, donationId: string) {
  return platform.app
    .get(ProjectionService)
    .db.prepare('SELECT kind, amount_cents AS amountCents FROM gifts WHERE donation_id = ? ORDER BY kind')
    .all(donationId) as { kind: string; amountCents: number }[];
}

/** The provider's fee recorded for one gift in the read model. */
export function feeOf(platform: TestPlatform, donationId: string) {
  return (
    platform.app
      .get(ProjectionService)
      .db.prepare('SELECT fee_cents AS feeCents FROM donations WHERE donation_id = ?')
      .get(donationId) as { feeCents: number | null }
  ).feeCents;
}

/** Finance asks the provider to refund part of a gift; the answer carries the provider's refund id. */
export async function refundAsFinance(platform: TestPlatform, donationId: string, amountCents: number) {
  return platform.http
    .post(`/api/donations/${donationId}/refunds`)
    .set(await platform.adminAuth())
    .set('Idempotency-Key', `refund-${donationId}`)
    .send({ amountCents })
    .expect(201);
}
