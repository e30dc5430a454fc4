import { Inject, Injectable } from '@nestjs/common';
import { Config, CONFIG } from '../config/config';
import { profileDocument } from '../employees';
import { JsonAnswers } from '../http/json-answers';
import { pageWindow } from '../http/paging';
import { EventStore } from '../infrastructure/event-store/event-store.port';
import { Filter, READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { RAW_EVENT_STORE } from '../infrastructure/stores.module';
import { ProjectionsService } from '../projections/projections.service';
import { TimelineQuery } from './timeline.dto';
import { timeline, TIMELINE_COUNTS, TimelineCountDocument, TIMELINE_ENTRIES, TimelineEntryDocument } from './timeline.projection';
import { eventsOfEntries } from './timeline-events';
import { timelineFind } from './timeline-query';
import { timelineItem, TimelinePageView } from './timeline.view';

/** The employee timeline: a page found in its projection with indexed queries only, its events read from the log. */
@Injectable()
export class TimelineService {
  private readonly answers: JsonAnswers;

  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    // As stored, personal data sealed: a summary never reads it (timeline-summaries.ts), so a timeline never opens it.
    @Inject(RAW_EVENT_STORE) private readonly events: EventStore,
    private readonly projections: ProjectionsService,
    @Inject(CONFIG) config: Config,
  ) {
    this.answers = new JsonAnswers(config.keptAnswersBytes);
  }

  /**
   * The page as JSON bytes (timeline.controller.ts sends them as they are), made again
   * only when the employee's timeline has moved on. Entries are only ever added, each
   * with its employee's count document at the entry's position, so that document's
   * position versions every page of the employee; the events they point to never
   * change in the log. Without a count document (no entry yet, or a generation
   * written before counts were kept) the page is made on every read.
   */
  async page(employeeId: string, query: TimelineQuery): Promise<Buffer> {
    const counts = this.projections.collection(timeline.name, TIMELINE_COUNTS);
    const position = await this.reads.positionOf(counts, employeeId);
    const version = position !== null && position > 0n ? `${counts}@${position}` : null;
    const key = JSON.stringify([employeeId, query.order, query.asKnownAt, query.from, query.to, query.type, query.page, query.pageSize]);
    return this.answers.answer(key, version, () => this.made(employeeId, query));
  }

  private async made(employeeId: string, query: TimelineQuery): Promise<TimelinePageView> {
    const collection = this.projections.collection(timeline.name, TIMELINE_ENTRIES);
    const order = query.order ?? 'recorded';
    // In UTC, as the projection stores recordedAt, so that comparing strings compares instants.
    const asKnownAt = query.asKnownAt ? new Date(query.asKnownAt).toISOString() : undefined;
    const { filter, sort } = timelineFind({ employeeId, order, asKnownAt, from: query.from, to: query.to, types: query.type });
    const { page, pageSize, skip, limit } = pageWindow(query);
    const [docs, total] = await Promise.all([
      this.reads.find<TimelineEntryDocument>(collection, { filter, sort, skip, limit }),
      this.total(collection, filter, employeeId),
    ]);
    if (total === 0) await this.mustExist(collection, employeeId);
    const events = await eventsOfEntries(this.events, docs);
    const items = docs.map((doc, i) => timelineItem(doc, events[i]));
    return { employeeId, order, asKnownAt: asKnownAt ?? null, items, page, pageSize, total };
  }

  /**
   * Without filters the total is the employee's count kept by the projection; a
   * filtered query, or a generation without counts (one written before they were
   * kept, still answering while the new one rebuilds), counts its range.
   */
  private async total(collection: string, filter: Filter, employeeId: string): Promise<number> {
    // `{ employeeId }` alone: no asKnownAt, dates or types.
    if (Object.keys(filter).length === 1) {
      const counted = await this.reads.get<TimelineCountDocument>(this.projections.collection(timeline.name, TIMELINE_COUNTS), employeeId);
      if (counted) return counted.entries;
    }
    return this.reads.count(collection, filter);
  }

  /** An empty page is an answer for a known employee (filters, or asKnownAt before the hire); 404 when there is no entry and no profile. */
  private async mustExist(collection: string, employeeId: string): Promise<void> {
    const [any] = await this.reads.find(collection, { filter: { employeeId }, sort: { positionKey: 1 }, limit: 1 });
    if (!any) await profileDocument(this.reads, this.projections, employeeId);
  }
}
