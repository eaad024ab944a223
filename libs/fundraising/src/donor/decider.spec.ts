import { donorDecider } from './decider';

const erase = { type: 'EraseDonor' as const, donorId: 'd-1', by: 'acc-finance', erasedAt: '2026-11-24T10:00:00.000Z' };

describe('donor decider', () => {
  it('records the erasure of a donor, without any personal data', () => {
    expect(donorDecider.decide(erase, donorDecider.initialState)).toEqual([
      { type: 'DonorErased', data: { donorId: 'd-1', by: 'acc-finance', erasedAt: '2026-11-24T10:00:00.000Z' } },
    ]);
  });

  it('records nothing when the donor was already erased', () => {
    const state = donorDecider.evolve(
      donorDecider.initialState,
      donorDecider.decide(erase, donorDecider.initialState)[0],
    );
    expect(donorDecider.decide({ ...erase, erasedAt: '2026-11-25T10:00:00.000Z' }, state)).toEqual([]);
  });
});
