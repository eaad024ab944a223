import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { editionExists } from '@rw/read-models';
import type { Request, Response } from 'express';
import { ProjectionService } from '../infrastructure/projection.service';
import { LiveBroadcaster, type LiveClient } from './live-broadcaster';

/** How long a browser waits before it reconnects after the stream broke. */
export const RECONNECT_MS = 2_000;
/** A comment line now and then keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

/** Server-sent events for the leaderboard screens of an edition. */
@Controller('api/editions')
export class LiveController {
  constructor(
    private readonly projections: ProjectionService,
    @Inject(LiveBroadcaster) private readonly broadcaster: LiveBroadcaster,
  ) {}

  @Get(':id/live')
  live(@Param('id') id: string, @Req() request: Request, @Res() response: Response): void {
    if (!editionExists(this.projections.db, id)) throw new NotFoundException(`no edition ${id}`);
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx would otherwise hold the events back in its buffer
      'X-Accel-Buffering': 'no',
    });
    response.write(`retry: ${RECONNECT_MS}\n\n`);
    const client: LiveClient = {
      write(frames) {
        if (response.destroyed || response.writableEnded) return;
        response.write(frames);
      },
      close() {
        response.end();
      },
    };
    const lastSeen = lastEventId(request.headers['last-event-id'] ?? queryValue(request.query.lastEventId));
    // joining reads nothing from the event store and does not wait: a reconnect storm costs little
    const leave = this.broadcaster.join(id, client, lastSeen);
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    response.on('close', () => {
      clearInterval(heartbeat);
      leave();
    });
  }
}

/** A page that opens a new stream passes the last id it saw in the query (a browser sets the header itself only on reconnects). */
function queryValue(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The id of the last event the browser received (a global position); anything else is ignored. */
function lastEventId(header: string | string[] | undefined): bigint | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^\d{1,20}$/.test(value.trim()) ? BigInt(value.trim()) : undefined;
}
