import { sameFacts } from '../donation/decider';
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

describe('facts compared for a retry', () => {
  it('ignore the donor id the personal-data vault adds on reading', () => {
    const asked = { amountCents: 500, donor: { name: 'Ada', email: 'a@x.be' } };
    expect(sameFacts({ ...asked, donor: { ...asked.donor, donorId: 'd-1' } }, asked)).toBe(true);
    expect(sameFacts({ ...asked, donor: { name: 'Eve', email: 'a@x.be', donorId: 'd-1' } }, asked)).toBe(false);
  });
});
