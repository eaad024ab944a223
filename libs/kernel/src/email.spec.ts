import { isEmailAddress, normaliseEmail } from './email';

describe('isEmailAddress', () => {
  it.each(['ann@example.org', 'Ann.Peeters+walk@sub.example.be', 'jo@x.io'])('takes %j', (text) => {
    expect(isEmailAddress(text)).toBe(true);
  });

  it.each([
    ['no at sign', 'ann.example.org'],
    ['no domain', 'ann@'],
    ['no dot in the domain', 'ann@example'],
    ['a space', 'ann @example.org'],
    ['two at signs', 'ann@@example.org'],
    ['a lone surrogate', '\ud800@example.org'],
    ['too long', `${'a'.repeat(64)}@${'b'.repeat(190)}.org`],
    ['not text', 42],
    ['empty', ''],
  ])('refuses %s', (_why, value) => {
    expect(isEmailAddress(value)).toBe(false);
  });
});

describe('normaliseEmail', () => {
  it('trims and lowers the case', () => expect(normaliseEmail('  Ann@Example.ORG ')).toBe('ann@example.org'));
});
