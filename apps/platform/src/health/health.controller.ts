import { Controller, Get, Inject, Res } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { ProjectionRunner } from '@rw/read-models';
import type { Response } from 'express';
import { PlatformConfig } from '../config/config';

/** How long the read models may take to reach the store's newest event for the instance to count as ready. */
export const READY_WITHIN_MS = 2_000;

/**
 * `/health`: 200 while the platform serves requests with a reachable event store and running projections; 503
 * otherwise. `lag` is the distance in global positions between the store's newest event and each checkpoint
 * (events, on the embedded store; log offsets on EventStoreDB).
 * `/health/live` (liveness): 200 as long as the process answers HTTP at all; restarting it would not help with
 * anything else.
 * `/health/ready` (readiness, for a load balancer): 200 once the event store answers and the read models reach
 * its newest event within READY_WITHIN_MS; 503 while they catch up (a rebuild, a start on a large store), while
 * the store is out of reach or a projection has stopped. Under load the read models trail the store by a few
 * events: reaching the head seen when asked, within the window, is what counts, not standing at it.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly config: PlatformConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
  ) {}

  @Get('live')
  live(): { status: 'alive'; uptimeSeconds: number } {
    return { status: 'alive', uptimeSeconds: Math.floor(process.uptime()) };
  }

  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const reason = await this.notReadyBecause();
    if (reason) response.status(503).json({ status: 'not ready', reason });
    else response.status(200).json({ status: 'ready' });
  }

  private async notReadyBecause(): Promise<string | undefined> {
    let head: bigint | null;
    try {
      head = await this.store.headPosition();
    } catch (error) {
      return `the event store does not answer: ${(error as Error).message}`;
    }
    const status = this.runner.status();
    if (status.error) return `a projection stopped: ${status.error}`;
    if (status.subscriptionError) return `lost the event store: ${status.subscriptionError}`;
    if (head === null) return undefined;
    try {
      await this.runner.waitFor(head, READY_WITHIN_MS);
      return undefined;
    } catch {
      return 'the read models are catching up with the event store';
    }
  }

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
