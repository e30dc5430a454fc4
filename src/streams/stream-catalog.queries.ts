import { Filter, FindOptions } from '../infrastructure/read-store/read-store.port';

/** The catalog's collection, as the projection names it. */
export const STREAMS = 'streams';

export interface StreamsPage {
  category?: string;
  /** Only names that sort after this one (keyset paging). */
  after?: string;
  pageSize: number;
}

/**
 * One page of the catalog by name, with one row more than the page to tell whether another
 * follows; by the primary key, or the category's index for one category.
 */
export const streamsPageQuery = ({ category, after, pageSize }: StreamsPage): FindOptions => ({
  filter: { ...(category !== undefined ? { category } : {}), ...(after !== undefined ? { id: { $gt: after } } : {}) },
  sort: { id: 1 },
  limit: pageSize + 1,
});

/** The streams of the category, or every stream: the page's total. */
export const streamsCountFilter = ({ category }: StreamsPage): Filter => (category !== undefined ? { category } : {});
