import { join } from 'node:path';
import { refusals } from './audit/refusals.projection';
import { continuityIndex } from './continuity/continuity-index.projection';
import { offboardingFacts } from './dashboard/offboarding-facts.projection';
import { domainEventPublisher, eventSubscriptions } from './feed';
import { employeeProfiles } from './employees/employee-profile.projection';
import { caseViews } from './offboarding/case-view.projection';
import { offboardingProcessManager } from './offboarding/offboarding.process-manager';
import { incompleteRecords } from './reports/incomplete-records.projection';
import { streamCatalog } from './streams/stream-catalog.projection';
import { timeline } from './timeline/timeline.projection';
import { worklist } from './worklist';
import { Projection, PushReactorDependencies, ReactorDependencies } from './projections/projection';
import { businessTimeZone } from './infrastructure/business-day';
import { chineseDaysCalendar } from './infrastructure/working-days/chinese-days-calendar';
import { Config } from './config/config';
import type { Outbox } from './notifications';
// The projection itself, not the feature's barrel: the worker thread loads this list and needs none of the delivery machinery.
import { notificationChannels } from './notifications/channels/channels.projection';
import { reminderReactor, warningReactor } from './reminders';

/**
 * Every read model the service runs (in the worker thread when it may); the
 * rebuild command finds them here by name. Listed at the composition root: each
 * feature imports the projection machinery, so the machinery cannot import the
 * features back.
 */
export function allProjections(): Projection[] {
  return [
    streamCatalog,
    employeeProfiles,
    caseViews,
    continuityIndex,
    refusals,
    offboardingFacts,
    incompleteRecords,
    timeline,
    eventSubscriptions,
    worklist,
    notificationChannels,
  ];
}

/**
 * What reactors get besides the store, the clock and the bus, by the name allReactors receives it under
 * (app.module.ts gives the tokens): the outbox when one is bound, and the configuration (REMINDER_HOUR).
 */
export interface ReactorPorts {
  outbox: Outbox;
  config: Pick<Config, 'reminderHour'>;
}

/** Reminders go out from 09:00 on a working day, in the business time zone, unless REMINDER_HOUR says otherwise. */
const DEFAULT_REMINDER_HOUR = 9;

/**
 * The reactors that dispatch commands on the bus: run like projections (own
 * checkpoint, resume after restart, lag in /health) but acting instead of writing
 * read models, so they run in the service's main thread and are never rebuilt.
 */
export function allReactors({ events, commands, clock }: ReactorDependencies<ReactorPorts>): Projection[] {
  return [offboardingProcessManager(events, commands, clock)];
}

/**
 * The reactors that only push through the outbox: reminders, warnings and the
 * domain-event publisher. They run with the projections (in the worker thread when
 * there is one, over an outbox on the worker's read store: app.projection-worker.ts),
 * and only when an outbox is bound.
 */
export function pushReactors({ events, clock, outbox, config }: PushReactorDependencies<ReactorPorts>): Projection[] {
  if (!outbox) return [];
  const officeHours = { timeZone: businessTimeZone(), hour: config?.reminderHour ?? DEFAULT_REMINDER_HOUR };
  return [
    reminderReactor(events, outbox, { calendar: chineseDaysCalendar(), officeHours }, clock),
    warningReactor(events, outbox, clock),
    domainEventPublisher(outbox, clock),
  ];
}

/** The compiled script that runs this list in a worker thread (app.projection-worker.ts); absent when running from TypeScript sources (tests). */
export const PROJECTION_WORKER_SCRIPT = join(__dirname, 'app.projection-worker.js');
