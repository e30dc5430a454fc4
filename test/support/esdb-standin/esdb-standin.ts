/**
 * An in-process STAND-IN for EventStoreDB, for tests only; not a product component.
 *
 * It serves, with @grpc/grpc-js and the message classes generated inside
 * @eventstore/db-client, the part of EventStoreDB's gRPC protocol that
 * EsdbEventStore uses through that client:
 * - ServerFeatures.GetSupportedMethods (the client asks on connect, then prefers BatchAppend);
 * - Streams.BatchAppend or Streams.Append (see `appendRpc`);
 * - Streams.Read: stream reads, $all reads, and catch-up subscriptions to $all
 *   (confirmation, stored events, caughtUp, live events), with the event-type and
 *   stream-name filters (regex or prefixes) the client sends.
 * Everything is kept in memory (InMemoryLog). What it does not serve fails with UNIMPLEMENTED.
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as WellKnownEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import {
  AllStreamPosition,
  Empty,
  MaximumAppendSizeExceeded,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import {
  AppendOutcome,
  EXPECTED_ANY,
  EXPECTED_NO_STREAM,
  EXPECTED_STREAM_EXISTS,
  InMemoryLog,
  LogPosition,
  ProposedEvent,
  StoredEvent,
} from './in-memory-log';

export interface EsdbStandInOptions {
  /** Log position of the first event (default 1000). Above 2^53 to test 64-bit positions. */
  firstPosition?: bigint;
  /**
   * The append RPC to serve and advertise. Servers since 21.10 have BatchAppend, which the
   * client then uses; with 'Append' the client falls back to Append, as with older servers.
   */
  appendRpc?: 'BatchAppend' | 'Append';
}

/** EventStoreDB's default MaxAppendSize (1 MiB), measured as its Event.SizeOnDisk. */
const MAX_APPEND_SIZE = 1024 * 1024;
const STREAMS = 'event_store.client.streams.Streams';
const SERVER_FEATURES = 'event_store.client.server_features.ServerFeatures';

export class EsdbStandIn {
  private readonly server = new grpc.Server();
  private readonly log: InMemoryLog;
  private port = 0;

