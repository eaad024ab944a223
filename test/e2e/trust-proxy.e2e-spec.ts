import { startPlatform, type TestPlatform } from '../support/platform';

/** Rate limits count by client address: the one a trusted proxy gives in X-Forwarded-For, or the peer's own. */
describe('TRUST_PROXY: whose X-Forwarded-For counts', () => {
  let platform: TestPlatform;
  afterEach(async () => {
    await platform.dispose();
  });

  const threeGiftsFromThreeClients = async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const response = await platform.http
        .post('/api/donations')
        .set('X-Forwarded-For', `198.51.100.${i}`)
        .send({ amountCents: 'not a number' });
      statuses.push(response.status);
    }
    return statuses;
  };

  it('believes a proxy on loopback by default: three clients, three answers of their own', async () => {
    platform = await startPlatform({ PUBLIC_POSTS_PER_MINUTE: '2' });
    expect(await threeGiftsFromThreeClients()).toEqual([400, 400, 400]);
  });

  it('ignores the header from a peer that is not the configured proxy: one client, limited', async () => {
    // the tests reach the platform from 127.0.0.1, which is not the proxy named here
    platform = await startPlatform({ PUBLIC_POSTS_PER_MINUTE: '2', TRUST_PROXY: '192.0.2.10, 10.0.0.0/8' });
    expect(await threeGiftsFromThreeClients()).toEqual([400, 400, 429]);
  });
});
