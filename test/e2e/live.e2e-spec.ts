import { rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { ProjectionRunner } from '@rw/read-models';
import { LiveBroadcaster } from '../../apps/platform/src/live/live-broadcaster';
import { createEdition, giveAndSettle, joinTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

interface ServerSentEvent {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
}

/** A raw HTTP client on the stream: collects the parsed events and lets a test wait for the next one of a kind. */
class StreamReader {
  readonly events: ServerSentEvent[] = [];
  comments = 0;
  private buffer = '';
  private waiters: { test: (e: ServerSentEvent) => boolean; resolve: (e: ServerSentEvent) => void }[] = [];
  private constructor(readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.read(chunk));
  }

  static open(port: number, path: string, headers: Record<string, string> = {}): Promise<StreamReader> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ port, path, headers: { Accept: 'text/event-stream', ...headers } }, (response) =>
        resolve(new StreamReader(response)),
      );
      req.on('error', reject);
      req.end();
    });
  }

  next(event: string, after = 0, timeoutMs = 3_000): Promise<ServerSentEvent> {
    const seen = this.events.slice(after).find((e) => e.event === event);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} event within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        test: (e) => e.event === event,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  close(): void {
    this.response.destroy();
  }

  private read(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      end = this.buffer.indexOf('\n\n');
      const event: ServerSentEvent = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments++;
          continue;
        }
        const colon = line.indexOf(':');
        const field = line.slice(0, colon) as keyof ServerSentEvent;
        event[field] = line.slice(colon + 1).trimStart();
      }
      if (Object.keys(event).length === 0) continue;
      this.events.push(event);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(event)) return true;
        w.resolve(event);
        return false;
      });
    }
  }
}

