import { binary } from '../support/binary';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type PersonalDataVault } from '@rw/event-store';
import { ExecuteWalkerCommand } from '@rw/fundraising';
import { ProjectionRunner } from '@rw/read-models';
import { rebuildProjections } from '../../apps/cli/src/rebuild-projections';
import { loadConfig } from '../../apps/platform/src/config/config';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

const erased = {
  name: 'Xaviera Vandenbroucke',
  email: 'xaviera.vdb@example.be',
  nationalNumber: '85073003328',
  street: 'Zuidstationstraat 17',
};
const kept = {
  name: 'Yannick Olbrechts',
  email: 'yannick.olbrechts@example.be',
  nationalNumber: '93051822361',
  street: 'Veldstraat 3',
};

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every texts of a finance export: the ledger as CSV and XLSX, the tax certificates as CSV. */
async function financeExports(platform: TestPlatform): Promise<string[]> {
  const auth = await platform.adminAuth();
  const csv = await platform.http.get('/api/finance/export?from=2020-01-01&to=2030-12-31&format=csv').set(auth);
  expect(csv.status).toBe(200);
  const xlsx = await platform.http
    .get('/api/finance/export?from=2020-01-01&to=2030-12-31&format=xlsx')
    .set(auth)
    .buffer(true)
    .parse(binary);
  expect(xlsx.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.body);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.value));
      });
    });
  });
  const certificates = await platform.http.get('/api/finance/tax-certificates?year=2026&format=csv').set(auth);
  expect(certificates.status).toBe(200);
  return [csv.text, cells.join('\n'), certificates.text];
}

