import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MemoryEventStore } from '../adapters/memory';
import { SqliteEventStore } from '../adapters/sqlite';
import { describeEventStore } from '../testing/conformance';
import { DonorKeyStore } from './donor-key-store';
import { PersonalDataVault } from './personal-data-vault';

const secret = 'a-test-secret-of-at-least-32-characters!';
const marie = { name: 'Marie Peeters', email: 'marie@example.org', nationalNumber: '85073003328' };

function vaultOver(inner = new MemoryEventStore()) {
  const keys = new DonorKeyStore(':memory:', secret);
  return { vault: new PersonalDataVault(inner, keys), inner, keys };
}

async function all(events: AsyncIterable<{ data: unknown }>) {
  const out: unknown[] = [];
  for await (const e of events) out.push(e.data);
  return out;
}

describeEventStore('personal-data vault over memory', async () => ({ store: vaultOver().vault }), {
  contiguousPositions: true,
  durable: false,
});

describe('personal-data vault', () => {
  describe('a walker’s registration (name, e-mail and page address at the top level of the event)', () => {
    const registered = {
      walkerId: 'w1',
      teamId: 't1',
      name: marie.name,
      email: marie.email,
      slug: 'marie-peeters',
      role: 'captain',
      story: 'Ik stap mee',
    };

    it('is stored sealed with the key of the same person who gives, and read back as it was written', async () => {
      const { vault, inner } = vaultOver();
      await vault.append('walker-w1', [{ type: 'WalkerRegistered', data: registered }], 'no_stream');
      await vault.append('donation-d1', [{ type: 'DonationCreated', data: { donor: marie } }], 'no_stream');
      const stored = JSON.stringify(await all(inner.readAll()));
      for (const text of [marie.name, marie.email, 'marie-peeters']) expect(stored).not.toContain(text);
      const [walker, gift] = (await all(vault.readAll())) as [Record<string, unknown>, { donor: { donorId: string } }];
      expect(walker).toEqual({ ...registered, personId: gift.donor.donorId });
      expect(await vault.donorIdOf(marie.email)).toBe(gift.donor.donorId);
    });

    it('reads blank, marked erased, once the person’s key is deleted', async () => {
      const { vault } = vaultOver();
      await vault.append('walker-w1', [{ type: 'WalkerRegistered', data: registered }], 'no_stream');
      const personId = (await vault.donorIdOf(marie.email)) as string;
      await vault.eraseDonor(personId);
      const [walker] = await all(vault.readAll());
      expect(walker).toEqual({ ...registered, name: '', email: '', slug: '', story: '', personId, erased: true });
    });

    it('seals a later story with the key of the person it names, and keeps nothing of one written after erasure', async () => {
      const { vault, inner } = vaultOver();
      await vault.append('walker-w1', [{ type: 'WalkerRegistered', data: registered }], 'no_stream');
      const personId = (await vault.donorIdOf(marie.email)) as string;
      const changed = { walkerId: 'w1', story: 'Marie stapt voor Gaza', changedAt: 't2', personId };
      await vault.append('walker-w1', [{ type: 'WalkerStoryChanged', data: changed }], 'any');
      expect(JSON.stringify(await all(inner.readAll()))).not.toContain('Marie stapt');
      expect((await all(vault.readAll()))[1]).toEqual(changed);
      await vault.eraseDonor(personId);
      const later = { ...changed, story: 'Nog eens Marie', changedAt: 't3' };
      await vault.append('walker-w1', [{ type: 'WalkerStoryChanged', data: later }], 'any');
      expect(JSON.stringify(await all(inner.readAll()))).not.toContain('Nog eens');
      expect((await all(vault.readAll())).slice(1)).toEqual([
        { ...changed, story: '', erased: true },
        { ...later, story: '', erased: true },
      ]);
    });

    it('reads a registration written in clear before walkers were sealed as it is', async () => {
      const { vault, inner } = vaultOver();
      await inner.append('walker-w1', [{ type: 'WalkerRegistered', data: registered }], 'no_stream');
      expect(await all(vault.readAll())).toEqual([registered]);
    });
  });

  it('writes the keys of a burst of new donors to disk before any of their events is appended', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-vault-burst-'));
    const keys = new DonorKeyStore(join(dir, 'donor-keys.sqlite'), secret);
    const inner = new MemoryEventStore();
    const vault = new PersonalDataVault(inner, keys);
    const seenOnDisk: boolean[] = [];
    const appendToInner = inner.append.bind(inner);
    // when an event reaches the store, its donor's key must already be readable from the file by another reader
    inner.append = async (streamId, events, expected) => {
      const reader = new DonorKeyStore(join(dir, 'donor-keys.sqlite'), secret);
      seenOnDisk.push(reader.find(`donor${streamId.slice('donation-'.length)}@example.org`) !== undefined);
      reader.close();
      return appendToInner(streamId, events, expected);
    };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        vault.append(
          `donation-${i}`,
          [{ type: 'DonationCreated', data: { donor: { name: `Donor ${i}`, email: `donor${i}@example.org` } } }],
          'no_stream',
        ),
      ),
    );
    expect(seenOnDisk).toEqual(Array(20).fill(true));
    const donorIds = new Set(
      await Promise.all(
        Array.from(
          { length: 20 },
          async (_, i) =>
            ((await vault.readStream(`donation-${i}`))[0].data as { donor: { donorId: string } }).donor.donorId,
        ),
      ),
    );
    expect(donorIds.size).toBe(20);
    await vault.close();
  });

  it('appends nothing when the new donors’ keys cannot be written, and makes a new key on a retry', async () => {
    const { vault, inner, keys } = vaultOver();
    const insert = (keys as unknown as { insert: { run: (...args: unknown[]) => unknown } }).insert;
    const run = insert.run.bind(insert);
    insert.run = () => {
      throw new Error('disk full');
    };
    const gift = { type: 'DonationCreated', data: { donor: marie } };
    await expect(vault.append('donation-1', [gift], 'no_stream')).rejects.toThrow('disk full');
    expect(await inner.headPosition()).toBeNull();
    expect(keys.find(marie.email)).toBeUndefined();
    insert.run = run;
    await vault.append('donation-1', [gift], 'no_stream');
    expect(((await vault.readStream('donation-1'))[0].data as { donor: typeof marie }).donor.name).toBe(marie.name);
  });

  it('stores a donor only as a donor id and ciphertext, and reads it back as it was given', async () => {
    const { vault, inner } = vaultOver();
    await vault.append(
      'donation-1',
      [{ type: 'DonationCreated', data: { donationId: '1', donor: marie } }],
      'no_stream',
    );
    const [stored] = await inner.readStream('donation-1');
    const raw = JSON.stringify(stored.data);
    expect(raw).not.toContain('marie');
    expect(raw).not.toContain('Peeters');
    expect(raw).not.toContain('85073003328');
    const donor = (stored.data as { donor: { donorId: string; sealed: string } }).donor;
    expect(Object.keys(donor).sort()).toEqual(['donorId', 'sealed']);
    const [read] = await vault.readStream('donation-1');
    expect(read.data).toEqual({ donationId: '1', donor: { ...marie, donorId: donor.donorId } });
  });

  it('seals donors and sponsors at any depth, in arrays too, and leaves other data alone', async () => {
    const { vault, inner } = vaultOver();
    const data = {
      amountCents: 2500,
      certificate: { year: 2026, donor: marie },
      lines: [{ sponsor: { name: 'Jan Claes', email: 'jan@example.org' } }],
    };
    await vault.append('x-1', [{ type: 'Nested', data }], 'no_stream');
    const raw = JSON.stringify((await inner.readStream('x-1'))[0].data);
    expect(raw).not.toContain('example.org');
    expect(raw).toContain('2500');
    const read = (await vault.readStream('x-1'))[0].data as typeof data;
    expect(read.amountCents).toBe(2500);
    expect(read.certificate.donor).toMatchObject(marie);
    expect(read.lines[0].sponsor).toMatchObject({ name: 'Jan Claes', email: 'jan@example.org' });
  });

  it('finds an address by the same keyed hash as key files written before (HMAC-SHA256 of the address)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-vault-'));
    const file = join(dir, 'donor-keys.sqlite');
    const keys = new DonorKeyStore(file, secret);
    const { donorId } = keys.keyFor(' Marie@Example.org ');
    await keys.persisted();
    keys.close();
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      expect(db.prepare('SELECT lookup FROM donor_keys WHERE donor_id = ?').get(donorId)).toEqual({
        lookup: createHmac('sha256', secret).update('marie@example.org').digest('hex'),
      });
    } finally {
      db.close();
    }
  });

  it('gives one donor id per e-mail address, whatever its case, and another to another address', async () => {
    const { vault, inner } = vaultOver();
    await vault.append('a', [{ type: 'T', data: { donor: marie } }], 'no_stream');
    await vault.append(
      'b',
      [{ type: 'T', data: { donor: { name: 'M.', email: ' MARIE@example.org ' } } }],
      'no_stream',
    );
    await vault.append('c', [{ type: 'T', data: { donor: { name: 'Jan', email: 'jan@example.org' } } }], 'no_stream');
    const ids = await Promise.all(
      ['a', 'b', 'c'].map(
        async (s) => ((await inner.readStream(s))[0].data as { donor: { donorId: string } }).donor.donorId,
      ),
    );
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(await vault.donorIdOf('marie@example.org')).toBe(ids[0]);
  });

  it('reads an erased donor as a blank person with the same donor id, on every read path', async () => {
    const { vault } = vaultOver();
    await vault.append('a', [{ type: 'T', data: { donor: marie, amountCents: 1000 } }], 'no_stream');
    const donorId = (await vault.donorIdOf(marie.email)) as string;
    expect(await vault.eraseDonor(donorId)).toBe(true);
    const erased = { donorId, erased: true, name: '', email: '' };
    expect((await vault.readStream('a'))[0].data).toEqual({ donor: erased, amountCents: 1000 });
    expect(await all(vault.readAll())).toEqual([{ donor: erased, amountCents: 1000 }]);
    const subscription = vault.subscribeToAll();
    for await (const e of subscription) {
      expect(e.data).toEqual({ donor: erased, amountCents: 1000 });
      break;
    }
    await subscription.close();
    expect(await vault.eraseDonor(donorId)).toBe(false);
  });

  it('gives a new donor id to a gift from an erased address', async () => {
    const { vault } = vaultOver();
    await vault.append('a', [{ type: 'T', data: { donor: marie } }], 'no_stream');
    const first = (await vault.donorIdOf(marie.email)) as string;
    await vault.eraseDonor(first);
    expect(await vault.donorIdOf(marie.email)).toBeUndefined();
    await vault.append('b', [{ type: 'T', data: { donor: marie } }], 'no_stream');
    const second = (await vault.donorIdOf(marie.email)) as string;
    expect(second).not.toBe(first);
    expect(((await vault.readStream('a'))[0].data as { donor: { erased?: boolean } }).donor.erased).toBe(true);
    expect(((await vault.readStream('b'))[0].data as { donor: { name: string } }).donor.name).toBe(marie.name);
  });

  it('keeps an erased person erased when it is copied into a new event', async () => {
    const { vault, inner } = vaultOver();
    await vault.append('a', [{ type: 'T', data: { donor: marie } }], 'no_stream');
    await vault.eraseDonor((await vault.donorIdOf(marie.email)) as string);
    const copied = ((await vault.readStream('a'))[0].data as { donor: unknown }).donor;
    await vault.append('b', [{ type: 'T', data: { donor: copied } }], 'no_stream');
    expect(((await inner.readStream('b'))[0].data as { donor: unknown }).donor).toEqual({
      donorId: (copied as { donorId: string }).donorId,
      erased: true,
    });
  });

  it('still recognises a retried append with the same event ids as a retry, though the ciphertext differs', async () => {
    const { vault, inner } = vaultOver();
    const event = { id: '6f1c1d3e-8a52-4d0a-9a57-3c1b5b2f0c11', type: 'T', data: { donor: marie } };
    const first = await vault.append('a', [event], 'no_stream');
    const retry = await vault.append('a', [event], 'no_stream');
    expect(retry).toEqual(first);
    expect(await inner.readStream('a')).toHaveLength(1);
  });

  it('refuses a person without an e-mail address rather than storing it in clear', async () => {
    const { vault, inner } = vaultOver();
    await expect(vault.append('a', [{ type: 'T', data: { donor: { name: 'No Mail' } } }], 'no_stream')).rejects.toThrow(
      TypeError,
    );
    expect(await inner.headPosition()).toBeNull();
  });

  it.each([
    ['a configured secret', secret],
    ['the secret kept in the key file', undefined],
  ])('keeps each donor’s id and key across a restart, with %s', async (_, configured) => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-'));
    const open = () =>
      new PersonalDataVault(
        new SqliteEventStore(join(dir, 'events.sqlite')),
        new DonorKeyStore(join(dir, 'donor-keys.sqlite'), configured),
      );
    const first = open();
    await first.append('a', [{ type: 'T', data: { donor: marie } }], 'no_stream');
    const donorId = await first.donorIdOf(marie.email);
    await first.close();
    const second = open();
    try {
      expect(await second.donorIdOf(marie.email)).toBe(donorId);
      expect(((await second.readStream('a'))[0].data as { donor: unknown }).donor).toEqual({ ...marie, donorId });
    } finally {
      await second.close();
    }
  });

  it('leaves no trace of a deleted key in the key file or its WAL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-'));
    const keys = new DonorKeyStore(join(dir, 'donor-keys.sqlite'), secret);
    const vault = new PersonalDataVault(new SqliteEventStore(join(dir, 'events.sqlite')), keys);
    await vault.append('a', [{ type: 'T', data: { donor: marie } }], 'no_stream');
    const donorId = (await vault.donorIdOf(marie.email)) as string;
    await vault.eraseDonor(donorId);
    await vault.close();
    for (const file of ['donor-keys.sqlite', 'events.sqlite']) {
      const bytes = readFileSync(join(dir, file));
      expect(bytes.includes(Buffer.from(donorId))).toBe(file === 'events.sqlite');
      expect(bytes.includes(Buffer.from('marie@example.org'))).toBe(false);
    }
  });
});