describe('live leaderboard stream', () => {
  let platform: TestPlatform;
  let port: number;
  let editionId: string;
  let walkerId: string;
  let teamId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    await platform.app.listen(0, '127.0.0.1');
    port = (platform.app.getHttpServer().address() as AddressInfo).port;
    const edition = await createEdition(platform);
    editionId = edition.id;
    const team = await registerTeam(platform, editionId, edition.routes[0].id, 'De Stappers', {
      name: 'Captain Anna',
      email: 'anna@example.be',
    });
    teamId = team.id;
    walkerId = await joinTeam(platform, team, { name: 'Bram Peeters', email: 'bram@example.be' });
  });

  afterAll(async () => {
    await platform.dispose();
  });

  it('answers 404 for an unknown edition', async () => {
    await platform.http.get('/api/editions/no-such-edition/live').expect(404);
  });

  it('opens with a reconnect delay and a leaderboard snapshot whose id is the read models position', async () => {
    const stream = await StreamReader.open(port, `/api/editions/${editionId}/live`);
    try {
      expect(stream.response.statusCode).toBe(200);
      expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
      const snapshot = await stream.next('leaderboard');
      expect(stream.events[0].retry).toBe('2000');
      expect(snapshot.id).toMatch(/^\d+$/);
      const board = JSON.parse(snapshot.data ?? '');
      expect(board.editionId).toBe(editionId);
      expect(board.topTeams.map((t: { name: string }) => t.name)).toEqual(['De Stappers']);
      expect(board.topWalkers.map((w: { name: string }) => w.name).sort()).toEqual(['Bram Peeters', 'Captain Anna']);
    } finally {
      stream.close();
    }
  });

  it('sends a settled gift to every screen, with the donor name and amount but never the e-mail', async () => {
    const screens = await Promise.all([1, 2, 3].map(() => StreamReader.open(port, `/api/editions/${editionId}/live`)));
    try {
      for (const screen of screens) await screen.next('leaderboard');
      const before = screens.map((s) => s.events.length);
      const donationId = await giveAndSettle(platform, walkerId, 2500, {
        name: 'Chris Janssens',
        email: 'chris@example.be',
      });
      for (const [i, screen] of screens.entries()) {
        const gift = await screen.next('donation', before[i]);
        expect(JSON.parse(gift.data ?? '')).toEqual({
          donationId,
          beneficiaryName: 'Bram Peeters',
          donorName: 'Chris Janssens',
          amountCents: 2500,
          at: expect.any(String),
        });
        expect(gift.data).not.toContain('chris@example.be');
        const board = await screen.next('leaderboard', screen.events.indexOf(gift));
        const totals = JSON.parse(board.data ?? '');
        expect(totals.raisedCents).toBe(2500);
        expect(totals.topTeams[0]).toMatchObject({ id: teamId, raisedCents: 2500 });
        expect(totals.topWalkers[0]).toMatchObject({ id: walkerId, name: 'Bram Peeters', raisedCents: 2500 });
        expect(BigInt(board.id ?? '0')).toBeGreaterThanOrEqual(BigInt(gift.id ?? '0'));
      }
    } finally {
      for (const screen of screens) screen.close();
    }
  });

  it('shows an anonymous gift as "anonymous" without its amount', async () => {
    const stream = await StreamReader.open(port, `/api/editions/${editionId}/live`);
    try {
      await stream.next('leaderboard');
      await giveAndSettle(platform, walkerId, 1000, { name: 'Secret Person', email: 'secret@example.be' }, true);
      const gift = JSON.parse((await stream.next('donation')).data ?? '');
      expect(gift.donorName).toBe('anonymous');
      expect(gift.amountCents).toBeUndefined();
      expect(JSON.stringify(gift)).not.toContain('Secret');
    } finally {
      stream.close();
    }
  });

  it('sends the gifts missed while disconnected when a screen comes back with Last-Event-ID', async () => {
    const keeper = await StreamReader.open(port, `/api/editions/${editionId}/live`);
    const first = await StreamReader.open(port, `/api/editions/${editionId}/live`);
    try {
      await keeper.next('leaderboard');
      const lastSeen = (await first.next('leaderboard')).id ?? '';
      first.close();
      const missed = await giveAndSettle(platform, walkerId, 700, { name: 'Dirk Claes', email: 'dirk@example.be' });
      await keeper.next('donation');
      const back = await StreamReader.open(port, `/api/editions/${editionId}/live`, { 'Last-Event-ID': lastSeen });
      try {
        const gift = await back.next('donation');
        expect(JSON.parse(gift.data ?? '').donationId).toBe(missed);
        expect(BigInt(gift.id ?? '0')).toBeGreaterThan(BigInt(lastSeen));
        const board = JSON.parse((await back.next('leaderboard')).data ?? '');
        expect(board.raisedCents).toBe(2500 + 1000 + 700);
      } finally {
        back.close();
      }
    } finally {
      keeper.close();
    }
  });

  it('forgets a screen that disconnected', async () => {
    const broadcaster = platform.app.get(LiveBroadcaster);
    const stream = await StreamReader.open(port, `/api/editions/${editionId}/live`);
    await stream.next('leaderboard');
    expect(broadcaster.clientCount()).toBe(1);
    stream.close();
    const deadline = Date.now() + 2_000;
    while (broadcaster.clientCount() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(broadcaster.clientCount()).toBe(0);
  });
});

