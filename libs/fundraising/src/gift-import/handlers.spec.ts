import { EventStoreUnavailable, executeCommand, MemoryEventStore } from '@rw/event-store';
import { editionDecider } from '../edition/decider';
import { editionStream } from '../edition/events';
import { GIFT_IMPORTS_STREAM } from './decider';
import { ImportGiftsCommand, ImportGiftsHandler } from './handlers';

const csv = [
  'date,donor_email,donor_name,amount,frequency',
  '2026-03-01,a@example.be,An,10.00,one_off',
  '2026-03-02,b@example.be,Bo,20.00,monthly',
  '2026-03-03,c@example.be,Cas,30.00,one_off',
].join('\n');

async function storeWithEdition(): Promise<MemoryEventStore> {
  const store = new MemoryEventStore();
  await executeCommand(store, editionStream('ed1'), editionDecider, {
    type: 'CreateEdition',
    editionId: 'ed1',
    name: 'Refugee Walk 2026',
    walkOn: '2026-09-27',
    routes: [{ routeId: 'r1', name: 'Own route', distanceKm: 20, kind: 'own' }],
    at: '2026-01-01T00:00:00.000Z',
    by: 'admin',
  });
  return store;
}

describe('gift import handler', () => {
  it('writes every gift of an import in one append to one stream', async () => {
    const store = await storeWithEdition();
    const appends: string[] = [];
    const append = store.append.bind(store);
    store.append = (stream, events, expected) => {
      appends.push(stream);
      return append(stream, events, expected);
    };
    const result = await new ImportGiftsHandler(store).execute(new ImportGiftsCommand(csv, 'ed1', 'finance-1', 'now'));
    expect(result).toMatchObject({ imported: 3, skipped: 0, errors: [] });
    expect(appends).toEqual([GIFT_IMPORTS_STREAM]);
    expect((await store.readStream(GIFT_IMPORTS_STREAM)).map((e) => e.type)).toEqual([
      'DonationCreated',
      'DonationPaid',
      'DonationCreated',
      'DonationPaid',
      'DonationCreated',
      'DonationPaid',
    ]);
  });

  it('leaves nothing of the import when the store fails, so the same file can simply be sent again', async () => {
    const store = await storeWithEdition();
    const append = store.append.bind(store);
    store.append = () => Promise.reject(new EventStoreUnavailable('disk full'));
    await expect(
      new ImportGiftsHandler(store).execute(new ImportGiftsCommand(csv, 'ed1', 'finance-1', 'now')),
    ).rejects.toThrow(EventStoreUnavailable);
    expect(await store.readStream(GIFT_IMPORTS_STREAM)).toEqual([]);
    store.append = append;
    const retried = await new ImportGiftsHandler(store).execute(new ImportGiftsCommand(csv, 'ed1', 'finance-1', 'now'));
    expect(retried).toMatchObject({ imported: 3, skipped: 0 });
  });
});
