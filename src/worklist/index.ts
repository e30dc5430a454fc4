/** What the composition root uses of the worklist: its read model (.dependency-cruiser.cjs). */
export { worklist } from './worklist.projection';
