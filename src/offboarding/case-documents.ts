import { FindOptions, ReadDocument, ReadStore } from '../infrastructure/read-store/read-store.port';
import { FoldedCaseDocument, FoldedCaseReads } from '../projections/folded-cases';
import { ProjectionsService } from '../projections/projections.service';
import { CaseDocument, CaseFields } from './case.document';
import { caseViews, foldedCases, OFFBOARDING_CASES } from './case-view.projection';

/** A case as the projection keeps it: its policy apart (version 6 on), or inside its state (a generation written before). */
type StoredCase = FoldedCaseDocument<CaseFields> | CaseDocument;

const keepsPolicyApart = (doc: StoredCase): doc is FoldedCaseDocument<CaseFields> => typeof doc.policyId === 'string';

/**
 * The cases the case projection keeps, read back whole, each with its pinned policy.
 * The projection keeps the policy once per policy (FoldedCases); a generation written
 * before version 6 keeps it in every case, and answers queries while the new one rebuilds.
 */
export class CaseDocuments {
  private readonly view: FoldedCaseReads;

  constructor(
    private readonly reads: ReadStore,
    private readonly projections: ProjectionsService,
  ) {
    this.view = { get: <T extends ReadDocument>(collection: string, id: string) => this.reads.get<T>(this.physical(collection), id) };
  }

  async get(caseId: string): Promise<CaseDocument | null> {
    const doc = await this.reads.get<StoredCase>(this.physical(OFFBOARDING_CASES), caseId);
    return doc && this.whole(doc);
  }

  /** Filters and sorts go to the fields beside the case (CaseFields), which both shapes keep. */
  async find(options: FindOptions): Promise<CaseDocument[]> {
    const docs = await this.reads.find<StoredCase>(this.physical(OFFBOARDING_CASES), options);
    return Promise.all(docs.map((doc) => this.whole(doc)));
  }

  private async whole(doc: StoredCase): Promise<CaseDocument> {
    if (!keepsPolicyApart(doc)) return doc;
    const { policyId: _, state: __, ...fields } = doc;
    return { ...fields, state: await foldedCases.whole(this.view, doc) };
  }

  private physical(collection: string): string {
    return this.projections.collection(caseViews.name, collection);
  }
}
