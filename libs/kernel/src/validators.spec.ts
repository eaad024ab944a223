import { validateSync } from 'class-validator';
import { IsCountryCode, IsEmailAddress, IsLanguage, IsMoneyText, IsPostalCode } from './validators';

class Sample {
  @IsEmailAddress({ message: 'email must be an e-mail address' })
  email!: unknown;

  @IsLanguage()
  language!: unknown;

  @IsMoneyText()
  amount!: unknown;

  @IsPostalCode()
  postalCode!: unknown;

  @IsCountryCode()
  country!: unknown;
}

const sample = (values: Partial<Sample>) =>
  Object.assign(
    new Sample(),
    { email: 'ann@example.be', language: 'fr', amount: '1.250,50', postalCode: '1000', country: 'be' },
    values,
  );
const failing = (values: Partial<Sample>) => validateSync(sample(values)).map((error) => error.property);

describe('the DTO decorators use the kernel rules', () => {
  it('take good values', () => expect(failing({})).toEqual([]));

  it.each([
    ['email', 'ann@example', 'email'],
    ['email', '\ud800@example.org', 'email'],
    ['email', 42, 'email'],
    ['language', 'de', 'language'],
    ['amount', '12 50', 'amount'],
    ['amount', 1250, 'amount'],
    ['postalCode', '10/00', 'postalCode'],
    ['country', 'BEL', 'country'],
  ])('refuse %s %p', (key, value, property) => {
    expect(failing({ [key]: value })).toEqual([property]);
  });

  it('keep the message given', () => {
    expect(validateSync(sample({ email: 'x' }))[0].constraints).toEqual({
      isEmailAddress: 'email must be an e-mail address',
    });
  });
});