  private constructor(private readonly options: Required<EsdbStandInOptions>) {
    this.log = new InMemoryLog(options.firstPosition);
    const streams: grpc.UntypedServiceImplementation = {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
    };
    if (options.appendRpc === 'BatchAppend')
      streams.batchAppend = (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => this.batchAppend(call);
    else
      streams.append = (call: grpc.ServerReadableStream<AppendReq, AppendResp>, done: grpc.sendUnaryData<AppendResp>) =>
        this.append(call, done);
    this.server.addService(StreamsService, streams);
    this.server.addService(ServerFeaturesService, {
      getSupportedMethods: (_call: grpc.ServerUnaryCall<Empty, SupportedMethods>, done: grpc.sendUnaryData<SupportedMethods>) =>
        done(null, this.supportedMethods()),
    });
  }

  /** Starts a stand-in on 127.0.0.1 with a free port. */
  static async start(options: EsdbStandInOptions = {}): Promise<EsdbStandIn> {
    const standIn = new EsdbStandIn({ firstPosition: options.firstPosition ?? 1000n, appendRpc: options.appendRpc ?? 'BatchAppend' });
    standIn.port = await new Promise<number>((resolve, reject) =>
      standIn.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    return standIn;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Ends every call, live subscriptions included, and frees the port. */
  async stop(): Promise<void> {
    this.server.forceShutdown();
  }

  private supportedMethods(): SupportedMethods {
    // Lower case, as the server lists them (ServerFeatures.cs).
    const methods = [
      [STREAMS, 'read'],
      [STREAMS, this.options.appendRpc.toLowerCase()],
      [SERVER_FEATURES, 'getsupportedmethods'],
    ].map(([service, method]) => new SupportedMethod().setServiceName(service.toLowerCase()).setMethodName(method));
    // The version whose protocol this stand-in follows (caughtUp needs 23.10 or later).
    return new SupportedMethods().setEventStoreServerVersion('24.10.0').setMethodsList(methods);
  }

  private read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    if (options?.getUuidOption()?.getContentCase() !== ReadReq.Options.UUIDOption.ContentCase.STRING) {
      return unimplemented(call, 'reads that ask for structured UUIDs');
    }
    const subscribing = options.getCountOptionCase() === ReadReq.Options.CountOptionCase.SUBSCRIPTION;
    const direction = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS ? 'backwards' : 'forwards';
    const count = BigInt(options.getCount());

    const stream = options.getStream();
    if (stream) {
      if (subscribing) return unimplemented(call, 'subscriptions to a stream');
      const from =
        stream.getRevisionOptionCase() === ReadReq.Options.StreamOptions.RevisionOptionCase.REVISION
          ? BigInt(stream.getRevision())
          : stream.hasEnd()
            ? 'end'
            : 'start';
      const events = this.log.readStream(streamName(stream.getStreamIdentifier()), from, direction, count);
      if (events) events.forEach((e) => call.write(readResp(e, false)));
      else call.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(stream.getStreamIdentifier())));
      return void call.end();
    }

    const all = options.getAll();
    if (!all) return unimplemented(call, 'reads of neither a stream nor $all');
    const position = all.getPosition();
    const from: 'start' | 'end' | LogPosition = position
      ? { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) }
      : all.hasEnd()
        ? 'end'
        : 'start';
    const include = eventFilter(options);
    if (subscribing) return this.subscribeToAll(call, from, include);
    this.log.readAll(from, direction, count, include).forEach((e) => call.write(readResp(e, true)));
    call.end();
  }

  /**
   * Catch-up then live, as Enumerator.AllSubscription: confirmation first, then the stored
   * events strictly after the checkpoint, caughtUp, then live events. Catch-up and the live
   * registration happen in one synchronous step, so no write can fall between them.
   */
  private subscribeToAll(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    from: 'start' | 'end' | LogPosition,
    include: (e: StoredEvent) => boolean,
  ): void {
    const send = (e: StoredEvent) => include(e) && call.write(readResp(e, true));
    call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
    if (from !== 'end') this.log.eventsAfter(from === 'start' ? undefined : from).forEach(send);
    call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    const unsubscribe = this.log.onWrite((written) => written.forEach(send));
    call.on('cancelled', unsubscribe);
  }

  /** The client's default append: a bidirectional stream of writes, told apart by correlation id. */
  private batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const pending = new Map<string, { options: BatchAppendReq.Options; events: ProposedEvent[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = correlationId?.getString() ?? '';
      const options = request.getOptions();
      if (options) pending.set(key, { options, events: [] });
      const write = pending.get(key);
      if (!correlationId || !write) return;
      const reply = new BatchAppendResp().setCorrelationId(correlationId).setStreamIdentifier(write.options.getStreamIdentifier());
      try {
        write.events.push(...request.getProposedMessagesList().map(proposedEvent));
      } catch (error) {
        pending.delete(key);
        return void call.write(reply.setError(status(Code.INVALID_ARGUMENT, (error as Error).message)));
      }
      if (sizeOnDisk(write.events) > MAX_APPEND_SIZE) {
        pending.delete(key);
        const details = new MaximumAppendSizeExceeded().setMaxappendsize(MAX_APPEND_SIZE);
        return void call.write(
          reply.setError(status(Code.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', details, 'MaximumAppendSizeExceeded')),
        );
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      const expected = batchExpected(write.options);
      const outcome = this.log.append(streamName(write.options.getStreamIdentifier()), expected, write.events);
      if (outcome.result === 'wrong_expected_version') {
        const details = new WrongExpectedVersion();
        if (outcome.current < 0n) details.setCurrentNoStream(new WellKnownEmpty());
        else details.setCurrentStreamRevision(outcome.current.toString());
        if (expected === EXPECTED_ANY) details.setExpectedAny(new WellKnownEmpty());
        else if (expected === EXPECTED_NO_STREAM) details.setExpectedNoStream(new WellKnownEmpty());
        else if (expected === EXPECTED_STREAM_EXISTS) details.setExpectedStreamExists(new WellKnownEmpty());
        else details.setExpectedStreamPosition(expected.toString());
        return void call.write(reply.setError(status(Code.ALREADY_EXISTS, 'WrongExpectedVersion', details, 'WrongExpectedVersion')));
      }
      const success = new BatchAppendResp.Success();
      setRevision(
        outcome,
        (r) => success.setCurrentRevision(r),
        () => success.setNoStream(new WellKnownEmpty()),
      );
      if (outcome.position < 0n) success.setNoPosition(new WellKnownEmpty());
      else
        success.setPosition(
          new AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()),
        );
      call.write(reply.setSuccess(success));
    });
    call.on('end', () => call.end());
  }

  /** The older append: one client-streaming call per write, options first. */
  private append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, done: grpc.sendUnaryData<AppendResp>): void {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let failure: Partial<grpc.StatusObject> | undefined;
    call.on('data', (request: AppendReq) => {
      if (failure) return;
      try {
        if (!options) {
          options = request.getOptions();
          if (!options) throw new Error('the first message of an append must carry its options');
          return;
        }
        const message = request.getProposedMessage();
        if (!message) throw new Error('an append message after the options must carry an event');
        events.push(proposedEvent(message));
      } catch (error) {
        failure = { code: grpc.status.INVALID_ARGUMENT, details: (error as Error).message };
      }
      if (!failure && sizeOnDisk(events) > MAX_APPEND_SIZE) {
        // RpcExceptions.MaxAppendSizeExceeded: the client reads the exception kind from the trailers.
        const metadata = new grpc.Metadata();
        metadata.set('exception', 'maximum-append-size-exceeded');
        metadata.set('maximum-append-size', String(MAX_APPEND_SIZE));
        failure = { code: grpc.status.INVALID_ARGUMENT, details: `Maximum Append Size of ${MAX_APPEND_SIZE} Exceeded.`, metadata };
      }
    });
    call.on('end', () => {
      if (failure || !options) return done(failure ?? { code: grpc.status.INVALID_ARGUMENT, details: 'an append needs its options' });
      const expected = appendExpected(options);
      const outcome = this.log.append(streamName(options.getStreamIdentifier()), expected, events);
      const response = new AppendResp();
      if (outcome.result === 'wrong_expected_version') {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (outcome.current < 0n) wrong.setCurrentNoStream(new Empty());
        else wrong.setCurrentRevision(outcome.current.toString());
        if (expected === EXPECTED_ANY) wrong.setExpectedAny(new Empty());
        else if (expected === EXPECTED_NO_STREAM) wrong.setExpectedNoStream(new Empty());
        else if (expected === EXPECTED_STREAM_EXISTS) wrong.setExpectedStreamExists(new Empty());
        else wrong.setExpectedRevision(expected.toString());
        return done(null, response.setWrongExpectedVersion(wrong));
      }
      const success = new AppendResp.Success();
      setRevision(
        outcome,
        (r) => success.setCurrentRevision(r),
        () => success.setNoStream(new Empty()),
      );
      if (outcome.position < 0n) success.setNoPosition(new Empty());
      else
        success.setPosition(
          new AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()),
        );
      done(null, response.setSuccess(success));
    });
  }
}

