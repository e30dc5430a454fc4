/**
 * How often a command sent by a reactor (the offboarding process manager) is
 * decided again when its stream changed under it. More than a request's: nobody
 * is waiting on it, and an archive busy with HR's own writes must not stall the
 * reactor's checkpoint on a conflict.
 */
export const REACTOR_ATTEMPTS = 20;
