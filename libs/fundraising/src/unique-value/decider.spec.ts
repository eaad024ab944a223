import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import type { ClaimUniqueValue, ReleaseUniqueValue } from './commands';
import { uniqueValueDecider } from './decider';
import { UniqueValueTaken } from './errors';
import { type UniqueValueClaimed, uniqueScope, uniqueValueHash, uniqueValueStream } from './events';

const { given } = deciderSpec(uniqueValueDecider);
const scope = uniqueScope.teamName('ed1');
const claim: ClaimUniqueValue = { type: 'ClaimUniqueValue', scope, value: 'De Stappers', ownerId: 'team-1', at: 't1' };
const release: ReleaseUniqueValue = {
  type: 'ReleaseUniqueValue',
  scope,
  value: 'De Stappers',
  ownerId: 'team-1',
  at: 't2',
};
const valueHash = uniqueValueHash(scope, 'De Stappers');
const claimed: UniqueValueClaimed = {
  type: 'UniqueValueClaimed',
  data: { scope, valueHash, ownerId: 'team-1', claimedAt: 't1' },
};

describe('unique value decider', () => {
  it('claims a free value for its owner, storing only a hash of it', () => {
    given([]).when(claim).then([claimed]);
    expect(JSON.stringify(claimed)).not.toContain('Stappers');
  });

  it('changes nothing when the owner claims it again (a retry)', () => {
    given([claimed]).when(claim).then([]);
  });

  it('refuses the value to another owner', () => {
    given([claimed])
      .when({ ...claim, ownerId: 'team-2' })
      .thenFails(UniqueValueTaken, /team with that name already walks in this edition/);
  });

  it('frees the value when its owner releases it, so another can claim it', () => {
    const released = {
      type: 'UniqueValueReleased' as const,
      data: { scope, valueHash, ownerId: 'team-1', releasedAt: 't2' },
    };
    given([claimed]).when(release).then([released]);
    given([claimed, released])
      .when({ ...claim, ownerId: 'team-2' })
      .then([{ ...claimed, data: { ...claimed.data, ownerId: 'team-2' } }]);
  });

  it('ignores a release by someone who does not hold the value', () => {
    given([claimed])
      .when({ ...release, ownerId: 'team-2' })
      .then([]);
    given([]).when(release).then([]);
  });

  it('compares values case-insensitively after trimming, within their scope only', () => {
    expect(uniqueValueStream(scope, '  DE STAPPERS ')).toBe(uniqueValueStream(scope, 'de stappers'));
    expect(uniqueValueStream(uniqueScope.teamName('ed2'), 'de stappers')).not.toBe(
      uniqueValueStream(scope, 'de stappers'),
    );
  });
});
