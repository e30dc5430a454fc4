import { NotFoundException } from '@nestjs/common';
import { employeeDecider, EmployeeState } from '../../domain/employee/employee.decider';
import { loadState } from '../../event-sourcing/command-handler';
import { EventStore } from '../../infrastructure/event-store/event-store.port';
import { employeeStream } from '../../domain/shared/streams';

/** The employee an account belongs to, from the archive's own stream (never a read model); 404 for someone never hired. */
export async function hiredEmployee(events: EventStore, employeeId: string): Promise<Exclude<EmployeeState, { status: 'none' }>> {
  const state = await loadState(events, employeeStream(employeeId), employeeDecider);
  if (state.status === 'none') throw new NotFoundException({ code: 'NOT_FOUND', message: `No employee ${employeeId}` });
  return state;
}
