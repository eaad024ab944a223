import { RetryLater } from '../http/retry-later';
import { HashingGate, Passwords } from './passwords';

describe('password hashing gate', () => {
  it('runs at most N at once, lets M wait, and refuses the rest at once without running them', async () => {
    const gate = new HashingGate(2, 3);
    let running = 0;
    let peak = 0;
    let started = 0;
    const releases: (() => void)[] = [];
    const work = () => {
      started++;
      running++;
      peak = Math.max(peak, running);
      return new Promise<void>((resolve) => releases.push(resolve)).finally(() => running--);
    };
    const outcomes = Array.from({ length: 8 }, () =>
      gate.run(work).then(
        () => 'done',
        (error: unknown) => error,
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(2);
    // refused while the first two still run (they wait for their release below)
    const refused = await Promise.all(outcomes.slice(5));
    expect(started).toBe(2);
    for (const error of refused) {
      expect(error).toBeInstanceOf(RetryLater);
      expect((error as RetryLater).getStatus()).toBe(503);
      expect((error as RetryLater).retryAfterSeconds).toBe(1);
    }
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(outcomes.slice(0, 5))).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(started).toBe(5);
    expect(peak).toBe(2);
    // the slots are free again
    await expect(gate.run(async () => 'again')).resolves.toBe('again');
  });

  it('frees the slot when the work fails', async () => {
    const gate = new HashingGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });

  it('checks a password against its hash, and refuses a wrong one', async () => {
    const passwords = new Passwords();
    const stored = await passwords.hash('a long password');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await passwords.verify('a long password', stored)).toBe(true);
    expect(await passwords.verify('another password', stored)).toBe(false);
  });
});
