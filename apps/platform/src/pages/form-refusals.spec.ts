import { DomainError } from '@rw/event-store';
import { UniqueValueTaken } from '@rw/fundraising';
import { refuseInto } from './form-refusals';
import { emptyForm } from './forms';

/** A refusal that names the domain's field, as the deciders' refusals do. */
class TargetTooLow extends DomainError {
  readonly kind = 'invalid';
  override readonly field = 'target';
}

describe('a refusal put into a page form', () => {
  it('lands under the field the form says it is about, in the visitor’s language', () => {
    const form = emptyForm({ teamName: 'Zon', name: 'Ann', email: 'ann@example.org' });
    refuseInto(form, 'fr', new UniqueValueTaken('team-name:ed-1:zon'), () => 'teamName', 'email');
    expect(Object.keys(form.errors)).toEqual(['teamName']);
    expect(form.errors.teamName).toBe('Une équipe porte déjà ce nom. Choisissez-en un autre.');
  });

  it('takes the refusal’s own field when the form does not say and has that field', () => {
    const form = emptyForm({ target: '10', story: '' });
    refuseInto(
      form,
      'en',
      new TargetTooLow('each walker commits to raise at least 100.00 EUR'),
      () => undefined,
      'story',
    );
    expect(Object.keys(form.errors)).toEqual(['target']);
    // no sentence of its own in the catalogue: the generic one, in the visitor's language
    expect(form.errors.target).toBe('That is not possible: each walker commits to raise at least 100.00 EUR');
  });

  it('puts what it cannot place under the form’s chosen field', () => {
    const form = emptyForm({ amount: '5' });
    refuseInto(form, 'nl', new TargetTooLow('x'), () => undefined, 'amount');
    expect(Object.keys(form.errors)).toEqual(['amount']);
    expect(form.errors.amount).toBe('Dat kan niet: x');
  });
});
