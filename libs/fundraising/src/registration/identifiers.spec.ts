import { slugify } from './identifiers';

describe('page addresses made from names', () => {
  it('keeps lower-case ASCII letters, digits and dashes', () => {
    expect(slugify('De Stappers!', 'team')).toBe('de-stappers');
    expect(slugify('Élodie Dupré', 'walker')).toBe('elodie-dupre');
    expect(slugify('!!!', 'walker')).toBe('walker');
  });

  it('never makes an address in the form of an id, which pages would read as an id', () => {
    const id = '123e4567-e89b-42d3-a456-426614174000';
    expect(slugify(id, 'walker')).toBe(`walker-${id}`);
    expect(slugify(id.toUpperCase(), 'team')).toBe(`team-${id}`);
    expect(slugify(`${id} x`, 'team')).toBe(`${id}-x`);
  });
});
