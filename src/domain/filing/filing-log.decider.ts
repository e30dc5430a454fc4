import { Decider } from '../decider';
import { DomainEvent } from '../domain-event';
import { eventSchemas } from '../stored-event';
import { IsoDate } from '../shared/calendar';
import { EmployeeCategory } from '../shared/vocabulary';
import { FilingKind } from './filing-template';

/**
 * The bureau files a region's HR staff exported (`filing-<region>`): who took which
 * cases' personal data out of the service, when, in which file (its SHA-256) and
 * under which template. An event rather than a log line, so that it is in the hash-chained
 * record an auditor verifies and replays, beside the refusals (docs/DESIGN.md, Events).
 * It names cases, never a name or an ID number.
 */
export type FilingExported = DomainEvent<
  'FilingExported',
  {
    kind: FilingKind;
    region: string;
    /** The business date the file was made for (its 减员年月 are predicted for a filing that day). */
    businessDate: IsoDate;
    format: 'xlsx' | 'csv';
    encoding: 'utf8' | 'gb18030' | null;
    /** The policy versions whose template made the file, one per category with cases in it. */
    templates: Array<{ category: EmployeeCategory; policyVersion: number; effectiveFrom: IsoDate }>;
    caseIds: string[];
    fileSha256: string;
  }
>;
export type FilingEvent = FilingExported;

export const filingEvents = eventSchemas<FilingEvent>('filing log', { FilingExported: { current: 1 } });

export type RecordFilingExport = { type: 'RecordFilingExport'; data: FilingExported['data'] };

/** Append-only: every export is its own fact, so the decider needs no history. */
export const filingLog: Decider<RecordFilingExport, null, FilingEvent> = {
  initialState: null,
  decide: (command) => [{ type: 'FilingExported', data: command.data }],
  evolve: (state) => state,
  events: filingEvents,
};
