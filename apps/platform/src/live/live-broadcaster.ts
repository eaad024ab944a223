import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition, type RecordedEvent } from '@rw/event-store';
import { ProjectionService } from '../infrastructure/projection.service';
import { LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';
import { PrivateLinks } from '../accounts/private-links';
import {
  type AnonymousGiftId,
  type LeaderboardSnapshot,
  type LiveGift,
  latestGifts,
  leaderboardSnapshot,
  liveGift,
} from './live-view';

/** One open stream: how the broadcaster writes to it. */
export interface LiveClient {
  /** Writes server-sent events as made by `liveFrame`, several at once. */
  write(frames: string): void;
  close(): void;
}

/**
 * One server-sent event. Made once per broadcast and written to every screen as it is: with 200 screens, turning
 * each gift into text per screen cost more than everything else the platform did for it.
 */
export function liveFrame(
  event: 'leaderboard' | 'donation',
  id: GlobalPosition,
  data: LeaderboardSnapshot | LiveGift,
): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
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

/**
 * Gifts kept per edition, in memory, so that a screen that reconnects with Last-Event-ID gets the ones it missed
 * without any read of the event store.
 */
const KEPT_GIFTS = 50;
/** Gifts sent with a fresh snapshot to a screen that was away too long (a screen shows 5). */
const SNAPSHOT_GIFTS = 10;
const POLL_MS = 50;

interface EditionChannel {
  clients: Set<LiveClient>;
  recentGifts: { position: GlobalPosition; gift: LiveGift }[];
  /**
   * Every gift of the edition after this position is in `recentGifts` (null: since the store began); undefined
   * while nobody watches. A screen that saw this position or later catches up from memory; an older one gets a
   * snapshot.
   */
  completeAfter: GlobalPosition | null | undefined;
  /** The last snapshot made, by position: a storm of reconnecting screens costs one snapshot, not one each. */
  snapshot?: { position: GlobalPosition; leaderboard: LeaderboardSnapshot; gifts: LiveGift[] };
}

/**
 * One broadcaster for all screens: it watches the read models' checkpoint (in memory, no query) and, when it moves,
 * reads the new events once, looks each gift up once, and writes the result to every screen of that edition. The
 * events come from the store only up to the checkpoint, so what a screen is told is always in the read models.
 * A screen that connects never makes the store read anything: it catches up from the gifts kept in memory, or
 * gets a snapshot of the read models (the leaderboard and the latest gifts) when it was away longer than they go.
 */
@Injectable()
export class LiveBroadcaster implements OnModuleDestroy {
  private readonly channels = new Map<string, EditionChannel>();
  private seen: GlobalPosition | null | undefined;
  /** Where the current watch began: gifts after it are all kept (until the ring of an edition overflows). */
  private watchedFrom: GlobalPosition | null | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading = false;
  private readonly anonymousId: AnonymousGiftId;

  constructor(
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    links: PrivateLinks,
  ) {
    this.anonymousId = (donationId) => `anon-${links.token('anonymous-gift', donationId).slice(0, 22)}`;
  }

  /** Position of the last event every read model has applied; null before the first. */
  readModelPosition(): GlobalPosition | null {
    let lowest: GlobalPosition | null = null;
    for (const p of this.projections.runner.status().projections) {
      if (p.checkpoint === null) return null;
      if (lowest === null || p.checkpoint < lowest) lowest = p.checkpoint;
    }
    return lowest;
  }

  /** The latest paid gifts of an edition as a screen shows them, newest first. */
  latestGifts(editionId: string, limit: number): LiveGift[] {
    return latestGifts(this.projections.db, editionId, limit, this.anonymousId);
  }

  /**
   * Adds a screen: when it comes back with `lastEventId` (a position this platform handed out, also before a
   * restart) it gets the gifts it missed, from memory, or, away too long, the latest gifts; then a `leaderboard`
   * snapshot, then every change. Nothing here awaits: no broadcast slips in between. Answers how to remove it.
   */
  join(editionId: string, client: LiveClient, lastEventId?: GlobalPosition): () => void {
    this.startWatching();
    const channel = this.channel(editionId);
    const leave = () => {
      channel.clients.delete(client);
      if (this.clientCount() === 0) this.stopWatching();
    };
    const position = this.seen ?? 0n;
    const snapshot = this.snapshot(channel, editionId, position);
    let frames = '';
    if (lastEventId !== undefined) {
      const { completeAfter } = channel;
      const fromMemory =
        completeAfter !== undefined &&
        (completeAfter === null || lastEventId >= completeAfter) &&
        lastEventId <= position;
      if (fromMemory) {
        for (const kept of channel.recentGifts) {
          if (kept.position > lastEventId) frames += liveFrame('donation', kept.position, kept.gift);
        }
      } else {
        // too old, 0, before a restart or another installation's: the latest gifts, oldest first, as of now
        for (const gift of [...snapshot.gifts].reverse()) frames += liveFrame('donation', position, gift);
      }
    }
    client.write(frames + liveFrame('leaderboard', position, snapshot.leaderboard));
    channel.clients.add(client);
    return leave;
  }

  private snapshot(channel: EditionChannel, editionId: string, position: GlobalPosition) {
    if (channel.snapshot?.position === position) return channel.snapshot;
    channel.snapshot = {
      position,
      leaderboard: leaderboardSnapshot(this.projections.db, editionId),
      gifts: this.latestGifts(editionId, SNAPSHOT_GIFTS),
    };
    return channel.snapshot;
  }

  private giftOf(event: RecordedEvent): { editionId: string; gift: LiveGift } | undefined {
    const data = event.data as { donationId: string; amountCents: number; paidAt?: string };
    return liveGift(
      this.projections.db,
      data.donationId,
      data.amountCents,
      data.paidAt ?? event.recordedAt,
      this.anonymousId,
    );
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
      // any gift of this edition since the watch began would have made its channel: none is missing
      channel = { clients: new Set(), recentGifts: [], completeAfter: this.watchedFrom };
      this.channels.set(editionId, channel);
    }
    return channel;
  }

  private startWatching(): void {
    if (this.timer) return;
    if (this.seen === undefined) {
      this.seen = this.readModelPosition();
      this.watchedFrom = this.seen;
      for (const channel of this.channels.values()) this.forgetGifts(channel, this.seen);
    }
    this.timer = setInterval(() => void this.tick(), POLL_MS);
    this.timer.unref();
  }

  private stopWatching(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    // gifts applied while nobody watches are not kept: the next screen that was away starts from a snapshot
    this.seen = undefined;
    this.watchedFrom = undefined;
    for (const channel of this.channels.values()) this.forgetGifts(channel, undefined);
  }

  /** Empties the kept gifts: from now on they are complete only after `after`. */
  private forgetGifts(channel: EditionChannel, after: GlobalPosition | null | undefined): void {
    channel.recentGifts = [];
    channel.completeAfter = after;
    channel.snapshot = undefined;
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
        if (MONEY_EVENTS.has(event.type) || event.type === 'DonorErased') events.push(event);
      }
      this.publish(events, target);
      this.seen = target;
    } catch (error) {
      this.logger.warn({ err: error }, 'live screens: could not read the new events; trying again');
    } finally {
      this.reading = false;
    }
  }

  /**
   * Everything a tick found, written to each screen of an edition in one go: its gifts, then one fresh leaderboard
   * when money moved. Each event is turned into text once, whatever the number of screens.
   */
  private publish(events: RecordedEvent[], target: GlobalPosition): void {
    const db = this.projections.db;
    const changed = new Set<string>();
    const frames = new Map<string, string>();
    for (const event of events) {
      if (event.type === 'DonorErased') {
        // kept gifts may name the erased person: screens that were away get the read models' blanked names
        for (const channel of this.channels.values()) this.forgetGifts(channel, event.position);
        continue;
      }
      const found = this.giftOf(event);
      if (!found) continue;
      changed.add(found.editionId);
      if (!GIFT_EVENTS.has(event.type)) continue;
      const channel = this.channel(found.editionId);
      channel.recentGifts.push({ position: event.position, gift: found.gift });
      if (channel.recentGifts.length > KEPT_GIFTS) {
        const dropped = channel.recentGifts.shift();
        if (dropped) channel.completeAfter = dropped.position;
      }
      if (channel.clients.size > 0) {
        frames.set(
          found.editionId,
          (frames.get(found.editionId) ?? '') + liveFrame('donation', event.position, found.gift),
        );
      }
    }
    for (const editionId of changed) {
      const channel = this.channels.get(editionId);
      if (!channel || channel.clients.size === 0) continue;
      // one query per edition and change, whatever the number of screens
      const text = (frames.get(editionId) ?? '') + liveFrame('leaderboard', target, leaderboardSnapshot(db, editionId));
      for (const client of channel.clients) client.write(text);
    }
  }
}
