import { InvalidConfiguration, loadConfig } from '../config/config';

describe('CHARITY_IBAN', () => {
  it('has a sandbox account by default and takes an IBAN written with spaces', () => {
    expect(loadConfig({}).CHARITY_IBAN).toBe('BE68539007547034');
    expect(loadConfig({ CHARITY_IBAN: 'be71 0961 2345 6769' }).CHARITY_IBAN).toBe('BE71096123456769');
  });

  it('refuses an IBAN with wrong check digits, naming the variable', () => {
    expect(() => loadConfig({ CHARITY_IBAN: 'BE71 0961 2345 6768' })).toThrow(InvalidConfiguration);
    expect(() => loadConfig({ CHARITY_IBAN: 'BE71 0961 2345 6768' })).toThrow(/CHARITY_IBAN must be an IBAN/);
  });
});
