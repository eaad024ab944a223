import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PinoNestLogger } from '@rw/runtime/logging/logger';
import { type CliContextOptions, CliModule } from './cli.module';

/** The CLI's Nest application context, initialised: the read models caught up with the event store. */
export function openCliContext(options: CliContextOptions): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(CliModule.forRoot(options), {
    logger: new PinoNestLogger(options.logger),
    // a provider that cannot open (DATA_DIR in use, a bad connection string) is an error the CLI reports and
    // maps to its exit code, not a process abort
    abortOnError: false,
  });
}