/** Every file under the data folder, read as bytes: the stores, their -wal/-shm files, the read models, the keys. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
function filesHolding(dir: string, text: string): string[] {
  return filesUnder(dir)
    .filter((file) => readFileSync(file).includes(Buffer.from(text, 'utf8')))
    .map((file) => file.slice(dir.length + 1));
}

describe('GDPR: erasing a donor by deleting their key (crypto-shredding) and the right of access', () => {
  let platform: TestPlatform;
  let dataDir: string;
  let editionId: string;
  let teamId: string;
  let walkerId: string;
  const gifts: Record<string, string> = {};

  const headOfStore = async () => {
    await platform.effectsDone();
    return (await platform.http.get('/health').expect(200)).body.eventStore.headPosition as string;
  };
  const walker = async () => (await platform.http.get(`/api/walkers/${walkerId}`).expect(200)).body;
  const team = async () => (await platform.http.get(`/api/teams/${teamId}`).expect(200)).body;
  const stats = async () => (await platform.http.get(`/api/editions/${editionId}/stats`).expect(200)).body;
  const amounts = async () => {
    const [w, t, s] = [await walker(), await team(), await stats()];
    return {
      walker: { raisedCents: w.raisedCents, donorCount: w.donorCount },
      team: { raisedCents: t.raisedCents, donorCount: t.donorCount },
      edition: { raisedCents: s.raisedCents, supporters: s.supporters },
    };
  };

  async function give(person: typeof erased, amountCents: number, message: string) {
    const created = await platform.http
      .post('/api/donations')
      .send({
        frequency: 'one_off',
        beneficiary: { type: 'walker', id: walkerId },
        amountCents,
        message,
        donor: { name: person.name, email: person.email },
      })
      .expect(201);
    await platform.http.post(`/api/sandbox/donations/${created.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
    return created.body.id as string;
  }

  /** A gift with an address and national number (checkout asks for them for a tax certificate). */
  async function giveWithCertificateDetails(person: typeof erased, donationId: string) {
    const store = platform.app.get<EventStore>(EVENT_STORE);
    await store.append(
      `donation-${donationId}`,
      [
        {
          type: 'DonationCreated',
          data: {
            donationId,
            editionId,
            beneficiary: { type: 'walker', id: walkerId },
            teamId,
            walkerId,
            amountCents: 5000,
            frequency: 'one_off',
            donor: {
              name: person.name,
              email: person.email,
              address: { street: person.street, postalCode: '9000', city: 'Gent' },
              nationalNumber: person.nationalNumber,
            },
            anonymous: false,
            provider: 'sandbox',
            createdAt: '2026-05-01T10:00:00.000Z',
          },
        },
      ],
      'no_stream',
    );
  }

  beforeAll(async () => {
    platform = await startPlatform();
    dataDir = platform.dataDir;
    const edition = await createEdition(platform);
    editionId = edition.id;
    const registered = await registerTeam(platform, editionId, edition.routes[0].id, 'De Stappers', {
      name: 'Fatima',
      email: 'fatima@example.be',
    });
    teamId = registered.id;
    walkerId = registered.captainWalkerId;
    gifts.erased = await give(erased, 25_00, 'Zet hem op!');
    gifts.kept = await give(kept, 40_00, 'Hup hup');
    await giveWithCertificateDetails(erased, 'cert-x');
    await giveWithCertificateDetails(kept, 'cert-y');
    await platform.http
      .post('/api/pledges')
      .send({
        beneficiary: { type: 'walker', id: walkerId },
        sponsor: { name: erased.name, email: erased.email },
        kind: 'fixed',
        amountCents: 10_00,
      })
      .expect(201);
  });
  afterAll(async () => {
    await platform.dispose();
    // the platform restarted after the rebuild on the same folder, which it then does not delete itself
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('never writes a donor’s personal data to the event store, only to the read models and the mail outbox', async () => {
    await walker();
    for (const text of [erased.email, erased.name, erased.nationalNumber, kept.email, kept.nationalNumber]) {
      const holding = filesHolding(dataDir, text);
      expect(holding.length).toBeGreaterThan(0);
      expect(holding.every((f) => f.startsWith('read-models.sqlite') || f.startsWith('mail-outbox.sqlite'))).toBe(true);
    }
    // the thank-you mail went out before the erasure, so the outbox has something to forget
    await waitFor(() => filesHolding(dataDir, erased.email).some((f) => f.startsWith('mail-outbox.sqlite')));
  });

  it('exports everything held about a donor as a JSON attachment, for finance only', async () => {
    await platform.http.get('/api/donors/access').query({ email: erased.email }).expect(401);
    const response = await platform.http
      .get('/api/donors/access')
      .query({ email: erased.email.toUpperCase() })
      .set(await platform.adminAuth())
      .expect(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="donor-[\w-]+\.json"$/);
    expect(response.body.personalData).toEqual({
      name: erased.name,
      email: erased.email,
      address: { street: erased.street, postalCode: '9000', city: 'Gent' },
      nationalNumber: erased.nationalNumber,
    });
    expect(response.body.donations).toHaveLength(2);
    const paid = response.body.donations.find((d: { donationId: string }) => d.donationId === gifts.erased);
    expect(paid).toMatchObject({ amountCents: 25_00, message: 'Zet hem op!' });
    expect(paid.history.map((h: { what: string }) => h.what)).toEqual(['created', 'paid']);
    expect(response.body.pledges).toHaveLength(1);
    expect(response.body.pledges[0][0]).toMatchObject({ type: 'PledgeMade', amountCents: 10_00 });
    expect(JSON.stringify(response.body)).not.toContain(kept.email);
  });

  it('refuses a bad erasure request with 400 and writes nothing', async () => {
    const head = await headOfStore();
    const auth = await platform.adminAuth();
    for (const body of [{}, { email: 'not-an-address' }, { email: erased.email, extra: 1 }, { email: 42 }]) {
      const response = await platform.http.post('/api/donors/erase').set(auth).send(body).expect(400);
      expect(response.body.errors[0].field).toMatch(/email|extra/);
    }
    await platform.http.post('/api/donors/erase').send({ email: erased.email }).expect(401);
    await platform.http.get('/api/donors/access').query({ email: 'nope' }).set(auth).expect(400);
    expect(await headOfStore()).toBe(head);
  });

  describe('after erasing one donor', () => {
    let before: Awaited<ReturnType<typeof amounts>>;

    beforeAll(async () => {
      before = await amounts();
      const response = await platform.http
        .post('/api/donors/erase')
        .set(await platform.adminAuth())
        .send({ email: erased.email })
        .expect(200);
      expect(response.body).toEqual({ donorId: expect.any(String), erased: true });
    });

    const expectNoTraceOfTheErasedDonor = async () => {
      for (const text of [erased.email, erased.name, erased.nationalNumber, erased.street]) {
        expect({ text, files: filesHolding(dataDir, text) }).toEqual({ text, files: [] });
      }
      const readModels = filesHolding(dataDir, kept.email).concat(filesHolding(dataDir, kept.nationalNumber));
      expect(readModels.some((f) => f.startsWith('read-models.sqlite'))).toBe(true);
    };
    const expectPagesWithoutTheErasedDonor = async () => {
      // the finance exports: the kept donor is there, the erased one nowhere
      const exports = await financeExports(platform);
      expect(exports[0]).toContain(kept.email);
      expect(exports[1]).toContain(kept.email);
      for (const text of exports) {
        expect(text).not.toContain(erased.email);
        expect(text).not.toContain(erased.name);
        expect(text).not.toContain(erased.nationalNumber);
      }
      expect(await amounts()).toEqual(before);
      expect(before.walker).toEqual({ raisedCents: 65_00, donorCount: 2 });
      const supporters = (await walker()).supporters;
      expect(supporters).toEqual(
        expect.arrayContaining([
          { name: 'anonymous', message: 'Zet hem op!', amountCents: 25_00, at: expect.any(String) },
          { name: kept.name, message: 'Hup hup', amountCents: 40_00, at: expect.any(String) },
        ]),
      );
      const donation = await platform.http.get(`/api/donations/${gifts.erased}`).expect(200);
      expect(donation.body).toMatchObject({ status: 'paid', amountCents: 25_00 });
      expect(JSON.stringify(donation.body)).not.toMatch(/Xaviera|xaviera/);
      await platform.http
        .get('/api/donors/access')
        .query({ email: erased.email })
        .set(await platform.adminAuth())
        .expect(404);
    };

    it('leaves no trace of their name, e-mail, address or national number in any file of the data folder', async () => {
      await expectNoTraceOfTheErasedDonor();
    });

    it('shows their gifts as anonymous and keeps every amount and donor count', async () => {
      await expectPagesWithoutTheErasedDonor();
    });

    it('answers 404 when asked again, and writes nothing', async () => {
      const head = await headOfStore();
      await platform.http
        .post('/api/donors/erase')
        .set(await platform.adminAuth())
        .send({ email: erased.email })
        .expect(404);
      expect(await headOfStore()).toBe(head);
    });

    it('gives a new gift from the same address a new donor, readable again', async () => {
      const id = await give(erased, 5_00, 'Weer terug');
      const access = await platform.http
        .get('/api/donors/access')
        .query({ email: erased.email })
        .set(await platform.adminAuth())
        .expect(200);
      expect(access.body.donations.map((d: { donationId: string }) => d.donationId)).toEqual([id]);
      await platform.http
        .post('/api/donors/erase')
        .set(await platform.adminAuth())
        .send({ email: erased.email })
        .expect(200);
      before = {
        walker: { raisedCents: before.walker.raisedCents + 5_00, donorCount: before.walker.donorCount + 1 },
        team: { raisedCents: before.team.raisedCents + 5_00, donorCount: before.team.donorCount + 1 },
        edition: { raisedCents: before.edition.raisedCents + 5_00, supporters: before.edition.supporters + 1 },
      };
      expect(await amounts()).toEqual(before);
      await expectNoTraceOfTheErasedDonor();
    });

    it('still shows nothing of them once the read models are rebuilt from the events', async () => {
      await platform.stop();
      await rebuildProjections(loadConfig({ DATA_DIR: dataDir }));
      await expectNoTraceOfTheErasedDonor();
      platform = await startPlatform({}, dataDir);
      const supporters = (await walker()).supporters;
      expect(supporters).toHaveLength(3);
      expect(supporters.filter((s: { name: string }) => s.name === 'anonymous')).toHaveLength(2);
      expect(await amounts()).toEqual(before);
      await expectNoTraceOfTheErasedDonor();
    });
  });

  it('finishes an erasure interrupted after its record was written, without writing it again', async () => {
    const store = platform.app.get<EventStore>(EVENT_STORE);
    const vault = store as PersonalDataVault;
    const interrupted = { name: 'Zohra Interrupted', email: 'zohra@example.be' };
    await give({ ...interrupted, nationalNumber: '', street: '' }, 7_00, 'Courage');
    const donorId = (await vault.donorIdOf(interrupted.email)) as string;
    // as if the process stopped between writing DonorErased and deleting the key
    await store.append(
      `donor-${donorId}`,
      [{ type: 'DonorErased', data: { donorId, erasedAt: '2026-11-24T10:00:00.000Z', by: 'acc' } }],
      'no_stream',
    );
    const head = await headOfStore();
    const auth = await platform.adminAuth();
    await platform.http.post('/api/donors/erase').set(auth).send({ email: interrupted.email }).expect(200);
    expect(await headOfStore()).toBe(head);
    expect(await vault.donorIdOf(interrupted.email)).toBeUndefined();
    expect(filesHolding(dataDir, interrupted.email)).toEqual([]);
  });
});

