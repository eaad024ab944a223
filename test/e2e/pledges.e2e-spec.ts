import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeCommand } from '@rw/event-store';
import { donationDecider, donationStream, pledgeStream } from '@rw/fundraising';
import { loadConfig } from '../../apps/platform/src/config/config';
import { openEventStore } from '@rw/runtime/infrastructure/event-store.factory';
import { sandboxSettlement } from '../../apps/platform/src/sandbox/sandbox-pages.controller';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

describe('pledges (fixed or per km, due when the distance is recorded, paid by a gift)', () => {
  let platform: TestPlatform;
  let editionId: string;
  let teamId: string;
  let annaId: string;
  let janId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    const edition = await createEdition(platform, [{ name: 'Official', distanceKm: 40, kind: 'official' }]);
    editionId = edition.id;
    const team = await registerTeam(platform, editionId, edition.routes[0].id, 'Stappers', {
      name: 'Anna',
      email: 'anna@example.be',
    });
    teamId = team.id;
    annaId = team.captainWalkerId;
    janId = await joinTeam(platform, team, { name: 'Jan', email: 'jan@example.be' });
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const pledge = async (body: Record<string, unknown>) =>
    (
      await platform.http
        .post('/api/pledges')
        .send({ sponsor: { name: 'Sponsor', email: 'sponsor@example.be' }, ...body })
        .expect(201)
    ).body.id as string;
  const status = async (id: string) => (await platform.http.get(`/api/pledges/${id}`).expect(200)).body;
  const stats = async () => (await platform.http.get(`/api/editions/${editionId}/stats`).expect(200)).body;
  const distance = async (walkerId: string, km: number) =>
    platform.http
      .post(`/api/walkers/${walkerId}/distance`)
      .set(await platform.adminAuth())
      .send({ km })
      .expect(200);

  let perKmOnAnna: string;
  let fixedOnTeam: string;
  let perKmOnTeam: string;

  it('makes pledges that stay open until a distance is recorded; open fixed pledges count as pledged', async () => {
    perKmOnAnna = await pledge({ beneficiary: { type: 'walker', id: annaId }, kind: 'per_km', amountCents: 250 });
    fixedOnTeam = await pledge({ beneficiary: { type: 'team', id: teamId }, kind: 'fixed', amountCents: 50_00 });
    perKmOnTeam = await pledge({
      beneficiary: { type: 'team', id: teamId },
      kind: 'per_km',
      amountCents: 100,
      capCents: 100_00,
    });
    expect(await status(perKmOnAnna)).toEqual({ id: perKmOnAnna, status: 'open', dueCents: 0 });
    expect((await stats()).pledgedOpenCents).toBe(50_00);
  });

  it('makes them due when distances are recorded: per km on the walker’s km, a team’s on its walkers’ average', async () => {
    await distance(annaId, 38.5);
    expect(await status(perKmOnAnna)).toEqual({ id: perKmOnAnna, status: 'due', dueCents: 96_25 });
    expect(await status(fixedOnTeam)).toEqual({ id: fixedOnTeam, status: 'due', dueCents: 50_00 });
    expect(await status(perKmOnTeam)).toMatchObject({ status: 'due', dueCents: 38_50 });
    await distance(janId, 20);
    // (38.5 + 20) / 2 = 29.25 km × 1.00 EUR
    expect(await status(perKmOnTeam)).toMatchObject({ status: 'due', dueCents: 29_25 });
    expect((await stats()).pledgedOpenCents).toBe(96_25 + 50_00 + 29_25);
  });

  it('is fulfilled by a paid gift of exactly the due amount, which counts as raised', async () => {
    const wrong = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'walker', id: annaId },
        amountCents: 90_00,
        frequency: 'one_off',
        donor: { name: 'Sponsor', email: 'sponsor@example.be' },
        pledgeId: perKmOnAnna,
      })
      .expect(409);
    expect(wrong.body.message).toMatch(/96.25/);
    const gift = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'walker', id: annaId },
        amountCents: 96_25,
        frequency: 'one_off',
        donor: { name: 'Sponsor', email: 'sponsor@example.be' },
        pledgeId: perKmOnAnna,
      })
      .expect(201);
    expect((await status(perKmOnAnna)).status).toBe('due');
    await platform.http.post(`/api/sandbox/donations/${gift.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
    // the payment's answer does not wait for the pledge: its fulfilment is a reaction to the payment
    await platform.effectsDone();
    expect(await status(perKmOnAnna)).toEqual({
      id: perKmOnAnna,
      status: 'fulfilled',
      dueCents: 96_25,
      donationId: gift.body.id,
    });
    const figures = await stats();
    expect(figures).toMatchObject({ raisedCents: 96_25, supporters: 1, pledgedOpenCents: 50_00 + 29_25 });
  });

  it('lets an organiser cancel a pledge, which can then not be paid (409)', async () => {
    await platform.effectsDone();
    const head = (await platform.http.get('/health')).body.eventStore.headPosition;
    await platform.http.post(`/api/pledges/${fixedOnTeam}/cancel`).expect(401);
    expect((await platform.http.get('/health')).body.eventStore.headPosition).toBe(head);
    const cancelled = await platform.http
      .post(`/api/pledges/${fixedOnTeam}/cancel`)
      .set(await platform.adminAuth())
      .expect(200);
    expect(cancelled.body).toEqual({ id: fixedOnTeam, status: 'cancelled' });
    const pay = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'team', id: teamId },
        amountCents: 50_00,
        frequency: 'one_off',
        donor: { name: 'Sponsor', email: 'sponsor@example.be' },
        pledgeId: fixedOnTeam,
      })
      .expect(409);
    expect(pay.body.message).toMatch(/cancelled/);
    expect((await stats()).pledgedOpenCents).toBe(29_25);
  });

  it('refuses bad pledges and unknown ids, writing nothing', async () => {
    await platform.effectsDone();
    const head = (await platform.http.get('/health')).body.eventStore.headPosition;
    const bad = await platform.http
      .post('/api/pledges')
      .send({
        beneficiary: { type: 'walker', id: annaId },
        sponsor: { name: 'S', email: 's@example.be' },
        kind: 'per_mile',
        amountCents: 100,
      })
      .expect(400);
    expect(bad.body.message).toMatch(/fixed or per_km/);
    await platform.http
      .post('/api/pledges')
      .send({
        beneficiary: { type: 'walker', id: annaId },
        sponsor: { name: 'S', email: 's@example.be' },
        kind: 'fixed',
        amountCents: 10.5,
      })
      .expect(400);
    await platform.http
      .post('/api/pledges')
      .send({
        beneficiary: { type: 'walker', id: 'nobody' },
        sponsor: { name: 'S', email: 's@example.be' },
        kind: 'fixed',
        amountCents: 10_00,
      })
      .expect(404);
    await platform.http.get('/api/pledges/nope').expect(404);
    expect((await platform.http.get('/health')).body.eventStore.headPosition).toBe(head);
  });

  it('bounds a pledge per km (1,000.00 EUR per km, a cap of at most 100,000.00 EUR), so the totals cannot be inflated', async () => {
    const head = (await platform.http.get('/health')).body.eventStore.headPosition;
    const before = await stats();
    const perKm = { beneficiary: { type: 'walker', id: janId }, sponsor: { name: 'S', email: 's@example.be' } };
    const tooMuch = await platform.http
      .post('/api/pledges')
      .send({ ...perKm, kind: 'per_km', amountCents: 100_001 })
      .expect(400);
    expect(tooMuch.body.message).toBe('a pledge per km is at most 1000.00 EUR per km');
    const hugeCap = await platform.http
      .post('/api/pledges')
      .send({ ...perKm, kind: 'per_km', amountCents: 100, capCents: 10_000_001 })
      .expect(400);
    expect(hugeCap.body.message).toBe('invalid request: capCents must be at most 10000000 (100000.00 EUR)');
    expect((await platform.http.get('/health')).body.eventStore.headPosition).toBe(head);
    expect((await stats()).pledgedOpenCents).toBe(before.pledgedOpenCents);
  });
  it('makes a pledge made after the distance was recorded due at once, fixed or per km, walker or team', async () => {
    const before = (await stats()).pledgedOpenCents;
    const latePerKm = await pledge({ beneficiary: { type: 'walker', id: annaId }, kind: 'per_km', amountCents: 200 });
    const lateFixed = await pledge({ beneficiary: { type: 'team', id: teamId }, kind: 'fixed', amountCents: 10_00 });
    const lateTeamPerKm = await pledge({ beneficiary: { type: 'team', id: teamId }, kind: 'per_km', amountCents: 100 });
    // a reaction to the pledge, moments after its answer
    await platform.effectsDone();
    // Anna walked 38.5 km: 38.5 × 2.00 EUR; the team's walkers 29.25 km on average
    expect(await status(latePerKm)).toEqual({ id: latePerKm, status: 'due', dueCents: 77_00 });
    expect(await status(lateFixed)).toEqual({ id: lateFixed, status: 'due', dueCents: 10_00 });
    expect(await status(lateTeamPerKm)).toMatchObject({ status: 'due', dueCents: 29_25 });
    expect((await stats()).pledgedOpenCents).toBe(before + 77_00 + 10_00 + 29_25);
  });
});

describe('a pledge paid just before a crash', () => {
  it('is fulfilled once the platform is back: the payment written, the process gone, nothing left open', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rw-e2e-'));
    try {
      let platform = await startPlatform({}, dataDir);
      const edition = await createEdition(platform, [{ name: 'Official', distanceKm: 40, kind: 'official' }]);
      const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Nachtstappers', {
        name: 'Lies',
        email: 'lies@example.be',
      });
      const walkerId = team.captainWalkerId;
      await platform.http
        .post(`/api/walkers/${walkerId}/distance`)
        .set(await platform.adminAuth())
        .send({ km: 12 })
        .expect(200);
      const made = await platform.http
        .post('/api/pledges')
        .send({
          sponsor: { name: 'Sponsor', email: 'sponsor@example.be' },
          beneficiary: { type: 'walker', id: walkerId },
          kind: 'fixed',
          amountCents: 25_00,
        })
        .expect(201);
      const pledgeId = made.body.id as string;
      await platform.effectsDone();
      expect((await platform.http.get(`/api/pledges/${pledgeId}`).expect(200)).body.status).toBe('due');
      const gift = await platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'walker', id: walkerId },
          amountCents: 25_00,
          frequency: 'one_off',
          donor: { name: 'Sponsor', email: 'sponsor@example.be' },
          pledgeId,
        })
        .expect(201);
      await platform.stop();

      // what the settle request writes, and then the process is gone: the payment is stored, nothing else
      const store = await openEventStore(loadConfig({ DATA_DIR: dataDir }));
      try {
        const paid = await executeCommand(
          store,
          donationStream(gift.body.id),
          donationDecider,
          sandboxSettlement(gift.body.id, 'paid', new Date().toISOString()),
        );
        expect(paid.events.map((e) => e.type)).toEqual(['DonationPaid']);
        expect((await store.readStream(pledgeStream(pledgeId))).map((e) => e.type)).toEqual([
          'PledgeMade',
          'PledgeBecameDue',
        ]);
      } finally {
        await store.close();
      }

      // back, twice: the pledge is fulfilled by that gift, once
      for (let start = 1; start <= 2; start++) {
        platform = await startPlatform({}, dataDir);
        try {
          await platform.effectsDone();
          expect((await platform.http.get(`/api/pledges/${pledgeId}`).expect(200)).body).toEqual({
            id: pledgeId,
            status: 'fulfilled',
            dueCents: 25_00,
            donationId: gift.body.id,
          });
          const store = await openEventStore(loadConfig({ DATA_DIR: dataDir }));
          try {
            const types = (await store.readStream(pledgeStream(pledgeId))).map((e) => e.type);
            expect(types).toEqual(['PledgeMade', 'PledgeBecameDue', 'PledgeFulfilled']);
          } finally {
            await store.close();
          }
        } finally {
          await platform.stop();
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