function unimplemented(call: grpc.ServerWritableStream<ReadReq, ReadResp>, what: string): void {
  call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: `The EventStoreDB stand-in does not serve ${what}` });
}

function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? []).toString('utf8');
}

function proposedEvent(message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent {
  const id = message.getId();
  const type = message.getMetadataMap().get('type');
  const contentType = message.getMetadataMap().get('content-type');
  if (!id?.hasString()) throw new Error('the stand-in takes event ids as strings, as the Node client sends them');
  if (type === undefined || contentType === undefined) throw new Error('an event needs the type and content-type metadata');
  return { id: id.getString(), type, contentType, data: message.getData_asU8(), metadata: message.getCustomMetadata_asU8() };
}

/** Event.SizeOnDisk: data + metadata + event type in UTF-16. */
function sizeOnDisk(events: ProposedEvent[]): number {
  return events.reduce((size, e) => size + e.data.length + e.metadata.length + e.type.length * 2, 0);
}

function appendExpected(options: AppendReq.Options): bigint {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return BigInt(options.getRevision());
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return EXPECTED_NO_STREAM;
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return EXPECTED_STREAM_EXISTS;
    default:
      return EXPECTED_ANY;
  }
}

function batchExpected(options: BatchAppendReq.Options): bigint {
  switch (options.getExpectedStreamPositionCase()) {
    case BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_POSITION:
      return BigInt(options.getStreamPosition());
    case BatchAppendReq.Options.ExpectedStreamPositionCase.NO_STREAM:
      return EXPECTED_NO_STREAM;
    case BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_EXISTS:
      return EXPECTED_STREAM_EXISTS;
    default:
      return EXPECTED_ANY;
  }
}

function setRevision(
  outcome: Exclude<AppendOutcome, { result: 'wrong_expected_version' }>,
  revision: (r: string) => void,
  noStream: () => void,
): void {
  if (outcome.lastRevision < 0n) noStream();
  else revision(outcome.lastRevision.toString());
}

/** A google.rpc.Status, as BatchAppend reports failures (Status.cs). */
function status(code: Code, message: string, details?: { serializeBinary(): Uint8Array }, detailsType?: string): Status {
  const result = new Status().setCode(code).setMessage(message);
  if (details && detailsType) {
    const any = new Any();
    any.pack(details.serializeBinary(), `event_store.client.${detailsType}`);
    result.setDetails(any);
  }
  return result;
}

/**
 * As Streams.Read's ConvertToReadEvent: the recorded event's commit position is its own,
 * its prepare position that of its write's first record; stream reads carry no position.
 */
function readResp(e: StoredEvent, fromAll: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(e.id))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(e.stream, 'utf8')))
    .setStreamRevision(e.revision.toString())
    .setCommitPosition(e.position.toString())
    .setPreparePosition(e.transactionPosition.toString())
    .setData(e.data)
    .setCustomMetadata(e.metadata);
  recorded.getMetadataMap().set('type', e.type).set('content-type', e.contentType).set('created', e.created.toString());
  const event = new ReadResp.ReadEvent().setEvent(recorded);
  if (fromAll) event.setCommitPosition(e.position.toString());
  else event.setNoPosition(new Empty());
  return new ReadResp().setEvent(event);
}

/** EventFilter.EventType / StreamName: a regex when one is given, otherwise prefixes. */
function eventFilter(options: ReadReq.Options): (e: StoredEvent) => boolean {
  const filter = options.getFilter();
  if (!filter) return () => true;
  const onStream = filter.getFilterCase() === ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER;
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const subject = (e: StoredEvent) => (onStream ? e.stream : e.type);
  const regex = expression?.getRegex();
  if (regex) {
    const pattern = new RegExp(regex);
    return (e) => pattern.test(subject(e));
  }
  const prefixes = expression?.getPrefixList() ?? [];
  return (e) => prefixes.some((prefix) => subject(e).startsWith(prefix));
}