describe('GDPR: erasing a person who walks (as a captain) and gives, by their e-mail, covers every role', () => {
  let platform: TestPlatform;
  let dataDir: string;
  let editionId: string;
  let team: { id: string; captainWalkerId: string; joinCode: string };
  let keptWalkerId: string;
  const person = { name: 'Wendelien Achterberg', email: 'wendelien.achterberg@example.be' };
  const personSlug = 'wendelien-achterberg';
  const keptWalker = { name: 'Koen Verstraeten', email: 'koen.verstraeten@example.be' };
  const donor = { name: 'Dirk Meulemans', email: 'dirk.meulemans@example.be' };

  const walkerPage = async (id: string) => (await platform.http.get(`/api/walkers/${id}`).expect(200)).body;
  const amounts = async () => {
    const [captain, kept, t, s] = [
      await walkerPage(team.captainWalkerId),
      await walkerPage(keptWalkerId),
      (await platform.http.get(`/api/teams/${team.id}`).expect(200)).body,
      (await platform.http.get(`/api/editions/${editionId}/stats`).expect(200)).body,
    ];
    return {
      captain: { raisedCents: captain.raisedCents, donorCount: captain.donorCount, targetCents: captain.targetCents },
      kept: { raisedCents: kept.raisedCents, donorCount: kept.donorCount },
      team: { raisedCents: t.raisedCents, donorCount: t.donorCount, walkers: t.walkers.length },
      edition: { raisedCents: s.raisedCents, supporters: s.supporters },
    };
  };
  const expectNoTraceOfThePerson = () => {
    for (const text of [person.email, person.name, personSlug, 'Wendelien', 'voor haar zus']) {
      expect({ text, files: filesHolding(dataDir, text) }).toEqual({ text, files: [] });
    }
    // the others are still there, in the read models
    for (const text of [keptWalker.email, donor.email]) {
      expect(filesHolding(dataDir, text).some((f) => f.startsWith('read-models.sqlite'))).toBe(true);
    }
  };

  async function give(from: { name: string; email: string }, walkerId: string, amountCents: number) {
    const created = await platform.http
      .post('/api/donations')
      .send({
        frequency: 'one_off',
        beneficiary: { type: 'walker', id: walkerId },
        amountCents,
        message: 'Goed bezig',
        donor: from,
      })
      .expect(201);
    await platform.http.post(`/api/sandbox/donations/${created.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
    return created.body.id as string;
  }

  let before: Awaited<ReturnType<typeof amounts>>;

  beforeAll(async () => {
    platform = await startPlatform();
    dataDir = platform.dataDir;
    const edition = await createEdition(platform);
    editionId = edition.id;
    team = await registerTeam(platform, editionId, edition.routes[0].id, 'De Wandelaars', person);
    // a story about herself, as the walker's private edit page stores it
    await platform.app.get(CommandBus).execute(
      new ExecuteWalkerCommand({
        type: 'ChangeWalkerStory',
        walkerId: team.captainWalkerId,
        story: 'Wendelien stapt voor haar zus',
        at: '2026-06-01T10:00:00.000Z',
      }),
    );
    keptWalkerId = (
      await platform.http
        .post(`/api/teams/${team.id}/walkers`)
        .send({ ...keptWalker, joinCode: team.joinCode })
        .expect(201)
    ).body.id;
    await give(donor, team.captainWalkerId, 30_00);
    await give(person, keptWalkerId, 12_00);
  });
  afterAll(async () => {
    await platform.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a walker’s name, e-mail and page address to the event store sealed, never in clear', async () => {
    await platform.app.get(ProjectionRunner).catchUp();
    const captain = await walkerPage(team.captainWalkerId);
    expect(captain).toMatchObject({
      name: person.name,
      slug: personSlug,
      story: 'Wendelien stapt voor haar zus',
    });
    // the captain's mail with the join code went out (to the outbox) before the erasure
    await waitFor(() => filesHolding(dataDir, person.email).some((f) => f.startsWith('mail-outbox.sqlite')));
    for (const text of [person.email, person.name, personSlug, 'voor haar zus', keptWalker.email]) {
      const holding = filesHolding(dataDir, text);
      expect(holding.some((f) => f.startsWith('read-models.sqlite'))).toBe(true);
      expect(holding.filter((f) => f.startsWith('events.sqlite') || f.startsWith('donor-keys.sqlite'))).toEqual([]);
    }
  });

  it('exports their walks with their gifts in the right of access', async () => {
    const access = await platform.http
      .get('/api/donors/access')
      .query({ email: person.email })
      .set(await platform.adminAuth())
      .expect(200);
    expect(access.body.personalData).toEqual({ name: person.name, email: person.email });
    expect(access.body.walkers).toEqual([
      {
        walkerId: team.captainWalkerId,
        teamId: team.id,
        editionId,
        role: 'captain',
        registeredAt: expect.any(String),
      },
    ]);
    expect(access.body.donations.map((d: { amountCents: number }) => d.amountCents)).toEqual([12_00]);
  });

  describe('after erasing them', () => {
    beforeAll(async () => {
      before = await amounts();
      expect(before.captain.raisedCents).toBe(30_00);
      const response = await platform.http
        .post('/api/donors/erase')
        .set(await platform.adminAuth())
        .send({ email: person.email.toUpperCase() })
        .expect(200);
      expect(response.body).toEqual({ donorId: expect.any(String), erased: true });
    });

    const expectPagesWithoutThePerson = async () => {
      const captain = await walkerPage(team.captainWalkerId);
      // the page stays, with its gifts, under a neutral name and an address made of its id
      expect(captain).toMatchObject({ name: 'anonymous', slug: team.captainWalkerId, story: '' });
      expect(captain.supporters).toEqual([
        { name: donor.name, message: 'Goed bezig', amountCents: 30_00, at: expect.any(String) },
      ]);
      const teamPage = (await platform.http.get(`/api/teams/${team.id}`).expect(200)).body;
      expect(teamPage.walkers.map((w: { name: string }) => w.name)).toEqual(['anonymous', keptWalker.name]);
      // their gift to another walker shows as anonymous; its amount stays
      expect((await walkerPage(keptWalkerId)).supporters).toEqual([
        { name: 'anonymous', message: 'Goed bezig', amountCents: 12_00, at: expect.any(String) },
      ]);
      expect(await amounts()).toEqual(before);
      const leaderboard = await platform.http.get(`/api/editions/${editionId}/leaderboard?kind=walkers`).expect(200);
      expect(JSON.stringify(leaderboard.body)).not.toContain('Wendelien');
      await platform.http
        .get('/api/donors/access')
        .query({ email: person.email })
        .set(await platform.adminAuth())
        .expect(404);
    };

    it('leaves their name, e-mail and page address in no file of the data folder', () => {
      expectNoTraceOfThePerson();
    });

    it('keeps their walker page, team page and every amount, under a neutral name', async () => {
      await expectPagesWithoutThePerson();
    });

    it('still shows nothing of them after a rebuild of the read models and a restart', async () => {
      await platform.stop();
      await rebuildProjections(loadConfig({ DATA_DIR: dataDir }));
      expectNoTraceOfThePerson();
      platform = await startPlatform({}, dataDir);
      await expectPagesWithoutThePerson();
      expectNoTraceOfThePerson();
    });
  });
});
