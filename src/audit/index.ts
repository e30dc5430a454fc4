/** What other features may use of audit: the rest of the folder is its own business (.dependency-cruiser.cjs). */
export { REFUSALS, RefusalDocument, refusals } from './refusals.projection';
export { envelopeDataFor } from './personal-data-masking';
export { CHECKPOINT_EVENT } from './chain-heads-checkpoint';
