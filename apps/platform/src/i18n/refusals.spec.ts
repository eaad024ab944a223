import { DomainError } from '@rw/event-store';
import { refusal, refusalCode } from './refusals';

class SomethingNobodyTranslated extends DomainError {
  readonly kind = 'invalid';
}

describe('a domain refusal at the edge', () => {
  it('has a stable code, from its class name when it carries none', () => {
    expect(refusalCode(new SomethingNobodyTranslated('no'))).toBe('something_nobody_translated');
  });

  it('is said in the visitor language even when the catalogue has no sentence for it yet', () => {
    expect(refusal('nl', new SomethingNobodyTranslated('the walk is full'))).toEqual({
      message: 'Dat kan niet: the walk is full',
    });
  });
});
