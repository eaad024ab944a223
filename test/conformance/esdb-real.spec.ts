import { EsdbEventStore } from '@rw/event-store/adapters/esdb';
import { PersonalDataVault, SharedPersonKeys } from '@rw/event-store';
import { describeEventStore } from '@rw/event-store/testing/conformance';

// The same conformance suite against a real EventStoreDB: the truth the gRPC stand-in (esdb-stand-in.spec.ts)
// only imitates. Runs when EVENTSTORE_CONNECTION_STRING is set, e.g. after `docker compose up eventstore`:
//   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest test/conformance/esdb-real.spec.ts
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStore(
    `esdb against a real server (${connectionString})`,
    async () => ({ store: new EsdbEventStore(connectionString) }),
    { contiguousPositions: false, durable: false, tombstones: true },
  );
  // the persons' keys kept in the server (tombstoned on erasure), under the same suite
  describeEventStore(
    `personal-data vault with shared keys against a real server (${connectionString})`,
    async () => {
      const store = new EsdbEventStore(connectionString);
      return {
        store: new PersonalDataVault(store, new SharedPersonKeys(store, 'a-conformance-secret-of-32-characters!')),
      };
    },
    { contiguousPositions: false, durable: false },
  );
} else {
  describe('esdb conformance against a real server', () => {
    beforeAll(() => {
      process.stdout.write(
        'esdb conformance against a real server: SKIPPED (set EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false, e.g. after `docker compose up eventstore`, to run it)\n',
      );
    });

    it('does not run, because EVENTSTORE_CONNECTION_STRING is not set', () => {
      expect(process.env.EVENTSTORE_CONNECTION_STRING).toBeUndefined();
    });
  });
}
