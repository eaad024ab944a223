import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { ProjectionRunner } from '@rw/read-models';
import { startPlatform, type TestPlatform } from '../support/platform';

describe('liveness and readiness', () => {
  let platform: TestPlatform;
  afterAll(async () => {
    await platform.dispose();
  });

  it('is live and ready once started: the read models are at the store’s newest event', async () => {
    platform = await startPlatform();
    expect((await platform.http.get('/health/live').expect(200)).body).toEqual({
      status: 'alive',
      uptimeSeconds: expect.any(Number),
    });
    expect((await platform.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ready' });
  });

  it('is not ready while the read models trail the store, and live all the same', async () => {
    // the read models stop following; the store moves on without them
    await platform.app.get(ProjectionRunner).stop();
    await platform.app
      .get<EventStore>(EVENT_STORE)
      .append('health-check-1', [{ type: 'SomethingHappened', data: {} }], 'no_stream');
    const started = Date.now();
    const answer = await platform.http.get('/health/ready').expect(503);
    expect(answer.body).toEqual({
      status: 'not ready',
      reason: 'the read models are catching up with the event store',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900); // it gave them the 2 s window
    await platform.http.get('/health/live').expect(200);
  });
});
