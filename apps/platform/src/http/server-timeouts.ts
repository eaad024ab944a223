import type { Server } from 'node:http';

/**
 * How long the server waits on a client, set on purpose rather than left to Node's defaults:
 * - headers: a client that sends its headers a byte at a time (slowloris) is cut off after 10 s;
 * - a whole request, body included (the largest is a bank statement upload): 60 s;
 * - an idle kept-alive connection: 65 s, longer than the 60 s a reverse proxy usually keeps an idle upstream
 *   connection, so the proxy never reuses one the platform is closing (a spurious 502).
 * A response may take as long as it needs (the live stream stays open): Node's socket timeout stays off.
 */
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 65_000,
} as const;

export function applyServerTimeouts(server: Server): void {
  server.headersTimeout = SERVER_TIMEOUTS.headersTimeout;
  server.requestTimeout = SERVER_TIMEOUTS.requestTimeout;
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveTimeout;
}
