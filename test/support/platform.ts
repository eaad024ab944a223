import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { PlatformOptions } from '../../apps/platform/src/app.module';
import { loadConfig } from '../../apps/platform/src/config/config';
import { createLogger } from '../../apps/platform/src/logging/logger';
import { ProjectionService } from '../../apps/platform/src/infrastructure/projection.service';
import { MailDispatcher } from '../../apps/platform/src/mail/mail-dispatcher';
import { createPlatform } from '../../apps/platform/src/platform';
import { ReactorRunner } from '@rw/runtime/reactors/reactor-runner';
import { EVENT_STORE, type EventStore } from '@rw/event-store';

export const ADMIN = { email: 'admin@refugeewalk.test', password: 'correct horse battery staple' };

export interface TestPlatform {
  app: INestApplication;
  http: TestAgent;
  dataDir: string;
  /** Bearer header of the first admin (roles administrator, organiser and finance). */
  adminAuth(): Promise<{ Authorization: string }>;
  /**
   * Waits until the effects of everything so far are done: the read models caught up, the reactions performed and
   * the mail sent. Their claims are events too (`effect-…` streams), appended in the background: a test that checks
   * that a request wrote nothing takes the store's head after this.
   */
  effectsDone(): Promise<void>;
  /** Stops the app; the data folder stays until `dispose`. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/** The real platform on the embedded store, in a fresh data folder, as `./run start` would run it. */
export async function startPlatform(
  env: Record<string, string> = {},
  dataDir?: string,
  overrides: Pick<PlatformOptions, 'paymentProvider' | 'clock'> = {},
): Promise<TestPlatform> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'rw-e2e-'));
  const config = loadConfig({ DATA_DIR: dir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env });
  const app = await createPlatform({
    config,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    ...overrides,
  });
  const http = request(app.getHttpServer());
  let token: string | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    http,
    dataDir: dir,
    async adminAuth() {
      if (!token) {
        const response = await http.post('/api/auth/login').send(ADMIN).expect(200);
        token = response.body.token as string;
      }
      return { Authorization: `Bearer ${token}` };
    },
    async effectsDone() {
      const store = app.get<EventStore>(EVENT_STORE);
      for (let round = 0; round < 10; round++) {
        const head = await store.headPosition();
        await app.get(ProjectionService).settled(head);
        await app.get(ReactorRunner).settled(head);
        await app.get(MailDispatcher).drain();
        if ((await store.headPosition()) === head) return;
      }
    },
    stop,
    async dispose() {
      await stop();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
