import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adoptLocalKeys, DonorKeyStore, PERSON_KEY_EVENT, PersonalDataVault, SharedPersonKeys } from '@rw/event-store';
import { EsdbEventStore } from '@rw/event-store/adapters/esdb';
import { describeEventStore } from '@rw/event-store/testing/conformance';
import { EsdbStandIn } from '../esdb-stand-in/server';

// The persons' keys kept in EventStoreDB (through the gRPC stand-in), as every platform instance on one server
// shares them: two vaults here are two instances.
const secret = 'a-shared-secret-of-at-least-32-characters';
const marie = { name: 'Marie Peeters', email: 'marie@example.org', nationalNumber: '85073003328' };

let server: EsdbStandIn;
const opened: PersonalDataVault[] = [];
beforeAll(async () => {
  server = await EsdbStandIn.start();
});
afterAll(async () => {
  await Promise.all(opened.map((vault) => vault.close()));
  await server.stop();
});

function instance(options: { secret?: string; freshForMs?: number } = {}) {
  const store = new EsdbEventStore(server.connectionString);
  const vault = new PersonalDataVault(
    store,
    new SharedPersonKeys(store, options.secret ?? secret, { freshForMs: options.freshForMs ?? 100 }),
  );
  opened.push(vault);
  return vault;
}

const gift = (donor: object) => [{ type: 'DonationCreated', data: { amountCents: 2500, donor } }];
const donorOf = async (vault: PersonalDataVault, stream: string) =>
  ((await vault.readStream(stream))[0].data as { donor: Record<string, unknown> }).donor;
