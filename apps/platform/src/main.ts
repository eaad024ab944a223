import 'reflect-metadata';
import type { Server } from 'node:http';
import { InvalidConfiguration, loadConfig } from './config/config';
import { applyServerTimeouts } from './http/server-timeouts';
import { createLogger } from './logging/logger';
import { createPlatform } from './platform';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof InvalidConfiguration) {
      process.stderr.write(`The platform cannot start: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const app = await createPlatform({ config, logger });
  applyServerTimeouts(app.getHttpServer());
  await app.listen(config.PORT, config.HOST);
  const server = app.getHttpServer() as Server;
  const address = server.address();
  logger.info(
    {
      port: typeof address === 'object' && address ? address.port : config.PORT,
      eventStore: config.EVENT_STORE,
      dataDir: config.DATA_DIR,
      timeouts: {
        headers: server.headersTimeout,
        request: server.requestTimeout,
        keepAlive: server.keepAliveTimeout,
      },
    },
    'the platform is listening',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => {
      logger.error({ signal }, `shutdown took longer than ${config.SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`);
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`The platform failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
