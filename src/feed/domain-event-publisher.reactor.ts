import { eventSubscriptionEvents } from '../domain/notifications/event-subscription.decider';
import { parseStream } from '../domain/shared/streams';
import { Clock } from '../infrastructure/clock';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { OutboundMessage, Outbox } from '../notifications';
import { Projection, ProjectionView } from '../projections/projection';
import { categoryOf, PUBLISHABLE_EVENT_TYPES } from './event-catalogue';
import { feedEnvelope, WEBHOOK_RECEIVER } from './feed-envelope';

/** The reactor's own copy of the active subscriptions: one small document, written with its checkpoint. */
const ROUTES = 'domain_event_publisher_routes';
const ACTIVE = 'active';

interface Route {
  subscriptionId: string;
  channelId: string;
  eventTypes: string[];
}

interface RoutesDocument {
  [key: string]: unknown;
  id: string;
  routes: Route[];
}

const PUBLISHABLE: ReadonlySet<string> = new Set(PUBLISHABLE_EVENT_TYPES);

/** The idempotency key of one event sent through one subscription: the same on every replay. */
export const domainEventMessageId = (subscriptionId: string, position: bigint) => `domain_event:${subscriptionId}:${position}`;

/**
 * Publishes domain events to the channels subscribed to them (webhook
 * subscriptions, POST /api/admin/event-subscriptions): a reactor on the global log
 * with its own checkpoint, like the offboarding process manager.
 *
 * It learns the subscriptions from the log itself (their created and deleted
 * events), keeping them in its own collection committed with its checkpoint, so a
 * subscription applies from its own position on and a replay (after a crash, or a
 * rebuild from position 0) enqueues exactly the messages it enqueued the first
 * time, with the same ids (`domain_event:<subscription>:<position>`); the outbox
 * keeps the first of each id, so nothing is sent twice. The payload is the feed's
 * envelope masked as for a role that may not see personal data.
 */
export function domainEventPublisher(outbox: Outbox, clock: Clock): Projection {
  async function routes(view: ProjectionView): Promise<Route[]> {
    return (await view.get<RoutesDocument>(ROUTES, ACTIVE))?.routes ?? [];
  }

  async function follow(stored: RecordedEvent, view: ProjectionView): Promise<void> {
    const event = eventSubscriptionEvents.read(stored);
    const current = await routes(view);
    const others = current.filter((r) => r.subscriptionId !== event.data.subscriptionId);
    const next =
      event.type === 'EventSubscriptionCreated'
        ? [...others, { subscriptionId: event.data.subscriptionId, channelId: event.data.channelId, eventTypes: event.data.eventTypes }]
        : others;
    view.upsert(ROUTES, { id: ACTIVE, routes: next } satisfies RoutesDocument);
  }

  return {
    name: 'domain_event_publisher',
    version: 1,
    collections: { [ROUTES]: [] },
    idempotent: true,
    // What it acts on: the subscriptions' own events and the publishable types; the runner hands it nothing else.
    eventTypes: [...eventSubscriptionEvents.types, ...PUBLISHABLE_EVENT_TYPES],
    async handle(stored: RecordedEvent, view: ProjectionView): Promise<void> {
      if (categoryOf(stored.stream) === 'eventsubscription') return follow(stored, view);
      if (!PUBLISHABLE.has(stored.type)) return;
      const matching = (await routes(view)).filter((r) => r.eventTypes.includes(stored.type));
      if (matching.length === 0) return;
      const envelope = feedEnvelope(stored, WEBHOOK_RECEIVER);
      outbox.inBatch(view).enqueue(matching.map((route) => messageFor(route, stored, envelope, clock)));
    },
  };
}

function messageFor(route: Route, stored: RecordedEvent, envelope: ReturnType<typeof feedEnvelope>, clock: Clock): OutboundMessage {
  const stream = parseStream(stored.stream);
  const data = (envelope.data ?? {}) as { employeeId?: unknown; step?: unknown; subjects?: { caseId?: unknown; employeeId?: unknown } };
  const caseId = stream?.kind === 'offboarding' ? stream.caseId : str(data.subjects?.caseId);
  const employeeId =
    stream?.kind === 'employee' || stream?.kind === 'insurance'
      ? stream.employeeId
      : (str(data.employeeId) ?? str(data.subjects?.employeeId));
  const step = str(data.step);
  const about = caseId ? `case ${caseId}` : stored.stream;
  return {
    id: domainEventMessageId(route.subscriptionId, stored.position),
    kind: 'domain_event',
    audience: [{ kind: 'channel', channelId: route.channelId }],
    title: { zh: `领域事件：${stored.type}`, en: `Domain event: ${stored.type}` },
    text: {
      zh: `${caseId ? `离职案件 ${caseId}` : stored.stream}：${stored.type}${step ? `（${step}）` : ''}，日志位置 ${stored.position}`,
      en: `${about}: ${stored.type}${step ? ` (${step})` : ''} at log position ${stored.position}`,
    },
    // When the event was recorded, so that a replay builds the same message; the clock only for an event without it.
    notBefore: envelope.recordedAt ?? clock().toISOString(),
    ...(caseId ? { caseId } : {}),
    ...(employeeId ? { employeeId } : {}),
    ...(step ? { step } : {}),
    payload: { subscriptionId: route.subscriptionId, event: envelope },
  };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
