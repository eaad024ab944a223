import { EVENT_STORE, type EventStore, type NewEvent } from '@rw/event-store';
import { type DonationEvent, donationStream } from '@rw/fundraising';
import { ProjectionService } from '../../apps/platform/src/infrastructure/projection.service';
import type { TestPlatform } from './platform';

/**
 * Facts only a provider's side makes (a fee, a dispute), appended to the gift's stream as their webhook would
 * append them; answers once the read side has them.
 */
export async function appendDonationFacts(platform: TestPlatform, donationId: string, events: DonationEvent[]) {
  const store = platform.app.get<EventStore>(EVENT_STORE);
  const { position } = await store.append(donationStream(donationId), events as NewEvent[], 'any');
  await platform.app.get(ProjectionService).settled(position);
}
