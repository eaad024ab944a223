/**
 * TEST DOUBLE — NOT A PRODUCT COMPONENT.
 *
 * An in-memory stand-in for EventStoreDB's gRPC wire protocol, so that the esdb adapter
 * (libs/event-store/src/adapters/esdb.ts) is exercised, through the real `@eventstore/db-client`, in every CI run
 * without Docker or a database server. It serves the client's own service definitions
 * (`@eventstore/db-client/generated/*_grpc_pb`) and implements only what the adapter uses:
 *
 * - ServerFeatures.GetSupportedMethods: how the client decides between BatchAppend (EventStoreDB 21.10+) and Append;
 * - Streams.BatchAppend and Streams.Append: appends with expected revision, the wrong-expected-version answer and
 *   EventStoreDB's idempotency rules (re-appending the same event ids answers the original result, writes nothing);
 * - Streams.Read: a stream (or its stream-not-found answer), $all forwards and backwards, and catch-up
 *   subscriptions to $all (confirmation, catch-up, checkpoint, caught-up, then live), with stream/event-type filters;
 * - Streams.Tombstone (hard delete), as documented for EventStoreDB: a `$streamDeleted` record (revision
 *   long.MaxValue) is written to the stream and $all; from then on reading the stream, appending to it (whatever the
 *   expected revision, retries included) and tombstoning it again answer stream-deleted, and it can never be created
 *   again. Its events stay in $all, as on a server until a scavenge removes them (`scavenge()` does that here).
 *
 * $all positions are byte-offset-like ({commit, prepare}, both the offset at which the event's record starts): they
 * increase but are not contiguous, so nothing may rely on contiguity. Like a real server, the stand-in writes system
 * events of its own ($settings, $users, … and optionally $statsCollection now and then) that readers must skip.
 *
 * It is not EventStoreDB: no persistence, no cluster, no security, no soft deletes or stream metadata, no stream
 * subscriptions, no projections. The truth is the conformance suite run against a real server (test/conformance/esdb-real.spec.ts,
 * with EVENTSTORE_CONNECTION_STRING set); where the two disagree, the real server is right and this file is wrong.
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import {
  AllStreamPosition,
  Empty,
  StreamDeleted as StreamDeletedDetails,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion as WrongExpectedVersionDetails,
} from '@eventstore/db-client/generated/shared_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';

export interface EsdbStandInOptions {
  /**
   * true (default): ServerFeatures advertises BatchAppend, as EventStoreDB 21.10+ does, and the client appends
   * through it. false: no ServerFeatures service (UNIMPLEMENTED), as older servers; the client falls back to Append.
   */
  batchAppend?: boolean;
  /** Write a `$statsCollection` system event after every n-th append, as a server writing its stats to the database. */
  systemEventEvery?: number;
  /** Port on 127.0.0.1; 0 (default): a free one. */
  port?: number;
}

interface StoredEvent {
  id: string;
  streamId: string;
  revision: number;
  /** The revision as sent, when it is not `revision`: a tombstone's is long.MaxValue. */
  revisionText?: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  /** Offset of the event's record in the log: its commit and prepare position. */
  position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  created: bigint;
}

interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

/** EventStoreDB's expected-version numbers: a revision, or one of these. */
const EXPECTED_ANY = -2;
const EXPECTED_NO_STREAM = -1;
const EXPECTED_STREAM_EXISTS = -4;

type CommitCheck =
  | { decision: 'deleted' }
  | { decision: 'ok'; current: number }
  | { decision: 'idempotent'; first: number; last: number }
  | { decision: 'wrong'; current: number };

type AppendOutcome =
  | { kind: 'stream-deleted' }
  | { kind: 'success'; revision: number; position: bigint }
  | { kind: 'wrong-expected-version'; current: number; expected: number };

type Filter = (event: StoredEvent) => boolean;

const STATUS_INVALID_ARGUMENT = grpc.status.INVALID_ARGUMENT;
/** A tombstone's event number: long.MaxValue. */
const DELETED_STREAM_REVISION = '9223372036854775807';
const TICKS_PER_MS = 10_000n;

