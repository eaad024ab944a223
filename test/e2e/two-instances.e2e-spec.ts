import { EVENT_STORE, type EventStore, effectStream } from '@rw/event-store';
import { FakeStripe } from '@rw/payments/testing/fake-stripe';
import { nock } from '@rw/payments/testing/nock';
import { MailDispatcher } from '../../apps/platform/src/mail/mail-dispatcher';
import { MAIL_SENDER } from '../../apps/platform/src/mail/mail-sender';
import type { OutboxMail, OutboxMailSender } from '../../apps/platform/src/mail/outbox-mail-sender';
import { Reconciliation } from '@rw/runtime/payments/reconciliation';
import { ReactorRunner } from '@rw/runtime/reactors/reactor-runner';
import { EsdbStandIn } from '../esdb-stand-in/server';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import {
  deliverStripeEvent,
  giveOnline,
  movementsOf,
  registerWalkingTeam,
  stripeProviderOn,
  stripeSessionIn,
  type WalkingTeam,
} from '../support/provider-platforms';
import { movedBy, totalsOf } from '../support/totals';

/**
 * Two platform instances at once on one EventStoreDB (the gRPC stand-in), each with its own data folder and read
 * models, as behind a load balancer. What reacts to events with an effect (mail, pledges falling due, scheduled
 * reconciliation) must happen once in all, whichever instance took the request and however the two race.
 *
 * Personal-data keys are still kept per instance (in DATA_DIR): where an instance cannot read the e-mail address of
 * a donor who gave through the other one, it decides no mail to them. The assertions below hold either way: they
 * count the mails of both instances together, never which instance sent them, and ask nothing of donors' names.
 */
// the Mollie fake's nock (loaded with the provider helpers) intercepts the core http modules, which breaks the
// gRPC client's HTTP/2: nothing here talks to Mollie
nock.restore();

/**
 * Waits until an instance shows what another instance wrote (its read models follow the store a moment later):
 * the address answers 200 within five seconds.
 */
