import { streamCatalog } from '../streams/stream-catalog.projection';
import { Projection } from './projection';

/** Every projection the service runs; the rebuild command finds them here by name. */
export const ALL_PROJECTIONS: Projection[] = [streamCatalog];
