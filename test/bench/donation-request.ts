/**
 * autocannon's `setupRequest` for POST /api/donations, loaded by path in autocannon's worker thread: each request a
 * valid one-off gift to a random walker of the seeded edition (ids from the file RW_BENCH_WALKERS names), without
 * Idempotency-Key, so that each one creates a donation.
 */
import { readFileSync } from 'node:fs';

let walkers: string[] | undefined;
let made = 0;

const clients = Number(process.env.RW_BENCH_CLIENTS ?? 1);

function donationRequest<Request extends { body?: string | Buffer; headers?: Record<string, string> }>(
  request: Request,
): Request {
  walkers ??= JSON.parse(readFileSync(process.env.RW_BENCH_WALKERS as string, 'utf8')) as string[];
  made++;
  if (clients > 1) {
    // many donors, each from an address of their own (the platform trusts X-Forwarded-For from loopback)
    const client = made % clients;
    request.headers = {
      ...request.headers,
      'x-forwarded-for': `10.${client >> 16}.${(client >> 8) & 255}.${client & 255}`,
    };
  }
  request.body = JSON.stringify({
    beneficiary: { type: 'walker', id: walkers[Math.floor(Math.random() * walkers.length)] },
    amountCents: 500 + (made % 40) * 100,
    frequency: 'one_off',
    donor: { name: 'Bench Donor', email: `bench-donor-${made % 5000}@example.net` },
    message: 'Goed bezig!',
  });
  return request;
}

export = donationRequest;
