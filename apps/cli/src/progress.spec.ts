import { outputStream as stream, screenLines as plain } from '../../../test/support/terminal';
import { progressOn, silentProgress, terminalProgress } from './progress';

describe('progress', () => {
  it('draws nothing at all when the output is not a terminal (a pipe, a log file)', () => {
    const out = stream(false);
    const bar = progressOn(out).bar('gifts', 12_096);
    bar.increment();
    bar.update(6_000);
    bar.stop();
    expect(out.text()).toBe('');
    expect(progressOn(out)).toBe(silentProgress);
  });

  it('draws a bar per piece of work on a terminal, left on screen full with its counts once done', () => {
    const out = stream(true);
    const progress = progressOn(out);
    const gifts = progress.bar('gifts', 12_096);
    gifts.update(6_048);
    gifts.stop();
    const lines = plain(out.text());
    expect(lines.at(-1)).toMatch(/^ {2}gifts +█{40} 100% \| 12,096\/12,096 \| \d+s$/);
  });

  it('counts item by item, and never past the total', () => {
    const out = stream(true);
    const bar = terminalProgress(out).bar('teams', 3);
    bar.increment();
    bar.increment();
    bar.update(7);
    bar.stop();
    expect(plain(out.text()).at(-1)).toContain('100% | 3/3');
  });

  it('draws no bar for work with nothing to do', () => {
    const out = stream(true);
    terminalProgress(out).bar('gifts looked up', 0).stop();
    expect(out.text()).toBe('');
  });
});
