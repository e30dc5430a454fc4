import { Logger } from '@nestjs/common';
import { forwardNestLogs, WorkerLogLine } from '../../src/projections/worker-nest-logs';

describe('Nest logs of the projection worker', () => {
  afterEach(() => Logger.overrideLogger(true));

  it('go to the request thread with their level, message, fields and context', () => {
    const lines: WorkerLogLine[] = [];
    forwardNestLogs((line) => lines.push(line));
    new Logger('WorkingDays').warn('No published holidays for 2027');
    new Logger('ReadStore').log('switched to incremental vacuum');
    new Logger('Projections').error({ msg: 'batch failed', projection: 'timeline' });
    new Logger('Projections').error('worker crashed', 'Error: boom\n    at x');
    expect(lines).toEqual([
      { type: 'log', level: 'warn', message: 'No published holidays for 2027', fields: { context: 'WorkingDays' } },
      { type: 'log', level: 'info', message: 'switched to incremental vacuum', fields: { context: 'ReadStore' } },
      { type: 'log', level: 'error', message: 'batch failed', fields: { projection: 'timeline', context: 'Projections' } },
      { type: 'log', level: 'error', message: 'worker crashed', fields: { stack: 'Error: boom\n    at x', context: 'Projections' } },
    ]);
  });
});
