import {
  candidateCommunication,
  checkDigits,
  formatStructuredCommunication,
  isValidStructuredCommunication,
  makeStructuredCommunication,
  parseStructuredCommunication,
} from './structured-communication';

describe('structured communication', () => {
  it('adds the first ten digits modulo 97 as check digits', () => {
    // 0000000001 mod 97 = 1; 1234567890 mod 97 = 2
    expect(makeStructuredCommunication('0000000001')).toBe('000000000101');
    expect(makeStructuredCommunication('1234567890')).toBe('123456789002');
  });

  it('writes a remainder of 0 as 97', () => {
    expect(checkDigits('0000000097')).toBe('97');
    expect(checkDigits('0000009700')).toBe('97');
    expect(makeStructuredCommunication('0000000194')).toBe('000000019497');
  });

  it('formats it as +++XXX/XXXX/XXXXX+++', () => {
    expect(formatStructuredCommunication(makeStructuredCommunication('1234567890'))).toBe('+++123/4567/89002+++');
  });

  it('reads it with or without pluses, stars, slashes and spaces', () => {
    for (const written of [
      '+++123/4567/89002+++',
      '***123/4567/89002***',
      '123/4567/89002',
      '1234 5678 9002',
      ' 123456789002 ',
    ]) {
      expect(parseStructuredCommunication(written)).toBe('123456789002');
    }
  });

  it('refuses wrong check digits, wrong lengths and other text', () => {
    expect(parseStructuredCommunication('+++123/4567/89003+++')).toBeNull();
    expect(parseStructuredCommunication('12345678900')).toBeNull();
    expect(parseStructuredCommunication('gift for Fatima')).toBeNull();
    expect(parseStructuredCommunication('+++123/4567/89002')).toBeNull();
    expect(parseStructuredCommunication('000000000000')).toBeNull();
    expect(isValidStructuredCommunication('000000009797')).toBe(true);
    expect(isValidStructuredCommunication('000000009700')).toBe(false);
  });

  it('makes valid candidates, the same ones for the same donation, different ones per attempt', () => {
    const first = candidateCommunication('d-1', 0);
    expect(isValidStructuredCommunication(first)).toBe(true);
    expect(first[0]).not.toBe('0');
    expect(candidateCommunication('d-1', 0)).toBe(first);
    expect(candidateCommunication('d-1', 1)).not.toBe(first);
    expect(candidateCommunication('d-2', 0)).not.toBe(first);
  });
});