export class EsdbStandIn {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  /** Every committed event id (EventStoreDB keeps a bounded cache of recent ones for idempotency with `any`). */
  private readonly committed = new Map<string, StoredEvent>();
  private readonly liveListeners = new Set<(events: StoredEvent[]) => void>();
  /** Streams deleted for good (hard delete). */
  private readonly tombstoned = new Set<string>();
  private nextPosition = 0n;
  private appends = 0;
  /** Requests answered, by kind (which paths the client took); a BatchAppend request is one batch on the stream. */
  readonly calls = { getSupportedMethods: 0, append: 0, batchAppend: 0, read: 0, subscribeToAll: 0, tombstone: 0 };

  private constructor(
    private readonly server: grpc.Server,
    readonly port: number,
    private readonly options: Required<EsdbStandInOptions>,
  ) {}

  /** Starts a stand-in on 127.0.0.1, on the port given or a free one. */
  static async start(options: EsdbStandInOptions = {}): Promise<EsdbStandIn> {
    const settings: Required<EsdbStandInOptions> = {
      batchAppend: options.batchAppend ?? true,
      systemEventEvery: options.systemEventEvery ?? 0,
      port: options.port ?? 0,
    };
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${settings.port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const standIn = new EsdbStandIn(server, port, settings);
    standIn.register();
    standIn.writeSystemEvents();
    return standIn;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Every event in $all as stored (system events included): what a look at the database files would find. */
  storedEvents(): readonly { streamId: string; type: string; data: Uint8Array; metadata: Uint8Array }[] {
    return this.log;
  }

  /**
   * What EventStoreDB's scavenge does to deleted streams: their events leave the log for good (the tombstone record
   * stays, so the stream stays deleted). Positions of the remaining events do not change.
   */
  scavenge(): void {
    const kept = this.log.filter((e) => !this.tombstoned.has(e.streamId) || e.revisionText === DELETED_STREAM_REVISION);
    this.log.splice(0, this.log.length, ...kept);
    for (const streamId of this.tombstoned) {
      for (const e of this.streams.get(streamId) ?? []) this.committed.delete(e.id);
      this.streams.set(streamId, []);
    }
  }

  /** Number of events in $all, system events included. */
  get eventCount(): number {
    return this.log.length;
  }

  /** Stops serving: open calls (subscriptions, the client's BatchAppend stream) are cancelled. */
  async stop(): Promise<void> {
    this.liveListeners.clear();
    this.server.forceShutdown();
  }

  private register(): void {
    this.server.addService(StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) =>
        this.append(call, callback),
      batchAppend: (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => this.batchAppend(call),
      tombstone: (
        call: grpc.ServerUnaryCall<TombstoneReq, TombstoneResp>,
        callback: grpc.sendUnaryData<TombstoneResp>,
      ) => this.tombstone(call, callback),
    });
    if (this.options.batchAppend) {
      this.server.addService(ServerFeaturesService, {
        getSupportedMethods: (
          _: grpc.ServerUnaryCall<Empty, SupportedMethods>,
          callback: grpc.sendUnaryData<SupportedMethods>,
        ) => {
          this.calls.getSupportedMethods++;
          callback(null, this.supportedMethods());
        },
      });
    }
  }

  private supportedMethods(): SupportedMethods {
    const methods = ['read', 'append', 'batchappend', 'tombstone'].map((name) =>
      new SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(name),
    );
    return new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('0.0.0-esdb-stand-in');
  }

  // ---------------------------------------------------------------------------------------------------- writing

  private writeSystemEvents(): void {
    const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    const system = (streamId: string, type: string, data: unknown) =>
      this.write(streamId, [
        { id: randomUUID(), type, contentType: 'application/json', data: json(data), metadata: new Uint8Array() },
      ]);
    system('$settings', '$settings', { $userStreamAcl: { $r: '$all' } });
    system('$users', '$User', { loginName: 'admin' });
    system('$user-admin', '$UserCreated', { loginName: 'admin', fullName: 'Event Store Administrator' });
  }

  /** Decides an append as EventStoreDB's index writer does (CheckCommit). */
  private checkCommit(streamId: string, expected: number, ids: readonly string[]): CommitCheck {
    // a deleted stream refuses everything, retries of writes made before the delete too
    if (this.tombstoned.has(streamId)) return { decision: 'deleted' };
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1; // -1: no stream
    if (expected === EXPECTED_STREAM_EXISTS && current < 0) return { decision: 'wrong', current };
    if (expected === EXPECTED_ANY || expected === EXPECTED_STREAM_EXISTS) {
      // idempotent only if every id is already committed to this stream; an unknown first id is a new write
      let first = -1;
      let last = -1;
      for (const [i, id] of ids.entries()) {
        const stored = this.committed.get(id);
        if (!stored || stored.streamId !== streamId) {
          return i === 0 ? { decision: 'ok', current } : { decision: 'wrong', current };
        }
        if (i === 0) first = stored.revision;
        last = stored.revision;
      }
      return ids.length === 0 ? { decision: 'ok', current } : { decision: 'idempotent', first, last };
    }
    if (expected < current) {
      // a retry if the stream holds these ids exactly where this expected revision put them
      if (ids.length === 0) return { decision: 'wrong', current };
      for (const [i, id] of ids.entries()) {
        if (stream[expected + 1 + i]?.id !== id) return { decision: 'wrong', current };
      }
      return { decision: 'idempotent', first: expected + 1, last: expected + ids.length };
    }
    if (expected > current) return { decision: 'wrong', current };
    return { decision: 'ok', current };
  }

  private appendEvents(streamId: string, expected: number, events: readonly ProposedEvent[]): AppendOutcome {
    const check = this.checkCommit(
      streamId,
      expected,
      events.map((e) => e.id),
    );
    switch (check.decision) {
      case 'deleted':
        return { kind: 'stream-deleted' };
      case 'wrong':
        return { kind: 'wrong-expected-version', current: check.current, expected };
      case 'idempotent': {
        const original = (this.streams.get(streamId) ?? [])[check.last];
        return { kind: 'success', revision: check.last, position: original.position };
      }
      case 'ok': {
        const written = this.write(streamId, events);
        this.appends++;
        if (this.options.systemEventEvery > 0 && this.appends % this.options.systemEventEvery === 0) {
          this.write('$stats-127.0.0.1:2113', [
            {
              id: randomUUID(),
              type: '$statsCollection',
              contentType: 'application/json',
              data: new TextEncoder().encode(JSON.stringify({ 'proc-id': process.pid, appends: this.appends })),
              metadata: new Uint8Array(),
            },
          ]);
        }
        const last = written.at(-1);
        // an empty append writes nothing and answers where the stream is
        return last
          ? { kind: 'success', revision: last.revision, position: last.position }
          : { kind: 'success', revision: check.current, position: this.log.at(-1)?.position ?? 0n };
      }
    }
  }

  /** Writes to the log and the stream; a tombstone (`revisionText`) goes to the log only. */
  private write(streamId: string, events: readonly ProposedEvent[], revisionText?: string): StoredEvent[] {
    const stream = this.streams.get(streamId) ?? [];
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const written = events.map((proposed) => {
      const stored: StoredEvent = {
        ...proposed,
        streamId,
        revision: stream.length,
        ...(revisionText ? { revisionText } : {}),
        position: this.nextPosition,
        created,
      };
      // a record: length prefix and suffix, a header, the stream name, the type, data and metadata
      this.nextPosition += BigInt(
        88 +
          Buffer.byteLength(streamId) +
          Buffer.byteLength(proposed.type) +
          proposed.data.length +
          proposed.metadata.length,
      );
      if (!revisionText) stream.push(stored);
      this.log.push(stored);
      this.committed.set(stored.id, stored);
      return stored;
    });
    this.streams.set(streamId, stream);
    if (written.length > 0) for (const listener of [...this.liveListeners]) listener(written);
    return written;
  }

  private append(
    call: grpc.ServerReadableStream<AppendReq, AppendResp>,
    callback: grpc.sendUnaryData<AppendResp>,
  ): void {
    this.calls.append++;
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (message) events.push(toProposedEvent(message));
    });
    call.on('error', () => {});
    call.on('end', () => {
      if (!options?.getStreamIdentifier()) {
        callback({ code: STATUS_INVALID_ARGUMENT, details: 'the first AppendReq must carry the options' });
        return;
      }
      const streamId = streamName(options.getStreamIdentifier());
      const expected = options.hasRevision()
        ? Number(options.getRevision())
        : options.hasNoStream()
          ? EXPECTED_NO_STREAM
          : options.hasStreamExists()
            ? EXPECTED_STREAM_EXISTS
            : EXPECTED_ANY;
      const outcome = this.appendEvents(streamId, expected, events);
      if (outcome.kind === 'stream-deleted') {
        callback(streamDeletedError(streamId));
        return;
      }
      const response = new AppendResp();
      if (outcome.kind === 'success') {
        response.setSuccess(
          new AppendResp.Success()
            .setCurrentRevision(String(outcome.revision))
            .setPosition(
              new AppendResp.Position()
                .setCommitPosition(String(outcome.position))
                .setPreparePosition(String(outcome.position)),
            ),
        );
      } else {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (outcome.current >= 0) wrong.setCurrentRevision(String(outcome.current));
        else wrong.setCurrentNoStream(new Empty());
        if (outcome.expected >= 0) wrong.setExpectedRevision(String(outcome.expected));
        else if (outcome.expected === EXPECTED_NO_STREAM) wrong.setExpectedNoStream(new Empty());
        else if (outcome.expected === EXPECTED_STREAM_EXISTS) wrong.setExpectedStreamExists(new Empty());
        else wrong.setExpectedAny(new Empty());
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    });
  }

