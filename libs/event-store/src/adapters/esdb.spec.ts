import {
  AccessDeniedError,
  convertToCommandError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Metadata, ServiceError, status } from '@grpc/grpc-js';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { EventStoreUnavailable, WrongExpectedRevision } from '../event-store';
import { toEventStoreError } from './esdb';

/** A failed gRPC call as @grpc/grpc-js reports it, with EventStoreDB's metadata. */
function serviceError(code: status, details: string, metadata: Record<string, string> = {}): ServiceError {
  const grpcMetadata = new Metadata();
  for (const [key, value] of Object.entries(metadata)) grpcMetadata.set(key, value);
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata: grpcMetadata });
}

describe('esdb adapter: mapping the client’s errors to the port’s', () => {
  describe('a wrong expected version becomes WrongExpectedRevision', () => {
    it('with the expected and the actual revision', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: 'team-1', expected: 0n, current: 1n });
      const mapped = toEventStoreError(error);
      expect(mapped).toBeInstanceOf(WrongExpectedRevision);
      expect(mapped).toMatchObject({ streamId: 'team-1', expected: 0, actual: 1 });
    });

    it('with no_stream expected, or no stream there', () => {
      expect(
        toEventStoreError(
          new WrongExpectedVersionError(undefined, { streamName: 'team-1', expected: 'no_stream', current: 4n }),
        ),
      ).toMatchObject({ expected: 'no_stream', actual: 4 });
      expect(
        toEventStoreError(
          new WrongExpectedVersionError(undefined, { streamName: 'team-2', expected: 3n, current: 'no_stream' }),
        ),
      ).toMatchObject({ streamId: 'team-2', expected: 3, actual: 'no_stream' });
    });

    it('as the client builds it from a BatchAppend answer', () => {
      const details = new WrongExpectedVersion().setCurrentNoStream(new Empty()).setExpectedStreamPosition('0');
      const mapped = toEventStoreError(WrongExpectedVersionError.fromWrongExpectedVersion(details, 'pledge-9'));
      expect(mapped).toBeInstanceOf(WrongExpectedRevision);
      expect(mapped).toMatchObject({ streamId: 'pledge-9', expected: 0, actual: 'no_stream' });
    });

    it('as the client builds it from error metadata', () => {
      const error = convertToCommandError(
        serviceError(status.UNKNOWN, 'Wrong expected version.', {
          exception: 'wrong-expected-version',
          'stream-name': 'donation-3',
          'expected-version': '2',
          'actual-version': '5',
        }),
      );
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(toEventStoreError(error)).toMatchObject({ streamId: 'donation-3', expected: 2, actual: 5 });
    });

    it('is left alone for stream_exists, which this adapter never asks for', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'x',
        expected: 'stream_exists',
        current: 'no_stream',
      });
      expect(toEventStoreError(error)).toBe(error);
    });
  });

  describe('a server out of reach becomes EventStoreUnavailable', () => {
    it.each([
      ['unavailable', convertToCommandError(serviceError(status.UNAVAILABLE, 'No connection established'))],
      ['deadline exceeded', convertToCommandError(serviceError(status.DEADLINE_EXCEEDED, 'Deadline exceeded'))],
      ['a commit timeout', convertToCommandError(serviceError(status.ABORTED, 'Operation timed out'))],
      ['a server cancelling the call', convertToCommandError(serviceError(status.CANCELLED, 'Server shutting down'))],
      [
        'a follower refusing a write',
        convertToCommandError(
          serviceError(status.NOT_FOUND, 'Leader info available', {
            exception: 'not-leader',
            'leader-endpoint-host': '10.0.0.2',
            'leader-endpoint-port': '2113',
          }),
        ),
      ],
      ['a raw gRPC UNAVAILABLE', serviceError(status.UNAVAILABLE, 'connect ECONNREFUSED 127.0.0.1:2113')],
      ['a failed cluster discovery', new Error('Failed to discover after 10 attempts.')],
    ])('%s', (_, error) => {
      const mapped = toEventStoreError(error);
      expect(mapped).toBeInstanceOf(EventStoreUnavailable);
      expect((mapped as Error).cause).toBe(error);
    });

    it('keeps the client’s classification', () => {
      expect(convertToCommandError(serviceError(status.UNAVAILABLE, 'x'))).toBeInstanceOf(UnavailableError);
      expect(convertToCommandError(serviceError(status.DEADLINE_EXCEEDED, 'x'))).toBeInstanceOf(DeadlineExceededError);
      expect(
        convertToCommandError(
          serviceError(status.NOT_FOUND, 'x', {
            exception: 'not-leader',
            'leader-endpoint-host': 'h',
            'leader-endpoint-port': '1',
          }),
        ),
      ).toBeInstanceOf(NotLeaderError);
    });
  });

  describe('anything else is rethrown as it is', () => {
    it.each([
      ['stream not found', new StreamNotFoundError(undefined, 'team-1')],
      ['access denied', new AccessDeniedError(serviceError(status.PERMISSION_DENIED, 'Access denied'))],
      ['an invalid position', convertToCommandError(serviceError(status.INVALID_ARGUMENT, 'invalid position'))],
      ['a client cancellation', serviceError(status.CANCELLED, 'Cancelled on client')],
      ['a programming error', new TypeError('x is not a function')],
      ['not even an error', 'boom'],
    ])('%s', (_, error) => {
      expect(toEventStoreError(error)).toBe(error);
    });
  });
});
