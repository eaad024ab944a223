import { DatabaseSync } from 'node:sqlite';
import type { CommandBus } from '@nestjs/cqrs';
import { MemoryEventStore, type RecordedEvent } from '@rw/event-store';
import { type ExecutePledgeCommand, PledgeCommandHandler, pledgeStream } from '@rw/fundraising';
import { createLogger } from '../logging/logger';
import { PledgeFulfilmentReactor } from './pledge-fulfilment.reactor';

describe('pledge fulfilment (a reaction to a paid gift that pays a pledge)', () => {
  let store: MemoryEventStore;
  let reactor: PledgeFulfilmentReactor;
  const db = new DatabaseSync(':memory:');
  db.exec('CREATE TABLE donations (donation_id TEXT PRIMARY KEY, amount_cents INTEGER NOT NULL)');
  db.prepare('INSERT INTO donations VALUES (?, ?)').run('gift-1', 25_00);

  beforeEach(async () => {
    store = new MemoryEventStore();
    // the real pledge command handler on the store, behind a bus that only knows it
    const handler = new PledgeCommandHandler(store);
    const bus = { execute: (command: ExecutePledgeCommand) => handler.execute(command) } as unknown as CommandBus;
    reactor = new PledgeFulfilmentReactor(bus, createLogger('silent'));
    await store.append(
      pledgeStream('pledge-1'),
      [
        {
          type: 'PledgeMade',
          data: {
            pledgeId: 'pledge-1',
            editionId: 'edition-1',
            beneficiary: { type: 'walker', id: 'walker-1' },
            teamId: 'team-1',
            sponsor: { name: 'Sponsor', email: 'sponsor@example.be' },
            kind: 'fixed',
            amountCents: 25_00,
            madeAt: '2026-09-27T10:00:00.000Z',
          },
        },
        {
          type: 'PledgeBecameDue',
          data: { pledgeId: 'pledge-1', km: 12, dueCents: 25_00, at: '2026-09-27T18:00:00.000Z' },
        },
      ],
      'no_stream',
    );
  });

  const paid = (data: Record<string, unknown>): RecordedEvent =>
    ({
      id: 'event-7',
      type: 'DonationPaid',
      data: {
        donationId: 'gift-1',
        amountCents: 25_00,
        providerReference: 'ref',
        paidAt: '2026-09-28T09:00:00Z',
        ...data,
      },
      metadata: { correlationId: 'request-3' },
      streamId: 'donation-gift-1',
      revision: 1,
      position: 9n,
      recordedAt: '2026-09-28T09:00:00Z',
    }) as RecordedEvent;
  const pledgeEvents = async () => (await store.readStream(pledgeStream('pledge-1'))).map((e) => e.type);

  it('asks nothing of a payment that pays no pledge (nor of one recorded before the reaction existed)', () => {
    expect(reactor.effectsOf(paid({}), db)).toEqual([]);
  });

  it('fulfils the pledge once with the gift’s amount, whatever the bank line brought in, however often performed', async () => {
    const effects = reactor.effectsOf(paid({ pledgeId: 'pledge-1', amountCents: 24_00 }), db);
    expect(effects).toEqual([
      {
        key: 'pledge-fulfil-pledge-1-event-7',
        payload: {
          pledgeId: 'pledge-1',
          donationId: 'gift-1',
          amountCents: 25_00,
          at: '2026-09-28T09:00:00Z',
          correlationId: 'request-3',
        },
      },
    ]);
    await reactor.perform(effects[0].payload, effects[0].key);
    await reactor.perform(effects[0].payload, effects[0].key);
    expect(await pledgeEvents()).toEqual(['PledgeMade', 'PledgeBecameDue', 'PledgeFulfilled']);
    const [fulfilled] = (await store.readStream(pledgeStream('pledge-1'))).slice(-1);
    expect(fulfilled.data).toEqual({
      pledgeId: 'pledge-1',
      donationId: 'gift-1',
      amountCents: 25_00,
      fulfilledAt: '2026-09-28T09:00:00Z',
    });
    expect(fulfilled.metadata).toMatchObject({
      correlationId: 'request-3',
      causationId: 'pledge-fulfil-pledge-1-event-7',
    });
  });

  it('takes the pledge’s no (paid by another gift first) as done, not as a failure to retry', async () => {
    const first = reactor.effectsOf(paid({ pledgeId: 'pledge-1' }), db)[0];
    await reactor.perform(first.payload, first.key);
    const other = { ...first.payload, donationId: 'gift-2' };
    await expect(reactor.perform(other, 'pledge-fulfil-pledge-1-event-8')).resolves.toBeUndefined();
    expect(await pledgeEvents()).toEqual(['PledgeMade', 'PledgeBecameDue', 'PledgeFulfilled']);
  });

  it('lets a failure of the store itself through, to be retried', async () => {
    const effect = reactor.effectsOf(paid({ pledgeId: 'pledge-1' }), db)[0];
    jest.spyOn(store, 'append').mockRejectedValueOnce(new Error('the store is unreachable'));
    await expect(reactor.perform(effect.payload, effect.key)).rejects.toThrow('the store is unreachable');
    expect(await pledgeEvents()).toEqual(['PledgeMade', 'PledgeBecameDue']);
  });
});
