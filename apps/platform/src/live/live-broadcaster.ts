import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition, type RecordedEvent } from '@rw/event-store';
import { ProjectionService } from '../infrastructure/projection.service';
import { LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';
import { type LeaderboardSnapshot, type LiveGift, leaderboardSnapshot, liveGift } from './live-view';

/** One open stream: how the broadcaster writes to it. */
export interface LiveClient {
  send(event: 'leaderboard' | 'donation', id: GlobalPosition, data: LeaderboardSnapshot | LiveGift): void;
  close(): void;
}

/** Events that move a raised amount: after one of them the screens get a fresh leaderboard. */
const MONEY_EVENTS: ReadonlySet<string> = new Set([
  'DonationPaid',
  'MonthlyChargePaid',
  'MonthlyChargePaidAfterCancellation',
  'DonationRefunded',
  'DonationChargedBack',
  'DonationRefundReversed',
  'DonationChargebackReversed',
]);
const GIFT_EVENTS: ReadonlySet<string> = new Set(['DonationPaid', 'MonthlyChargePaid']);

/** Gifts kept per edition so that a screen that reconnects with Last-Event-ID gets the ones it missed. */
const KEPT_GIFTS = 50;
const POLL_MS = 50;
/** A screen away for longer than this many events starts again from a snapshot. */
const MAX_CATCH_UP_EVENTS = 20_000;

interface EditionChannel {
  clients: Set<LiveClient>;
  recentGifts: { position: GlobalPosition; gift: LiveGift }[];
}

/**
 * One broadcaster for all screens: it watches the read models' checkpoint (in memory, no query) and, when it moves,
 * reads the new events once, looks each gift up once, and writes the result to every screen of that edition. The
 * events come from the store only up to the checkpoint, so what a screen is told is always in the read models.
 */
@Injectable()
export class LiveBroadcaster implements OnModuleDestroy {
  private readonly channels = new Map<string, EditionChannel>();
  private seen: GlobalPosition | null | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Position of the last event every read model has applied; null before the first. */
  readModelPosition(): GlobalPosition | null {
    let lowest: GlobalPosition | null = null;
    for (const p of this.projections.runner.status().projections) {
      if (p.checkpoint === null) return null;
      if (lowest === null || p.checkpoint < lowest) lowest = p.checkpoint;
    }
    return lowest;
  }

  /**
   * Adds a screen: it gets the gifts it missed since `lastEventId` (a position this platform handed out, also
   * before a restart), then a `leaderboard` snapshot, then every change. Answers how to remove it again.
   */
  async join(editionId: string, client: LiveClient, lastEventId?: GlobalPosition): Promise<() => void> {
    const channel = this.channel(editionId);
    this.startWatching();
    const leave = () => {
      channel.clients.delete(client);
      if (this.clientCount() === 0) this.stopWatching();
    };
    const readUpTo = this.seen ?? null;
    let missed: { position: GlobalPosition; gift: LiveGift }[] = [];
    if (lastEventId !== undefined && readUpTo !== null && lastEventId < readUpTo) {
      missed = await this.missedGifts(editionId, lastEventId, readUpTo);
    }
    // from here on nothing awaits: no broadcast can slip in between the catch-up and the snapshot
    this.startWatching(); // the last other screen may have left while this one was catching up
    const position = this.seen ?? this.readModelPosition() ?? 0n;
    if (lastEventId !== undefined) {
      const kept = channel.recentGifts.filter(
        (k) => k.position > lastEventId && (readUpTo === null || k.position > readUpTo),
      );
      for (const { position: at, gift } of [...missed, ...kept]) client.send('donation', at, gift);
    }
    client.send('leaderboard', position, leaderboardSnapshot(this.projections.db, editionId));
    channel.clients.add(client);
    return leave;
  }

  /** The edition's gifts after `after` up to `upTo`, read from the store (at most the last KEPT_GIFTS). */
  private async missedGifts(
    editionId: string,
    after: GlobalPosition,
    upTo: GlobalPosition,
  ): Promise<{ position: GlobalPosition; gift: LiveGift }[]> {
    const found: { position: GlobalPosition; gift: LiveGift }[] = [];
    try {
      for await (const event of this.store.readAll({ fromPosition: after, maxCount: MAX_CATCH_UP_EVENTS })) {
        if (event.position > upTo) break;
        if (event.position <= after || !GIFT_EVENTS.has(event.type)) continue;
        const gift = this.giftOf(event);
        if (gift?.editionId !== editionId) continue;
        found.push({ position: event.position, gift: gift.gift });
        if (found.length > KEPT_GIFTS) found.shift();
      }
    } catch (error) {
      // a position the store does not know (a screen of another installation): the snapshot is enough
      this.logger.info({ err: error }, 'live screens: could not read the missed gifts; sending a snapshot');
      return [];
    }
    return found;
  }

  private giftOf(event: RecordedEvent): { editionId: string; gift: LiveGift } | undefined {
    const data = event.data as { donationId: string; amountCents: number; paidAt?: string };
    return liveGift(this.projections.db, data.donationId, data.amountCents, data.paidAt ?? event.recordedAt);
  }

  clientCount(): number {
    let count = 0;
    for (const channel of this.channels.values()) count += channel.clients.size;
    return count;
  }

  onModuleDestroy(): void {
    this.stopWatching();
    // open streams would keep the HTTP server from closing
    for (const channel of this.channels.values()) {
      for (const client of channel.clients) client.close();
      channel.clients.clear();
    }
  }

  private channel(editionId: string): EditionChannel {
    let channel = this.channels.get(editionId);
    if (!channel) {
      channel = { clients: new Set(), recentGifts: [] };
      this.channels.set(editionId, channel);
    }
    return channel;
  }

  private startWatching(): void {
    if (this.timer) return;
    if (this.seen === undefined) this.seen = this.readModelPosition();
    this.timer = setInterval(() => void this.tick(), POLL_MS);
    this.timer.unref();
  }

  private stopWatching(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    // gifts applied while nobody watched are not kept: the next screen starts from a snapshot
    this.seen = undefined;
  }

  private async tick(): Promise<void> {
    if (this.reading) return;
    const target = this.readModelPosition();
    if (target === null || (this.seen !== undefined && this.seen !== null && target <= this.seen)) return;
    this.reading = true;
    try {
      const from = this.seen ?? undefined;
      const events: RecordedEvent[] = [];
      for await (const event of this.store.readAll(from === undefined ? {} : { fromPosition: from })) {
        if (event.position > target) break;
        if (from !== undefined && event.position <= from) continue;
        if (MONEY_EVENTS.has(event.type)) events.push(event);
      }
      this.publish(events, target);
      this.seen = target;
    } catch (error) {
      this.logger.warn({ err: error }, 'live screens: could not read the new events; trying again');
    } finally {
      this.reading = false;
    }
  }

  private publish(events: RecordedEvent[], target: GlobalPosition): void {
    const db = this.projections.db;
    const changed = new Set<string>();
    for (const event of events) {
      const found = this.giftOf(event);
      if (!found) continue;
      changed.add(found.editionId);
      if (!GIFT_EVENTS.has(event.type)) continue;
      const channel = this.channel(found.editionId);
      channel.recentGifts.push({ position: event.position, gift: found.gift });
      if (channel.recentGifts.length > KEPT_GIFTS) channel.recentGifts.shift();
      for (const client of channel.clients) client.send('donation', event.position, found.gift);
    }
    for (const editionId of changed) {
      const channel = this.channels.get(editionId);
      if (!channel || channel.clients.size === 0) continue;
      // one query per edition and change, whatever the number of screens
      const snapshot = leaderboardSnapshot(db, editionId);
      for (const client of channel.clients) client.send('leaderboard', target, snapshot);
    }
  }
}
