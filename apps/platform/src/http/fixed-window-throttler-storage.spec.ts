import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

describe('fixed-window rate-limit counters', () => {
  let now = 1_000_000;
  const storage = new FixedWindowThrottlerStorage(() => now);
  afterAll(() => storage.close());

  it('lets a client make `limit` requests in a window and blocks the next, until the window ends', async () => {
    const hit = () => storage.increment('client-a', 60_000, 3, 0, 'public');
    expect((await hit()).isBlocked).toBe(false);
    expect((await hit()).isBlocked).toBe(false);
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: false, timeToExpire: 60 });
    now += 15_000;
    expect(await hit()).toEqual({ totalHits: 4, timeToExpire: 45, isBlocked: true, timeToBlockExpire: 45 });
    now += 45_000;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('counts each client on its own, and forgets ended windows', async () => {
    await storage.increment('client-b', 1_000, 1, 0, 'public');
    expect((await storage.increment('client-c', 1_000, 1, 0, 'public')).isBlocked).toBe(false);
    expect(storage.size).toBe(3);
    now += 60_000;
    storage.forgetEnded();
    expect(storage.size).toBe(0);
  });
});
