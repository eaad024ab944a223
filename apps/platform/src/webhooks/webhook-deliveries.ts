import type { DatabaseSync } from 'node:sqlite';

/** How long a delivery id is remembered: Stripe retries a delivery for up to three days. */
const REMEMBER_DAYS = 7;

/**
 * The provider's ids of the webhook deliveries already applied (Stripe's event ids), so that a repeated delivery is
 * acknowledged before any call to the provider. Only a shortcut: forgetting it (a rebuilt read-model database)
 * costs work, never correctness, because applying the same facts again changes nothing. The table is in the
 * read-model file's own schema (`READ_MODEL_MIGRATIONS`).
 */
export class WebhookDeliveries {
  constructor(private readonly db: () => DatabaseSync) {}

  wasApplied(provider: string, deliveryId: string): boolean {
    return (
      this.db()
        .prepare('SELECT 1 FROM webhook_deliveries WHERE provider = ? AND delivery_id = ?')
        .get(provider, deliveryId) !== undefined
    );
  }

  applied(provider: string, deliveryId: string, at: Date): void {
    const forgetBefore = new Date(at.getTime() - REMEMBER_DAYS * 24 * 60 * 60_000).toISOString();
    this.db().prepare('DELETE FROM webhook_deliveries WHERE received_at < ?').run(forgetBefore);
    this.db()
      .prepare(
        'INSERT INTO webhook_deliveries (provider, delivery_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(provider, deliveryId, at.toISOString());
  }
}
