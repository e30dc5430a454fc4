/** What other features may use of streams: the rest of the folder is its own business (.dependency-cruiser.cjs). */
export { StreamSummary, streamCatalog } from './stream-catalog.projection';
export { STREAMS, StreamsPage, streamsCountFilter, streamsPageQuery } from './stream-catalog.queries';