const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2)}`;

/** Every byte the server holds, as text: what someone with a copy of its database would find. */
function storedText(): string {
  return server
    .storedEvents()
    .map((e) => `${e.streamId} ${e.type} ${Buffer.from(e.data).toString('utf8')} ${Buffer.from(e.metadata).toString()}`)
    .join('\n');
}

describeEventStore('personal-data vault with shared keys over esdb (stand-in)', async () => ({ store: instance() }), {
  contiguousPositions: false,
  durable: false,
});

describe('personal-data keys shared by every instance on one EventStoreDB', () => {
  it('reads on one instance the person given on another, and stores neither the person nor the key in clear', async () => {
    const [a, b] = [instance(), instance()];
    const stream = unique('donation');
    await a.append(stream, gift(marie), 'no_stream');
    const donorId = (await a.donorIdOf(marie.email)) as string;
    expect(await donorOf(b, stream)).toEqual({ ...marie, donorId });
    expect(await b.donorIdOf(' MARIE@example.org ')).toBe(donorId);

    const text = storedText();
    for (const clear of [marie.name, marie.email, marie.nationalNumber, 'Peeters']) expect(text).not.toContain(clear);
    const key = (a.keys as SharedPersonKeys).keyOf(donorId)?.key as Buffer;
    for (const encoding of ['base64', 'hex', 'base64url'] as const) expect(text).not.toContain(key.toString(encoding));
    expect(text).toContain(PERSON_KEY_EVENT);
  });

  it('follows the gifts another instance makes with their keys read many at once, in the order of the store', async () => {
    const a = instance();
    const start = (await a.headPosition()) ?? undefined;
    const donors = Array.from({ length: 40 }, (_, i) => ({
      name: `Donor ${i}`,
      email: `${unique(`many-${i}`)}@ex.org`,
    }));
    for (const donor of donors) await a.append(unique('donation'), gift(donor), 'no_stream');
    // another instance, whose key reads are counted while under way
    const store = new EsdbEventStore(server.connectionString);
    let reading = 0;
    let most = 0;
    const readStream = store.readStream.bind(store);
    store.readStream = async (...args) => {
      most = Math.max(most, ++reading);
      try {
        return await readStream(...args);
      } finally {
        reading--;
      }
    };
    const b = new PersonalDataVault(store, new SharedPersonKeys(store, secret));
    opened.push(b);
    const seen: { name: unknown; position: bigint }[] = [];
    const subscription = b.subscribeToAll(start === undefined ? {} : { afterPosition: start });
    for await (const event of subscription) {
      seen.push({ name: (event.data as { donor: { name: unknown } }).donor.name, position: event.position });
      if (seen.length === donors.length) break;
    }
    expect(seen.map((s) => s.name)).toEqual(donors.map((d) => d.name));
    expect([...seen].sort((x, y) => (x.position < y.position ? -1 : 1))).toEqual(seen);
    // one after the other, each gift would wait for its own key: here many were read at once
    expect(most).toBeGreaterThan(5);
  });

  it('gives one person one key when two instances see their first gift at the same moment', async () => {
    const [a, b] = [instance(), instance()];
    const email = `${unique('jan')}@example.org`;
    const streams = Array.from({ length: 6 }, () => unique('donation'));
    await Promise.all(streams.map((s, i) => (i % 2 ? a : b).append(s, gift({ name: 'Jan', email }), 'no_stream')));
    const ids = new Set(await Promise.all(streams.map(async (s) => (await donorOf(a, s)).donorId)));
    expect(ids.size).toBe(1);
    expect((await donorOf(b, streams[0])).name).toBe('Jan');
  });

  it('makes an erasure on one instance hold on the other within the freshness window, for good', async () => {
    const [a, b] = [instance({ freshForMs: 300 }), instance({ freshForMs: 300 })];
    const email = `${unique('an')}@example.org`;
    const stream = unique('donation');
    await a.append(stream, gift({ name: 'An Claes', email }), 'no_stream');
    expect((await donorOf(a, stream)).name).toBe('An Claes');
    const donorId = (await b.donorIdOf(email)) as string;

    expect(await b.eraseDonor(donorId)).toBe(true);
    expect(await donorOf(b, stream)).toEqual({ donorId, erased: true, name: '', email: '' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await donorOf(a, stream)).toEqual({ donorId, erased: true, name: '', email: '' });
    expect(await a.donorIdOf(email)).toBeUndefined();
    expect(await b.eraseDonor(donorId)).toBe(false);

    // the same address gives again: a new person, on both instances; the old gift stays erased everywhere
    const later = unique('donation');
    await a.append(later, gift({ name: 'An Claes', email }), 'no_stream');
    const again = (await donorOf(b, later)).donorId;
    expect(again).not.toBe(donorId);
    expect((await donorOf(b, later)).name).toBe('An Claes');
    expect(await donorOf(instance(), stream)).toEqual({ donorId, erased: true, name: '', email: '' });
  });

  it('opens nothing more of a person once their erasure record is read, though the key is fresh or not yet deleted', async () => {
    const [a, b] = [instance({ freshForMs: 60_000 }), instance({ freshForMs: 60_000 })];
    const email = `${unique('omar')}@example.org`;
    const stream = unique('donation');
    await a.append(stream, gift({ name: 'Omar', email }), 'no_stream');
    const donorId = (await a.donorIdOf(email)) as string;
    expect((await donorOf(a, stream)).name).toBe('Omar');
    // B records the erasure and stops there, as if it crashed before deleting the key
    const erasure = unique('donor');
    await b.append(erasure, [{ type: 'DonorErased', data: { donorId, erasedAt: 'now', by: 'test' } }], 'no_stream');
    // A follows the events (its projections do): from the record on, the person reads as erased on A
    await a.readStream(erasure);
    expect(await donorOf(a, stream)).toEqual({ donorId, erased: true, name: '', email: '' });
    // the erasure asked again finds the person and finishes; a new gift from the address is a new person
    expect(await a.donorIdOf(email)).toBe(donorId);
    expect(await a.eraseDonor(donorId)).toBe(true);
    expect(await a.donorIdOf(email)).toBeUndefined();
    const later = unique('donation');
    await a.append(later, gift({ name: 'Omar', email }), 'no_stream');
    expect((await donorOf(a, later)).donorId).not.toBe(donorId);
    await expect(a.keys.find(email)).resolves.toMatchObject({ donorId: (await donorOf(a, later)).donorId });
    const fresh = instance();
    expect(await donorOf(fresh, stream)).toEqual({ donorId, erased: true, name: '', email: '' });
    expect((await donorOf(fresh, later)).name).toBe('Omar');
  });

  it('leaves no key of an erased person once the server scavenged', async () => {
    const a = instance();
    const email = `${unique('els')}@example.org`;
    await a.append(unique('donation'), gift({ name: 'Els', email }), 'no_stream');
    const donorId = (await a.donorIdOf(email)) as string;
    expect(storedText()).toContain(`rw-person-key-${donorId}`);
    await a.eraseDonor(donorId);
    server.scavenge();
    const left = server.storedEvents().filter((e) => e.streamId === `rw-person-key-${donorId}`);
    expect(left.map((e) => e.type)).toEqual(['$streamDeleted']);
  });

  it('opens nothing with another secret: a copy of the store alone is useless', async () => {
    const a = instance();
    const stream = unique('donation');
    await a.append(stream, gift({ name: 'Piet', email: `${unique('piet')}@example.org` }), 'no_stream');
    const thief = instance({ secret: 'another-secret-of-at-least-32-characters!!' });
    await expect(thief.readStream(stream)).rejects.toThrow(/authenticate/);
  });

  it('takes over the key file of an instance from before keys were shared, then deletes it', async () => {
    // the old world: one instance on EventStoreDB with its keys in its own file, under a secret of the file's own
    const file = join(mkdtempSync(join(tmpdir(), 'rw-keys-')), 'donor-keys.sqlite');
    const oldStore = new EsdbEventStore(server.connectionString);
    const old = new PersonalDataVault(oldStore, new DonorKeyStore(file));
    const [kept, erased, walker] = [unique('kept'), unique('erased'), unique('walker')].map((n) => ({
      name: `Person ${n}`,
      email: `${n}@example.org`,
    }));
    const [keptGift, erasedGift, walkerStream] = [unique('donation'), unique('donation'), unique('walker')];
    await old.append(keptGift, gift(kept), 'no_stream');
    await old.append(erasedGift, gift(erased), 'no_stream');
    await old.append(
      walkerStream,
      [{ type: 'WalkerRegistered', data: { walkerId: 'w', ...walker, slug: 'p' } }],
      'no_stream',
    );
    const keptId = (await old.donorIdOf(kept.email)) as string;
    const erasedId = (await old.donorIdOf(erased.email)) as string;
    await old.eraseDonor(erasedId);
    await old.close();

    const store = new EsdbEventStore(server.connectionString);
    const keys = new SharedPersonKeys(store, secret);
    expect(await adoptLocalKeys(store, keys, file)).toEqual({ adopted: 2, addressTaken: 0, unused: 0 });
    expect(existsSync(file)).toBe(false);
    expect(await adoptLocalKeys(store, keys, file)).toBeUndefined();
    await store.close();

    const [a, b] = [instance(), instance()];
    expect(await donorOf(b, keptGift)).toEqual({ ...kept, donorId: keptId });
    expect(await donorOf(a, erasedGift)).toEqual({ donorId: erasedId, erased: true, name: '', email: '' });
    expect(((await a.readStream(walkerStream))[0].data as { name: string }).name).toBe(walker.name);
    // the same person on their next gift, found by address under the shared secret; erased there, erased everywhere
    expect(await a.donorIdOf(kept.email)).toBe(keptId);
    expect(await b.eraseDonor(keptId)).toBe(true);
    expect(await donorOf(instance(), keptGift)).toMatchObject({ donorId: keptId, erased: true });
  });

  it('keeps the address of the person it first found when a key file names the same address again', async () => {
    const email = `${unique('twice')}@example.org`;
    const a = instance();
    const first = unique('donation');
    await a.append(first, gift({ name: 'First', email }), 'no_stream');
    const firstId = (await a.donorIdOf(email)) as string;
    // a file from an instance that gave this address a key of its own
    const file = join(mkdtempSync(join(tmpdir(), 'rw-keys-')), 'donor-keys.sqlite');
    const oldStore = new EsdbEventStore(server.connectionString);
    const old = new PersonalDataVault(oldStore, new DonorKeyStore(file));
    const second = unique('donation');
    await old.append(second, gift({ name: 'Second', email }), 'no_stream');
    const secondId = (await old.donorIdOf(email)) as string;
    await old.close();
    const store = new EsdbEventStore(server.connectionString);
    expect(await adoptLocalKeys(store, new SharedPersonKeys(store, secret), file)).toEqual({
      adopted: 1,
      addressTaken: 1,
      unused: 0,
    });
    await store.close();
    const b = instance();
    expect((await donorOf(b, second)).name).toBe('Second');
    expect(await b.donorIdOf(email)).toBe(firstId);
    // erasing the one taken over leaves the address with the first person
    expect(await b.eraseDonor(secondId)).toBe(true);
    expect(await b.donorIdOf(email)).toBe(firstId);
    expect((await donorOf(instance(), first)).name).toBe('First');
  });
});
