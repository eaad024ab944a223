import { MAX_JSON_DEPTH, nestsDeeperThan } from './body-limits';

describe('nestsDeeperThan (the JSON depth check run on raw bodies before parsing)', () => {
  const bytes = (text: string) => Buffer.from(text, 'utf8');

  it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
    expect(nestsDeeperThan(bytes('{"a":{"b":[1]}}'), 3)).toBe(false);
    expect(nestsDeeperThan(bytes('{"a":{"b":[[1]]}}'), 3)).toBe(true);
    expect(nestsDeeperThan(bytes('{"a":"[[[[{{{{"}'), 1)).toBe(false);
    expect(nestsDeeperThan(bytes('{"a":"\\"[[[["}'), 1)).toBe(false);
    expect(nestsDeeperThan(bytes('{"a":"\\\\","b":[[1]]}'), 2)).toBe(true);
    expect(nestsDeeperThan(bytes('{"é😀":[{"ü":"]]]"}]}'), 3)).toBe(false);
    expect(nestsDeeperThan('[[[1]]]', 2)).toBe(true);
  });

  it('is linear: a 1 MB wide body and a 100,000-deep one each take milliseconds', () => {
    const wide = bytes(`[${'{"a":[1,2,3],"b":"x"},'.repeat(50_000)}1]`);
    const deep = bytes(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const started = process.hrtime.bigint();
    expect(nestsDeeperThan(wide, MAX_JSON_DEPTH)).toBe(false);
    const wideMs = Number(process.hrtime.bigint() - started) / 1e6;
    const again = process.hrtime.bigint();
    expect(nestsDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
    const deepMs = Number(process.hrtime.bigint() - again) / 1e6;
    expect(wide.length).toBeGreaterThan(1_000_000);
    expect(wideMs).toBeLessThan(250);
    // it stops at the first level too deep: it reads 9 bytes, not 200,000
    expect(deepMs).toBeLessThan(5);
  });
});
