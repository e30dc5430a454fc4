import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Principal, Roles } from '../auth/principal';
import { ROLES } from '../domain/shared/vocabulary';
import { EventStreams, HEARTBEAT_MS } from './event-streams';
import { FeedEnvelopeView } from './feed-envelope.view';
import { feedQueryOf } from './feed-query';

/**
 * GET /api/events/stream: the domain events as they are recorded, as server-sent
 * events, for front-ends and integrations (docs/API.md, "Event feed").
 *
 * The token comes as a bearer header only, like every route: not as an
 * `access_token` query parameter for EventSource's sake, because a URL is written
 * to the request log, to proxies' logs and to the browser's history, and a token
 * there outlives the stream. A browser reads the stream with fetch() and a
 * ReadableStream, which sends headers.
 */
@ApiTags('events')
@ApiBearerAuth()
@ApiExtraModels(FeedEnvelopeView)
@Controller('api/events')
export class EventStreamController {
  constructor(private readonly streams: EventStreams) {}

  @Get('stream')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Domain events as server-sent events (text/event-stream), filtered and masked for the caller’s roles; resumable',
    description:
      'Each event: `id:` its global log position, `event:` its type, `data:` a FeedEnvelope (JSON, one line). ' +
      'Resume with `Last-Event-ID` (what EventSource sends on reconnect) or `?after=`: the stream replays every event after that position, then follows live, ' +
      'with no gap and no duplicate. ' +
      `A comment line (\`: heartbeat\`) every ${HEARTBEAT_MS / 1000} s keeps proxies from closing an idle stream. ` +
      'Roles see stream categories as docs/API.md lists (investigators: employee, insurance, offboarding, audit; HR roles also policy; auditors and admins all); ' +
      'names and ID numbers are masked for auditors and investigators. At most EVENT_STREAMS_PER_CALLER streams per token subject (429 TOO_MANY_STREAMS). ' +
      'A client that does not read is not sent more: the stream pauses reading the log until its buffer drains. ' +
      'The token is a bearer header only (no access_token query parameter: URLs are logged); browsers use fetch() streaming. ' +
      'The data of each published type is documented under components.schemas (EventData…).',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The last event id received: the stream resumes after it (wins over `after`)',
  })
  @ApiQuery({ name: 'after', required: false, description: 'A log position: only events after it', example: '1042' })
  @ApiQuery({
    name: 'types',
    required: false,
    description: 'Comma-separated event types (FeedEnvelope.type); others are left out',
    example: 'OffboardingCaseOpened,StepCompleted',
  })
  @ApiQuery({
    name: 'stream',
    required: false,
    description: 'Comma-separated stream-name prefixes, e.g. `offboarding-` or `employee-E1001`',
    example: 'offboarding-',
  })
  @ApiOkResponse({
    description: 'The event stream; each `data:` line is a FeedEnvelope',
    // One schema per event, as readers of a text/event-stream (schemathesis among them) take it: the SSE fields, with
    // `data` the JSON text of a FeedEnvelope (FeedEnvelopeView in the components).
    content: {
      'text/event-stream': {
        schema: {
          type: 'object',
          required: ['data'],
          properties: {
            id: { type: 'string', description: 'The event’s global log position (send it back as Last-Event-ID)', example: '1042' },
            event: { type: 'string', description: 'The event type', example: 'StepCompleted' },
            data: { type: 'string', description: `A FeedEnvelope as JSON: ${getSchemaPath(FeedEnvelopeView)}` },
          },
        },
      },
    },
  })
  open(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): void {
    // Checked before anything is sent: a bad value is a 400, a caller over the bound a 429, both as JSON problems.
    const feed = feedQueryOf(query ?? {}, request.headers['last-event-id']);
    const release = this.streams.reserve(principal);
    // Headers set so far through Fastify (rate limits) go out with the stream; the request hooks set theirs on the raw answer.
    const headers = reply.getHeaders();
    reply.hijack();
    void this.streams.serve(reply.raw, headers, principal, feed, release);
  }
}
