import { Inject, NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Config, CONFIG } from '../../config/config';
import { businessDate } from '../../infrastructure/business-day';
import { Clock, CLOCK } from '../../infrastructure/clock';
import { READ_STORE, ReadStore } from '../../infrastructure/read-store/read-store.port';
import { JsonAnswers } from '../../http/json-answers';
import { ProjectionsService } from '../../projections/projections.service';
import { CaseDocuments } from '../case-documents';
import { caseViews, CaseViewDocument, OFFBOARDING_CASE_VIEWS } from '../case-view.projection';
import { caseView, hasStepDetails, StoredCaseView, storedCaseView } from '../case.view';

/** The case: each step's status, prerequisites and due date (days left as of today), and warnings. */
export class GetOffboardingCase {
  constructor(readonly caseId: string) {}
}

export type CaseAnswer = ReturnType<typeof caseView>;

/** The answer as JSON bytes (offboarding.controller.ts sends them as they are): see `execute`. */
@QueryHandler(GetOffboardingCase)
export class GetOffboardingCaseHandler implements IQueryHandler<GetOffboardingCase, Buffer> {
  private readonly answers: JsonAnswers;
  private readonly cases: CaseDocuments;

  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionsService,
    @Inject(CONFIG) config: Pick<Config, 'keptAnswersBytes'>,
  ) {
    this.answers = new JsonAnswers(config.keptAnswersBytes);
    this.cases = new CaseDocuments(reads, projections);
  }

  /**
   * Made again only when the kept view has moved on (its position) or the day has
   * (days left and overdue count from today); otherwise the bytes made before. A case
   * without a kept view (the fallback below) is made on every read.
   */
  async execute({ caseId }: GetOffboardingCase): Promise<Buffer> {
    const views = this.projections.collection(caseViews.name, OFFBOARDING_CASE_VIEWS);
    const today = businessDate(this.clock());
    const position = await this.reads.positionOf(views, caseId);
    const version = position !== null && position > 0n ? `${views}@${position}@${today}` : null;
    return this.answers.answer(caseId, version, async () => caseView(await this.stored(caseId), today));
  }

  /**
   * The view the projection keeps; computed from the case document when there is
   * none, as in a generation written before views were kept while the new one rebuilds,
   * or when the kept one predates the step details (projection version 5).
   */
  async stored(caseId: string): Promise<StoredCaseView> {
    const kept = await this.reads.get<CaseViewDocument>(this.projections.collection(caseViews.name, OFFBOARDING_CASE_VIEWS), caseId);
    if (kept && hasStepDetails(kept)) return kept;
    const doc = await this.cases.get(caseId);
    if (!doc || doc.state.status === 'none') throw new NotFoundException({ code: 'NOT_FOUND', message: `No offboarding case ${caseId}` });
    return storedCaseView(doc.state);
  }
}
