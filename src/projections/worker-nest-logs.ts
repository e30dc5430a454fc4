import { Logger } from '@nestjs/common';

/** A log line of the worker thread, written by the request thread's logger (the service's format and destination). */
export interface WorkerLogLine {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/**
 * Sends what Nest's Logger is told in the worker thread (the read store's vacuum
 * switch, the working-day calendar's unpublished years under the reminders) to the
 * request thread, whose logger writes it: Nest's own console logger in the worker
 * wrote coloured text beside the service's JSON lines.
 */
export function forwardNestLogs(send: (line: WorkerLogLine) => void): void {
  const forward =
    (level: WorkerLogLine['level']) =>
    (message: unknown, ...rest: unknown[]): void => {
      // A Logger made with a context passes it last; an error's stack comes before it.
      const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
      const stack = level === 'error' && rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
      // The service logs objects with `msg` (pino's shape) as well as plain strings.
      const { msg, ...fields } = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : { msg: message };
      if (stack !== undefined) fields.stack = stack;
      if (context !== undefined) fields.context = context;
      send({ type: 'log', level, message: String(msg ?? ''), fields });
    };
  Logger.overrideLogger({ log: forward('info'), warn: forward('warn'), error: forward('error') });
}