  private batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    // one long-lived stream per client; requests are told apart by correlation id and may span several messages
    const pending = new Map<string, { options?: BatchAppendReq.Options; events: ProposedEvent[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = correlationId ? parseUuid(correlationId) : '';
      const batch = pending.get(key) ?? { events: [] };
      pending.set(key, batch);
      if (request.hasOptions()) batch.options = request.getOptions();
      for (const message of request.getProposedMessagesList()) batch.events.push(toProposedEvent(message));
      if (!request.getIsFinal()) return;
      this.calls.batchAppend++;
      pending.delete(key);
      call.write(this.batchAppendResponse(correlationId, batch.options, batch.events));
    });
    call.on('error', () => {});
    call.on('end', () => call.end());
  }

  private batchAppendResponse(
    correlationId: UUID | undefined,
    options: BatchAppendReq.Options | undefined,
    events: ProposedEvent[],
  ): BatchAppendResp {
    const response = new BatchAppendResp().setCorrelationId(correlationId);
    const identifier = options?.getStreamIdentifier();
    if (!options || !identifier) {
      return response.setError(new Status().setCode(Code.INVALID_ARGUMENT).setMessage('no options for this batch'));
    }
    response.setStreamIdentifier(identifier);
    let expected = EXPECTED_ANY;
    if (options.hasStreamPosition()) {
      expected = Number(options.getStreamPosition());
      response.setStreamPosition(options.getStreamPosition());
    } else if (options.hasNoStream()) {
      expected = EXPECTED_NO_STREAM;
      response.setNoStream(new GoogleEmpty());
    } else if (options.hasStreamExists()) {
      expected = EXPECTED_STREAM_EXISTS;
      response.setStreamExists(new GoogleEmpty());
    } else {
      response.setAny(new GoogleEmpty());
    }
    const outcome = this.appendEvents(streamName(identifier), expected, events);
    if (outcome.kind === 'stream-deleted') {
      const any = new Any();
      any.pack(
        new StreamDeletedDetails().setStreamIdentifier(identifier).serializeBinary(),
        'event_store.client.StreamDeleted',
      );
      return response.setError(
        new Status().setCode(Code.FAILED_PRECONDITION).setMessage('StreamDeleted').setDetails(any),
      );
    }
    if (outcome.kind === 'success') {
      const position = new AllStreamPosition()
        .setCommitPosition(String(outcome.position))
        .setPreparePosition(String(outcome.position));
      return response.setSuccess(
        new BatchAppendResp.Success().setCurrentRevision(String(outcome.revision)).setPosition(position),
      );
    }
    const details = new WrongExpectedVersionDetails();
    if (outcome.current >= 0) details.setCurrentStreamRevision(String(outcome.current));
    else details.setCurrentNoStream(new GoogleEmpty());
    if (outcome.expected >= 0) details.setExpectedStreamPosition(String(outcome.expected));
    else if (outcome.expected === EXPECTED_NO_STREAM) details.setExpectedNoStream(new GoogleEmpty());
    else if (outcome.expected === EXPECTED_STREAM_EXISTS) details.setExpectedStreamExists(new GoogleEmpty());
    else details.setExpectedAny(new GoogleEmpty());
    const any = new Any();
    any.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
    return response.setError(
      new Status().setCode(Code.FAILED_PRECONDITION).setMessage('WrongExpectedVersion').setDetails(any),
    );
  }

  /** Hard delete, as EventStoreDB's Streams.Tombstone: the expected revision is checked as for an append. */
  private tombstone(
    call: grpc.ServerUnaryCall<TombstoneReq, TombstoneResp>,
    callback: grpc.sendUnaryData<TombstoneResp>,
  ): void {
    this.calls.tombstone++;
    const options = call.request.getOptions();
    if (!options?.getStreamIdentifier()) {
      callback({ code: STATUS_INVALID_ARGUMENT, details: 'TombstoneReq without a stream' });
      return;
    }
    const streamId = streamName(options.getStreamIdentifier());
    if (this.tombstoned.has(streamId)) {
      callback(streamDeletedError(streamId));
      return;
    }
    const current = (this.streams.get(streamId)?.length ?? 0) - 1;
    const expected = options.hasRevision()
      ? Number(options.getRevision())
      : options.hasNoStream()
        ? EXPECTED_NO_STREAM
        : options.hasStreamExists()
          ? EXPECTED_STREAM_EXISTS
          : EXPECTED_ANY;
    const wrong =
      expected === EXPECTED_STREAM_EXISTS
        ? current < 0
        : expected === EXPECTED_NO_STREAM
          ? current >= 0
          : expected >= 0 && expected !== current;
    if (wrong) {
      const metadata = new grpc.Metadata();
      metadata.set('exception', 'wrong-expected-version');
      metadata.set('stream-name', streamId);
      metadata.set('expected-version', String(expected));
      metadata.set('actual-version', String(current));
      callback({ code: grpc.status.FAILED_PRECONDITION, details: 'Wrong expected version.', metadata });
      return;
    }
    const [record] = this.write(
      streamId,
      [
        {
          id: randomUUID(),
          type: '$streamDeleted',
          contentType: 'application/octet-stream',
          data: new Uint8Array(),
          metadata: new Uint8Array(),
        },
      ],
      DELETED_STREAM_REVISION,
    );
    this.tombstoned.add(streamId);
    callback(
      null,
      new TombstoneResp().setPosition(
        new TombstoneResp.Position()
          .setCommitPosition(String(record.position))
          .setPreparePosition(String(record.position)),
      ),
    );
  }

  // ---------------------------------------------------------------------------------------------------- reading

  private read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    if (!options) {
      fail(call, STATUS_INVALID_ARGUMENT, 'ReadReq without options');
      return;
    }
    const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
    const filter = options.hasFilter()
      ? compileFilter(options.getFilter() as ReadReq.Options.FilterOptions)
      : () => true;
    const send = (event: StoredEvent) => call.write(readEventResponse(event, structuredIds));
    if (options.hasSubscription()) {
      const all = options.getAll();
      if (!all) {
        fail(call, grpc.status.UNIMPLEMENTED, 'the stand-in serves subscriptions to $all only');
        return;
      }
      this.calls.subscribeToAll++;
      this.subscribeToAll(call, all, filter, send);
      return;
    }
    this.calls.read++;
    const count = options.hasCount() ? BigInt(options.getCount()) : BigInt(Number.MAX_SAFE_INTEGER);
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const stream = options.getStream();
    const all = options.getAll();
    let events: Iterable<StoredEvent>;
    if (stream) {
      const name = streamName(stream.getStreamIdentifier());
      if (this.tombstoned.has(name)) {
        call.emit('error', streamDeletedError(name));
        return;
      }
      const stored = this.streams.get(name);
      if (!stored) {
        call.write(
          new ReadResp().setStreamNotFound(
            new ReadResp.StreamNotFound().setStreamIdentifier(stream.getStreamIdentifier()),
          ),
        );
        call.end();
        return;
      }
      events = readStreamEvents(stored, stream, backwards);
    } else if (all) {
      const selected = this.readAllEvents(all, backwards);
      if (selected === 'invalid-position') {
        fail(call, STATUS_INVALID_ARGUMENT, 'Trying to read from an invalid position.');
        return;
      }
      events = selected;
    } else {
      fail(call, STATUS_INVALID_ARGUMENT, 'ReadReq reads neither a stream nor $all');
      return;
    }
    let sent = 0n;
    for (const event of events) {
      if (sent >= count) break;
      if (!filter(event)) continue;
      send(event);
      sent++;
    }
    call.end();
  }

  /**
   * The events of $all from where the read starts, lazily: a read asking for a few events (the newest one, a page)
   * costs those few, not a copy of the whole log, as on the server.
   */
  private readAllEvents(
    all: ReadReq.Options.AllOptions,
    backwards: boolean,
  ): Iterable<StoredEvent> | 'invalid-position' {
    const log = this.log;
    let start: number;
    if (all.hasStart()) {
      if (backwards) return [];
      start = 0;
    } else if (all.hasEnd()) {
      if (!backwards) return [];
      start = log.length - 1;
    } else {
      const position = all.getPosition() as ReadReq.Options.Position;
      const commit = BigInt(position.getCommitPosition());
      if (!this.isValidPosition(commit)) return 'invalid-position';
      // forwards from the event at the position, backwards from the one before it
      const first = this.firstIndexFrom(commit);
      start = backwards ? first - 1 : first;
    }
    return backwards
      ? (function* () {
          for (let i = start; i >= 0; i--) yield log[i];
        })()
      : (function* () {
          for (let i = start; i < log.length; i++) yield log[i];
        })();
  }

  /** Index of the first event of the log at or after this position (the log's length if none). */
  private firstIndexFrom(commit: bigint): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.log[middle].position < commit) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private subscribeToAll(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    all: ReadReq.Options.AllOptions,
    filter: Filter,
    send: (event: StoredEvent) => void,
  ): void {
    let after: ((event: StoredEvent) => boolean) | undefined;
    if (all.hasStart()) after = () => true;
    else if (all.hasEnd()) after = () => false;
    else {
      const position = all.getPosition() as ReadReq.Options.Position;
      const commit = BigInt(position.getCommitPosition());
      const prepare = BigInt(position.getPreparePosition());
      if (!this.isValidPosition(commit)) {
        fail(call, STATUS_INVALID_ARGUMENT, 'Trying to read from an invalid position.');
        return;
      }
      // a subscription starts after the position it is given
      after = (event) => comparePositions(event.position, event.position, commit, prepare) > 0;
    }
    call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
    // catch-up and the switch to live happen in one turn of the event loop: nothing is appended in between
    const catchUp = this.log.filter(after);
    for (const event of catchUp) if (filter(event)) send(event);
    const checkpoint = catchUp.at(-1) ?? this.log.at(-1);
    if (checkpoint) {
      call.write(
        new ReadResp().setCheckpoint(
          new ReadResp.Checkpoint()
            .setCommitPosition(String(checkpoint.position))
            .setPreparePosition(String(checkpoint.position)),
        ),
      );
    }
    call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    const listener = (events: StoredEvent[]) => {
      for (const event of events) if (filter(event)) send(event);
    };
    this.liveListeners.add(listener);
    const stop = () => this.liveListeners.delete(listener);
    call.on('cancelled', stop);
    call.on('error', stop);
    call.on('close', stop);
  }

  /**
   * A record starts at this offset, or it is the start or the end of the log. Anything else is refused, as
   * EventStoreDB 22.10+ does: INVALID_ARGUMENT "Trying to read from an invalid position."
   */
  private isValidPosition(commit: bigint): boolean {
    if (commit === 0n || commit === this.nextPosition) return true;
    let low = 0;
    let high = this.log.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const position = this.log[middle].position;
      if (position === commit) return true;
      if (position < commit) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}

