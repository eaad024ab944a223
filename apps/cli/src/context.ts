import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataDirLock } from '@rw/runtime/infrastructure/data-dir-lock';
import { PinoNestLogger } from '@rw/runtime/logging/logger';
import { type CliContextOptions, CliModule } from './cli.module';

/**
 * The CLI's Nest application context, initialised: the read models caught up with the event store. DATA_DIR is
 * locked first, so that a platform running on it is reported in one plain sentence before anything is opened.
 */
export async function openCliContext(options: CliContextOptions): Promise<INestApplicationContext> {
  const lock = DataDirLock.acquire(options.config.DATA_DIR, options.holder);
  try {
    return await NestFactory.createApplicationContext(CliModule.forRoot(options, lock), {
      logger: new PinoNestLogger(options.logger),
      // a store that cannot open is an error the CLI reports and maps to its exit code, not a process abort
      abortOnError: false,
    });
  } catch (error) {
    lock.release();
    throw error;
  }
}
