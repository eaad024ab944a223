import { describeWithReferences, readReferenceJson } from '../../../../test/support/references';
import {
  formatStructuredCommunication,
  makeStructuredCommunication,
  parseStructuredCommunication,
} from './structured-communication';

interface Vectors {
  parse: { input: string; digits: string | null; note: string }[];
  generate: { base: string; digits: string; formatted: string; note: string }[];
}

describeWithReferences('structured communications against public libraries’ vectors', () => {
  const vectors = readReferenceJson<Vectors>('belgian-finance/vectors/structured-communications.json');

  it('has cases to check', () => {
    expect(vectors.parse.length).toBeGreaterThan(10);
    expect(vectors.generate.length).toBeGreaterThan(5);
  });

  for (const { input, digits, note } of vectors.parse) {
    it(`reads ${JSON.stringify(input)} as ${digits ?? 'not a structured communication'} (${note})`, () => {
      expect(parseStructuredCommunication(input)).toBe(digits);
    });
  }

  for (const { base, digits, formatted, note } of vectors.generate) {
    it(`makes ${formatted} from ${base} (${note})`, () => {
      const made = makeStructuredCommunication(base);
      expect(made).toBe(digits);
      expect(formatStructuredCommunication(made)).toBe(formatted);
      expect(parseStructuredCommunication(formatted)).toBe(digits);
    });
  }
});
