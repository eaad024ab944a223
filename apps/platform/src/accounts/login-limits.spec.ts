import { RetryLater } from '../http/retry-later';
import { LoginLimits } from './login-limits';

describe('login limits', () => {
  let now = 0;
  const limits = new LoginLimits(3, () => now);
  afterAll(() => limits.close());

  const refusal = (take: () => unknown) => {
    try {
      take();
    } catch (error) {
      return error as RetryLater;
    }
    throw new Error('the attempt was not refused');
  };

  it('refuses the attempt after the limit for one account, from any client, until the window ends', () => {
    now = 0;
    for (let i = 0; i < 3; i++) limits.take(' Admin@Example.org', `198.51.100.${i}`);
    now = 60_000;
    const refused = refusal(() => limits.take('admin@example.org', '198.51.100.9'));
    expect(refused).toBeInstanceOf(RetryLater);
    expect(refused.getStatus()).toBe(429);
    expect(refused.retryAfterSeconds).toBe(14 * 60);
    expect(refused.message).toBe('too many login attempts: try again in 14 minutes');
    now = 15 * 60_000;
    expect(() => limits.take('admin@example.org', '198.51.100.9')).not.toThrow();
  });

  it('refuses the attempt after the limit for one client, whatever the account', () => {
    now = 100 * 60_000;
    for (let i = 0; i < 3; i++) limits.take(`person${i}@example.org`, '203.0.113.7');
    expect(refusal(() => limits.take('other@example.org', '203.0.113.7')).getStatus()).toBe(429);
    // refused attempts hold no memory, however many addresses they name
    const held = limits.size;
    for (let i = 0; i < 100; i++) refusal(() => limits.take(`spray${i}@example.org`, '203.0.113.7'));
    expect(limits.size).toBe(held);
    expect(() => limits.take('other@example.org', '203.0.113.8')).not.toThrow();
  });

  it('counts no attempt that was given back, and gives back only once', () => {
    now = 200 * 60_000;
    for (let i = 0; i < 10; i++) limits.take('right@example.org', '192.0.2.1').giveBack();
    const attempt = limits.take('right@example.org', '192.0.2.1');
    attempt.giveBack();
    attempt.giveBack();
    limits.take('right@example.org', '192.0.2.1');
    limits.take('right@example.org', '192.0.2.1');
    limits.take('right@example.org', '192.0.2.1');
    expect(refusal(() => limits.take('right@example.org', '192.0.2.1')).getStatus()).toBe(429);
  });
});