describe('live leaderboard stream across a restart', () => {
  it('sends a screen that comes back after a platform restart the gifts settled while it was away', async () => {
    let platform = await startPlatform();
    const dataDir = platform.dataDir;
    try {
      await platform.app.listen(0, '127.0.0.1');
      let port = (platform.app.getHttpServer().address() as AddressInfo).port;
      const edition = await createEdition(platform);
      const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Team Gent', {
        name: 'Eva Maes',
        email: 'eva@example.be',
      });
      const stream = await StreamReader.open(port, `/api/editions/${edition.id}/live`);
      const lastSeen = (await stream.next('leaderboard')).id ?? '';
      stream.close();
      const donation = await platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'team', id: team.id },
          amountCents: 4000,
          frequency: 'one_off',
          donor: { name: 'Frank Wouters', email: 'frank@example.be' },
        })
        .expect(201);
      await platform.http
        .post(`/api/sandbox/donations/${donation.body.id}/settle`)
        .send({ outcome: 'paid' })
        .expect(200);
      await platform.stop();

      platform = await startPlatform({}, dataDir);
      await platform.app.listen(0, '127.0.0.1');
      port = (platform.app.getHttpServer().address() as AddressInfo).port;
      await platform.app.get(ProjectionRunner).catchUp();
      const back = await StreamReader.open(port, `/api/editions/${edition.id}/live`, { 'Last-Event-ID': lastSeen });
      try {
        const gift = JSON.parse((await back.next('donation')).data ?? '');
        expect(gift).toMatchObject({ donationId: donation.body.id, beneficiaryName: 'Team Gent', amountCents: 4000 });
        expect(JSON.parse((await back.next('leaderboard')).data ?? '').raisedCents).toBe(4000);
      } finally {
        back.close();
      }
    } finally {
      await platform.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('live stream catch-up, bounded: from memory or from a snapshot of the read models, never the event store', () => {
  let platform: TestPlatform;
  let port: number;
  let editionId: string;
  let walkerId: string;
  let keeper: StreamReader;
  let seenBeforeTheGifts: string;
  const donationIds: string[] = [];
  const GIFTS = 55; // more than the 50 gifts the broadcaster keeps per edition

  /** The events a screen gets when it connects: everything up to its leaderboard snapshot (sent last). */
  async function catchUp(query: string, headers: Record<string, string> = {}) {
    const stream = await StreamReader.open(port, `/api/editions/${editionId}/live${query}`, headers);
    try {
      const board = await stream.next('leaderboard');
      return { gifts: stream.events.filter((e) => e.event === 'donation'), board };
    } finally {
      stream.close();
    }
  }
  // the platform's own background readers (reactions to the gifts just made) are let finish first: only what the
  // catch-up reads is spied on
  const storeReads = async () => {
    await platform.effectsDone();
    // and the broadcaster, which follows the read models every 50 ms, reads what those effects appended
    await new Promise((resolve) => setTimeout(resolve, 250));
    const store = platform.app.get<EventStore>(EVENT_STORE);
    return [jest.spyOn(store, 'readAll'), jest.spyOn(store, 'readStream')];
  };

  beforeAll(async () => {
    platform = await startPlatform();
    await platform.app.listen(0, '127.0.0.1');
    port = (platform.app.getHttpServer().address() as AddressInfo).port;
    const edition = await createEdition(platform);
    editionId = edition.id;
    const team = await registerTeam(platform, editionId, edition.routes[0].id, 'De Lopers', {
      name: 'Greet Wouters',
      email: 'greet@example.be',
    });
    walkerId = team.captainWalkerId;
    // a screen that stays connected all along, so that the broadcaster keeps the latest gifts
    keeper = await StreamReader.open(port, `/api/editions/${editionId}/live`);
    seenBeforeTheGifts = (await keeper.next('leaderboard')).id ?? '';
    for (let i = 0; i < GIFTS; i++) {
      donationIds.push(
        await giveAndSettle(platform, walkerId, 100 + i, { name: `Gever ${i}`, email: `g${i}@example.be` }),
      );
    }
    const until = Date.now() + 5_000;
    while (keeper.events.filter((e) => e.event === 'donation').length < GIFTS && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }, 60_000);
  afterAll(async () => {
    keeper.close();
    await platform.dispose();
  });
  afterEach(() => jest.restoreAllMocks());

  const raisedCents = Array.from({ length: GIFTS }, (_, i) => 100 + i).reduce((a, b) => a + b, 0);

  it('answers lastEventId=0 with the latest gifts from the read models and the leaderboard, reading no event', async () => {
    const reads = await storeReads();
    const { gifts, board } = await catchUp('?lastEventId=0');
    expect(gifts.map((g) => JSON.parse(g.data ?? '').donationId)).toEqual(donationIds.slice(-10));
    // every gift of a snapshot carries the snapshot's position: the screen then resumes from there
    expect(gifts.every((g) => g.id === board.id)).toBe(true);
    expect(JSON.parse(board.data ?? '').raisedCents).toBe(raisedCents);
    for (const read of reads) expect(read).not.toHaveBeenCalled();
  });

  it('answers an id older than the gifts kept in memory with the same snapshot, reading no event', async () => {
    const reads = await storeReads();
    const { gifts, board } = await catchUp('', { 'Last-Event-ID': seenBeforeTheGifts });
    expect(gifts.map((g) => JSON.parse(g.data ?? '').donationId)).toEqual(donationIds.slice(-10));
    expect(JSON.parse(board.data ?? '').raisedCents).toBe(raisedCents);
    for (const read of reads) expect(read).not.toHaveBeenCalled();
  });

  it('catches up from a recent id with exactly the gifts missed, from memory, reading no event', async () => {
    const delivered = keeper.events.filter((e) => e.event === 'donation');
    const lastSeen = delivered[GIFTS - 6].id ?? '';
    const reads = await storeReads();
    const { gifts } = await catchUp('', { 'Last-Event-ID': lastSeen });
    expect(gifts.map((g) => JSON.parse(g.data ?? '').donationId)).toEqual(donationIds.slice(-5));
    expect(gifts.map((g) => g.id)).toEqual(delivered.slice(-5).map((g) => g.id));
    for (const read of reads) expect(read).not.toHaveBeenCalled();
  });

  it('serves 20 screens reconnecting at once from one snapshot, reading no event', async () => {
    const reads = await storeReads();
    const answers = await Promise.all(Array.from({ length: 20 }, () => catchUp('?lastEventId=0')));
    for (const { gifts, board } of answers) {
      expect(gifts).toHaveLength(10);
      expect(JSON.parse(board.data ?? '').raisedCents).toBe(raisedCents);
    }
    for (const read of reads) expect(read).not.toHaveBeenCalled();
  });

  it('never hands out the donation id of an anonymous gift, whose pages would show its amount', async () => {
    const before = keeper.events.length;
    const donationId = await giveAndSettle(
      platform,
      walkerId,
      777_00,
      { name: 'Stil', email: 'stil@example.be' },
      true,
    );
    const live = JSON.parse((await keeper.next('donation', before)).data ?? '');
    expect(live).toEqual({
      donationId: expect.stringMatching(/^anon-/),
      beneficiaryName: 'Greet Wouters',
      donorName: 'anonymous',
      at: expect.any(String),
    });
    expect(live.donationId).not.toContain(donationId);
    await platform.http.get(`/api/donations/${live.donationId}`).expect(404);
    // the same opaque id everywhere, so a screen shows the gift once: in a snapshot and on the screen's page
    const { gifts } = await catchUp('?lastEventId=0');
    expect(JSON.parse(gifts[gifts.length - 1].data ?? '').donationId).toBe(live.donationId);
    const page = await platform.http.get(`/editions/${editionId}/screen`).expect(200);
    expect(page.text).toContain(live.donationId);
    expect(page.text).not.toContain(donationId);
    expect(page.text).not.toContain('777,00');
  });

  it('forgets the gifts it kept once a donor is erased: a catch-up then shows the read models’ blanked name', async () => {
    const lastSeen = keeper.events[keeper.events.length - 1].id ?? '';
    const before = keeper.events.length;
    const donationId = await giveAndSettle(platform, walkerId, 5_00, {
      name: 'Erik Weggaan',
      email: 'erik@example.be',
    });
    expect(JSON.parse((await keeper.next('donation', before)).data ?? '').donorName).toBe('Erik Weggaan');
    await platform.http
      .post('/api/donors/erase')
      .set(await platform.adminAuth())
      .send({ email: 'erik@example.be' })
      .expect(200);
    let gifts: ServerSentEvent[] = [];
    const until = Date.now() + 3_000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      gifts = (await catchUp('', { 'Last-Event-ID': lastSeen })).gifts;
    } while (gifts.some((g) => g.data?.includes('Erik')) && Date.now() < until);
    const erased = gifts.map((g) => JSON.parse(g.data ?? '')).find((g) => g.donationId === donationId);
    expect(erased).toMatchObject({ donorName: 'anonymous', amountCents: 5_00 });
    expect(gifts.filter((g) => g.data?.includes('Erik'))).toEqual([]);
  });
});
