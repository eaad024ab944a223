import { AllSubscription, GlobalPosition, RecordedEvent } from './event-store';

/** Something that calls back after every committed append: the embedded adapters' "new events" signal. */
export interface AppendSignal {
  listen(onAppended: () => void): () => void;
}

export class AppendNotifier implements AppendSignal {
  private readonly listeners = new Set<() => void>();
  listen(onAppended: () => void): () => void {
    this.listeners.add(onAppended);
    return () => this.listeners.delete(onAppended);
  }
  notify(): void {
    for (const listener of this.listeners) listener();
  }
}

const PAGE_SIZE = 512;

/**
 * Catch-up subscription built on reads: it always reads the store from its own last position, so the switch
 * from catching up to live can neither lose nor repeat an event; the signal only wakes it up.
 */
export class CatchUpSubscription implements AllSubscription {
  private closed = false;
  private appendedSinceRead = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly readPage: (
      afterPosition: GlobalPosition | undefined,
      maxCount: number,
    ) => RecordedEvent[] | Promise<RecordedEvent[]>,
    private readonly signal: AppendSignal,
    private afterPosition: GlobalPosition | undefined,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    const stopListening = this.signal.listen(() => {
      this.appendedSinceRead = true;
      this.wake?.();
    });
    try {
      while (!this.closed) {
        this.appendedSinceRead = false;
        const page = await this.readPage(this.afterPosition, PAGE_SIZE);
        for (const event of page) {
          if (this.closed) return;
          this.afterPosition = event.position;
          yield event;
        }
        if (page.length < PAGE_SIZE && !this.appendedSinceRead && !this.closed) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
          this.wake = undefined;
        }
      }
    } finally {
      stopListening();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
  }
}
