import type { DatabaseSync } from 'node:sqlite';

/** How long a delivery id is remembered: Stripe retries a delivery for up to three days. */
const REMEMBER_DAYS = 7;

/**
 * The provider's ids of the webhook deliveries already applied (Stripe's event ids), so that a repeated delivery is
 * acknowledged before any call to the provider. Only a shortcut: forgetting it (a rebuilt read-model database)
 * costs work, never correctness, because applying the same facts again changes nothing.
 */
export class WebhookDeliveries {
  private ready = false;

  constructor(private readonly db: () => DatabaseSync) {}

  wasApplied(provider: string, deliveryId: string): boolean {
    this.prepare();
    return (
      this.db()
        .prepare('SELECT 1 FROM webhook_deliveries WHERE provider = ? AND delivery_id = ?')
        .get(provider, deliveryId) !== undefined
    );
  }

  applied(provider: string, deliveryId: string, at: Date): void {
    this.prepare();
    const forgetBefore = new Date(at.getTime() - REMEMBER_DAYS * 24 * 60 * 60_000).toISOString();
    this.db().prepare('DELETE FROM webhook_deliveries WHERE received_at < ?').run(forgetBefore);
    this.db()
      .prepare(
        'INSERT INTO webhook_deliveries (provider, delivery_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(provider, deliveryId, at.toISOString());
  }

  private prepare(): void {
    if (this.ready) return;
    this.db().exec(`
      CREATE TABLE IF NOT EXISTS webhook_deliveries (
        provider    TEXT NOT NULL,
        delivery_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (provider, delivery_id)
      );
      CREATE INDEX IF NOT EXISTS webhook_deliveries_by_age ON webhook_deliveries (received_at);
    `);
    this.ready = true;
  }
}
