import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ReadModelDatabase } from '@rw/read-models';
import autocannon from 'autocannon';
import pino from 'pino';
import type { DatabaseSync } from 'node:sqlite';
import { loadConfig } from '../../apps/platform/src/config/config';
import { createPlatform } from '../../apps/platform/src/platform';
import { percentile } from './scenario';

/** The platform of a scenario, in the scenario's own process, on 127.0.0.1 and a free port. */
export interface BenchPlatform {
  app: INestApplication;
  url: string;
  /** The read models, as the platform's queries read them. */
  db: DatabaseSync;
  close(): Promise<void>;
}

/**
 * Starts the platform on a DATA_DIR as `./run start` would (`settings`: more of its configuration, such as
 * EVENT_STORE), with public writes not rate-limited (every request of
 * the load generator comes from one address). It logs at BENCH_LOG_LEVEL (default `info`, the platform's default:
 * one line per request) into /dev/null, so the cost of logging is measured without filling the terminal.
 */
export async function startBenchPlatform(dir: string, settings: Record<string, string> = {}): Promise<BenchPlatform> {
  const level = process.env.BENCH_LOG_LEVEL ?? 'info';
  const config = loadConfig({
    DATA_DIR: dir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: level,
    PUBLIC_POSTS_PER_MINUTE: '100000000',
    ...settings,
  });
  const logger = pino(
    { level, base: { service: 'refugee-walk-platform' }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: '/dev/null', sync: true }),
  );
  const app = await createPlatform({ config, logger });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    db: app.get(ReadModelDatabase).db,
    close: () => app.close(),
  };
}

export interface LoadResult {
  /** Answered with 2xx. */
  requests: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadOptions {
  path: string;
  connections: number;
  seconds: number;
  /** POST /api/donations bodies: a valid gift to a random walker of `walkerIds`, without Idempotency-Key. */
  donationsTo?: string[];
  /** Distinct client addresses the donations come from (X-Forwarded-For); one (127.0.0.1) when absent. */
  clients?: number;
  /** Stops the load early (for a background load): resolves when the generator has stopped. */
  until?: Promise<unknown>;
}

/**
 * Load from autocannon in a worker thread of this process, so that the load generator does not take the event loop
 * the platform serves on (the machine has two cores: one for each). Latencies have autocannon's 1 ms resolution.
 * Anything but 2xx fails the run.
 */
export async function load(url: string, dir: string, options: LoadOptions): Promise<LoadResult> {
  const donation = options.donationsTo !== undefined;
  if (donation) {
    const walkersFile = join(dir, 'bench-walkers.json');
    writeFileSync(walkersFile, JSON.stringify(options.donationsTo));
    // read by the request module in autocannon's worker (workers share the environment)
    process.env.RW_BENCH_WALKERS = walkersFile;
    process.env.RW_BENCH_CLIENTS = String(options.clients ?? 1);
  }
  const result = await new Promise<autocannon.Result | undefined>((done, fail) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        workers: 1,
        requests: [
          donation
            ? {
                method: 'POST',
                path: options.path,
                headers: { 'content-type': 'application/json' },
                setupRequest: join(__dirname, 'donation-request.js'),
              }
            : { method: 'GET', path: options.path },
        ],
      },
      (error, outcome) => (error ? fail(error) : done(outcome)),
    );
    options.until?.then(() => {
      instance.stop();
      done(undefined);
    });
  });
  if (!result) return { requests: 0, seconds: 0, p50Ms: Number.NaN, p99Ms: Number.NaN };
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${options.path}: ${result.non2xx} answers other than 2xx (${JSON.stringify(result.statusCodeStats)}), ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return { requests: result['2xx'], seconds: result.duration, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

/** One client on one kept-alive connection, one request after the other: what a single request costs. */
export class SequentialClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly url: string) {}

  /** Answers the status and the parsed body. */
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((done, fail) => {
      const outgoing = request(
        `${this.url}${path}`,
        {
          method,
          agent: this.agent,
          headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            done({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          });
          response.on('error', fail);
        },
      );
      outgoing.on('error', fail);
      outgoing.end(payload);
    });
  }

  /** Latencies in ms of `count` GETs of `path`, after `warmUp` unmeasured ones; anything but 200 fails. */
  async latencies(path: string, count: number, warmUp: number): Promise<{ latencies: number[]; seconds: number }> {
    const latencies: number[] = [];
    let started = 0;
    for (let i = 0; i < warmUp + count; i++) {
      if (i === warmUp) started = performance.now();
      const before = performance.now();
      const { status } = await this.call('GET', path);
      if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
      if (i >= warmUp) latencies.push(performance.now() - before);
    }
    return { latencies, seconds: (performance.now() - started) / 1000 };
  }

  close(): void {
    this.agent.destroy();
  }
}

export const p99 = (latencies: readonly number[]) => percentile(latencies, 0.99);
