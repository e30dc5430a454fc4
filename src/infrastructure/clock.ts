/** The application's clock; the domain never reads one (docs/DESIGN.md). Tests provide their own. */
export const CLOCK = Symbol('Clock');
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