function readStreamEvents(
  stored: StoredEvent[],
  options: ReadReq.Options.StreamOptions,
  backwards: boolean,
): StoredEvent[] {
  if (options.hasStart()) return backwards ? [] : [...stored];
  if (options.hasEnd()) return backwards ? [...stored].reverse() : [];
  const revision = Number(options.getRevision());
  return backwards ? stored.slice(0, revision + 1).reverse() : stored.slice(revision);
}

function readEventResponse(event: StoredEvent, structuredIds: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(toUuid(event.id, structuredIds))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(event.streamId, 'utf8')))
    .setStreamRevision(event.revisionText ?? String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', String(event.created));
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(event.position)));
}

function toProposedEvent(message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: parseUuid(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** Compares $all positions as EventStoreDB does: by commit position, then by prepare position. */
function comparePositions(commitA: bigint, prepareA: bigint, commitB: bigint, prepareB: bigint): number {
  if (commitA !== commitB) return commitA < commitB ? -1 : 1;
  if (prepareA !== prepareB) return prepareA < prepareB ? -1 : 1;
  return 0;
}

function compileFilter(options: ReadReq.Options.FilterOptions): Filter {
  const expression = options.getEventType() ?? options.getStreamIdentifier();
  if (!expression) return () => true;
  const field = options.hasEventType() ? (e: StoredEvent) => e.type : (e: StoredEvent) => e.streamId;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (event) => {
    const value = field(event);
    if (prefixes.length > 0 && !prefixes.some((prefix) => value.startsWith(prefix))) return false;
    return regex ? regex.test(value) : true;
  };
}

function streamName(identifier: StreamIdentifier | undefined): string {
  return identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';
}

function parseUuid(uuid: UUID | undefined): string {
  if (!uuid) return '';
  const structured = uuid.getStructured();
  if (!structured) return uuid.getString();
  const hex = (bits: string) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0');
  const all = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-${all.slice(12, 16)}-${all.slice(16, 20)}-${all.slice(20)}`;
}

function toUuid(id: string, structured: boolean): UUID {
  if (!structured) return new UUID().setString(id);
  const hex = id.replaceAll('-', '');
  const bits = (part: string) => BigInt.asIntN(64, BigInt(`0x${part}`)).toString();
  return new UUID().setStructured(
    new UUID.Structured().setMostSignificantBits(bits(hex.slice(0, 16))).setLeastSignificantBits(bits(hex.slice(16))),
  );
}

/** EventStoreDB's answer to any call on a deleted stream (RpcExceptions.StreamDeleted). */
function streamDeletedError(streamId: string): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'stream-deleted');
  metadata.set('stream-name', streamId);
  return { code: grpc.status.FAILED_PRECONDITION, details: `Event stream '${streamId}' is deleted.`, metadata };
}

function fail(call: grpc.ServerWritableStream<ReadReq, ReadResp>, code: grpc.status, details: string): void {
  call.emit('error', { code, details, metadata: new grpc.Metadata() });
}