async function shownOn(instance: TestPlatform, path: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await instance.http.get(path)).status !== 200) {
    if (Date.now() > deadline) throw new Error(`${path} is still not shown after 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startTwo(standIn: EsdbStandIn, overrides: Parameters<typeof startPlatform>[2] = {}) {
  const env = {
    EVENT_STORE: 'esdb',
    EVENTSTORE_CONNECTION_STRING: standIn.connectionString,
    PUBLIC_BASE_URL: 'https://give.example.org',
    RECONCILE_EVERY_MINUTES: '1440',
    // the persons' keys are shared through the store: the same secret on every instance
    PERSONAL_DATA_SECRET: 'the-same-secret-on-every-instance-0123456789',
  };
  // one after the other (two started at the same moment, first admin included: esdb-shared-keys.e2e-spec.ts)
  const a = await startPlatform(env, undefined, overrides);
  const b = await startPlatform(env, undefined, overrides);
  return [a, b] as const;
}

describe('two instances on one EventStoreDB: every effect once', () => {
  let standIn: EsdbStandIn;
  let a: TestPlatform;
  let b: TestPlatform;
  let editionId: string;
  let routeId: string;

  beforeAll(async () => {
    // Several EventStoreDB clients in this one process (one per instance): @eventstore/db-client 6.2's BatchAppend
    // keeps the appends under way of every client in one process-wide table, so one client closing (or its stream
    // failing) fails and forgets the others' appends ("CANCELLED", then "undefined is not iterable"; fixed upstream
    // in KurrentDB-Client-NodeJS #523). A platform process has one client; here they append through Append.
    standIn = await EsdbStandIn.start({ batchAppend: false });
    [a, b] = await startTwo(standIn);
    const edition = await createEdition(a);
    editionId = edition.id;
    routeId = edition.routes[0].id;
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await standIn?.stop();
  });

  /** Both instances send what they decided, at the same time, until neither has anything left; all mail sent. */
  const allMail = async (): Promise<OutboxMail[]> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await Promise.all([a, b].map((p) => p.app.get(MailDispatcher).drain()));
      const pending = [a, b].reduce((n, p) => n + p.app.get(MailDispatcher).undispatchedCount(), 0);
      if (pending === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return [a, b].flatMap((p) => p.app.get<OutboxMailSender>(MAIL_SENDER).list());
  };
  const mailTo = async (address: string) => (await allMail()).filter((m) => m.to === address);
  const store = () => a.app.get<EventStore>(EVENT_STORE);

  it('sends the captain registered on B one registration mail, from one of the two instances', async () => {
    const team = await registerTeam(b, editionId, routeId, 'De Twee Stappers', {
      name: 'Anna',
      email: 'anna.two@example.be',
    });
    const mails = await mailTo('anna.two@example.be');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Je team De Twee Stappers is ingeschreven');
    // A sees the team B registered, once its read models have caught up with the store
    await shownOn(a, `/api/teams/${team.id}`);
  });

  it('thanks a donor who gave on A and whose gift was settled on B once, and both count the gift', async () => {
    const team = await registerTeam(b, editionId, routeId, 'Gevers', { name: 'Bram', email: 'bram.two@example.be' });
    const ids = { editionId, teamId: team.id, walkerId: team.captainWalkerId };
    // A reads what B wrote once its own read models have caught up with the store
    await shownOn(a, `/api/walkers/${team.captainWalkerId}`);
    const before = await totalsOf(a, ids);
    const gift = await a.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'walker', id: team.captainWalkerId },
        amountCents: 35_00,
        frequency: 'one_off',
        donor: { name: 'Marie', email: 'marie.two@example.be' },
      })
      .expect(201);
    await b.http.post(`/api/sandbox/donations/${gift.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
    expect(await totalsOf(b, ids)).toEqual(movedBy(before, 35_00));
    await a.app.get(ReactorRunner).settled(await store().headPosition());
    expect(await totalsOf(a, ids)).toEqual(movedBy(before, 35_00));
    const thanks = await mailTo('marie.two@example.be');
    expect(thanks.map((m) => m.subject)).toHaveLength(1);
    // the claim of that mail: claimed once, done once
    const key = `mail-${(await store().readStream(`donation-${gift.body.id}`)).find((e) => e.type === 'DonationPaid')?.id}:gift-thanks`;
    expect((await store().readStream(effectStream(key))).map((e) => e.type)).toEqual(['EffectClaimed', 'EffectDone']);
  });

  it('makes a pledge due once when the distance is recorded on A, and shows it due at once on A and B', async () => {
    const team = await registerTeam(a, editionId, routeId, 'Sponsored', { name: 'Cas', email: 'cas.two@example.be' });
    const pledge = await b.http
      .post('/api/pledges')
      .send({
        beneficiary: { type: 'walker', id: team.captainWalkerId },
        sponsor: { name: 'Sponsor', email: 'sponsor.two@example.be' },
        kind: 'per_km',
        amountCents: 1_50,
      })
      .expect(201);
    await a.http
      .post(`/api/walkers/${team.captainWalkerId}/distance`)
      .set(await a.adminAuth())
      .send({ km: 21 })
      .expect(200);
    // read-your-writes: the answer waited for the reaction
    expect((await a.http.get(`/api/pledges/${pledge.body.id}`).expect(200)).body).toMatchObject({
      status: 'due',
      dueCents: 31_50,
    });
    expect((await b.http.get(`/api/pledges/${pledge.body.id}`).expect(200)).body).toMatchObject({ status: 'due' });
    // both instances decided the reaction; one performed it, the other found it done
    const head = await store().headPosition();
    await Promise.all([a, b].map((p) => p.app.get(ReactorRunner).settled(head)));
    expect([a, b].map((p) => p.app.get(ReactorRunner).pendingCount())).toEqual([0, 0]);
    const events = await store().readStream(`pledge-${pledge.body.id}`);
    expect(events.filter((e) => e.type === 'PledgeBecameDue')).toHaveLength(1);
    // the reaction was claimed once: the decider would also have refused a second PledgeBecameDue, but the
    // claim means the command was not even sent twice
    const distance = (await store().readStream(`walker-${team.captainWalkerId}`)).find(
      (e) => e.type === 'WalkerDistanceRecorded',
    );
    const claim = await store().readStream(effectStream(`pledge-due-${pledge.body.id}-${distance?.id}`));
    expect(claim.map((e) => e.type)).toEqual(['EffectClaimed', 'EffectDone']);
    // one mail when pledged, one when due: neither twice
    expect((await mailTo('sponsor.two@example.be')).map((m) => m.subject).sort()).toEqual([
      'Bedankt voor je belofte',
      'Je belofte is nu te betalen',
    ]);
  });

  it('runs a scheduled reconciliation round on one instance only, however both race for it', async () => {
    // a round is a day here (RECONCILE_EVERY_MINUTES=1440): keep clear of midnight
    const msToMidnight = 86_400_000 - (Date.now() % 86_400_000);
    if (msToMidnight < 5_000) await new Promise((resolve) => setTimeout(resolve, msToMidnight + 100));
    const reports = await Promise.all([a, b].map((p) => p.app.get(Reconciliation).scheduledRound()));
    expect(reports.filter((r) => r !== null)).toHaveLength(1);
    // asked again in the same round: neither runs it
    const again = await Promise.all([a, b].map((p) => p.app.get(Reconciliation).scheduledRound()));
    expect(again).toEqual([null, null]);
  });

  it('sends one mail per registration in a burst of registrations spread over both instances', async () => {
    const registered = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        registerTeam(i % 2 === 0 ? a : b, editionId, routeId, `Burst ${i}`, {
          name: `Captain ${i}`,
          email: `burst${i}@example.be`,
        }),
      ),
    );
    expect(registered).toHaveLength(12);
    const mails = (await allMail()).filter((m) => m.to.startsWith('burst'));
    expect(mails.map((m) => m.to).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `burst${i}@example.be`).sort());
  });
});

