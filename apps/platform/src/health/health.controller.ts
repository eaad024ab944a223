import { Controller, Get, Inject, Res } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { ProjectionRunner } from '@rw/read-models';
import type { Response } from 'express';
import { PlatformConfig } from '../config/config';

/**
 * 200 while the platform serves requests with a reachable event store and running projections; 503 otherwise.
 * `lag` is the distance in global positions between the store's newest event and each checkpoint (events, on
 * the embedded store; log offsets on EventStoreDB).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly config: PlatformConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  async health(@Res() response: Response): Promise<void> {
    let head: bigint | null = null;
    let storeError: string | undefined;
    try {
      head = await this.store.headPosition();
    } catch (error) {
      storeError = (error as Error).message;
    }
    const status = this.runner.status();
    const healthy = storeError === undefined && status.error === undefined && status.subscriptionError === undefined;
    response.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'degraded',
      eventStore: {
        kind: this.config.EVENT_STORE,
        reachable: storeError === undefined,
        headPosition: head?.toString() ?? null,
        ...(storeError ? { error: storeError } : {}),
      },
      projections: status.projections.map((p) => ({
        name: p.name,
        checkpoint: p.checkpoint?.toString() ?? null,
        lag: head === null ? '0' : (head - (p.checkpoint ?? 0n)).toString(),
      })),
      ...(status.error ? { projectionError: status.error } : {}),
      ...(status.subscriptionError ? { subscriptionError: status.subscriptionError } : {}),
    });
  }
}