describe('two instances on one EventStoreDB: Stripe webhook storms', () => {
  let standIn: EsdbStandIn;
  let fake: FakeStripe;
  let a: TestPlatform;
  let b: TestPlatform;
  let ids: WalkingTeam;

  beforeAll(async () => {
    // Several EventStoreDB clients in this one process (one per instance): @eventstore/db-client 6.2's BatchAppend
    // keeps the appends under way of every client in one process-wide table, so one client closing (or its stream
    // failing) fails and forgets the others' appends ("CANCELLED", then "undefined is not iterable"; fixed upstream
    // in KurrentDB-Client-NodeJS #523). A platform process has one client; here they append through Append.
    standIn = await EsdbStandIn.start({ batchAppend: false });
    fake = await FakeStripe.start();
    [a, b] = await startTwo(standIn, { paymentProvider: stripeProviderOn(fake) });
    ids = await registerWalkingTeam(a, 'Stormy pair');
    await shownOn(b, `/api/walkers/${ids.walkerId}`);
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await fake?.stop();
    await standIn?.stop();
  });

  const completed = (sessionId: string) => ({ id: sessionId, object: 'checkout.session' });
  const settledEverywhere = async () => {
    const head = await a.app.get<EventStore>(EVENT_STORE).headPosition();
    if (head !== null) await Promise.all([a, b].map((p) => p.app.get(ReactorRunner).settledAndRead(head)));
  };

  it('counts one payment once when its webhook reaches both instances ten times at once', async () => {
    const start = await totalsOf(b, ids);
    const gift = await giveOnline(a, ids.walkerId, 25_00);
    const sessionId = stripeSessionIn(gift.checkoutUrl);
    fake.markPaid(sessionId);
    // each instance remembers the deliveries it applied only for itself: both apply the same facts, which is safe
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        deliverStripeEvent(i % 2 === 0 ? a : b, fake, 'checkout.session.completed', completed(sessionId), {
          id: 'evt_pair_storm',
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(answers.reduce((n, r) => n + (r.body.applied ?? 0), 0)).toBe(1);
    await settledEverywhere();
    for (const p of [a, b]) {
      expect(await totalsOf(p, ids)).toEqual(movedBy(start, 25_00));
      expect(movementsOf(p, gift.id)).toEqual([{ kind: 'payment', amountCents: 25_00 }]);
    }
    const events = await a.app.get<EventStore>(EVENT_STORE).readStream(`donation-${gift.id}`);
    expect(events.filter((e) => e.type === 'DonationPaid')).toHaveLength(1);
  });

  it('ends right when a paid and refunded gift’s webhooks arrive in reverse order, spread over both', async () => {
    const start = await totalsOf(a, ids);
    const gift = await giveOnline(b, ids.walkerId, 60_00);
    const sessionId = stripeSessionIn(gift.checkoutUrl);
    const { chargeId } = fake.markPaid(sessionId);
    const refundId = fake.addRefund(chargeId, 20_00);
    const refund = () =>
      deliverStripeEvent(a, fake, 'refund.updated', { id: refundId, object: 'refund', charge: chargeId }, {});
    // the refund first, on A: nothing to take back yet, Stripe is told to retry
    expect((await refund()).status).not.toBe(200);
    await deliverStripeEvent(b, fake, 'checkout.session.completed', completed(sessionId), {}).expect(200);
    // the refund again, on both at once
    const retried = await Promise.all([
      refund(),
      deliverStripeEvent(b, fake, 'refund.updated', { id: refundId, object: 'refund', charge: chargeId }, {}),
    ]);
    expect(retried.map((r) => r.status)).toEqual([200, 200]);
    await settledEverywhere();
    for (const p of [a, b]) {
      expect(await totalsOf(p, ids)).toEqual(movedBy(start, 40_00));
      expect(movementsOf(p, gift.id)).toEqual([
        { kind: 'payment', amountCents: 60_00 },
        { kind: 'refund', amountCents: -20_00 },
      ]);
    }
  });
});
