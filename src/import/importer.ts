import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { CommandsModule } from '../app.commands.module';
import { parseStream } from '../domain/shared/streams';
import { Actor } from '../domain/shared/vocabulary';
import { EventStore } from '../infrastructure/event-store/event-store.port';
import { inStore } from '../infrastructure/event-store/scoped-event-store';
import { columnHeader, MappingOverrides, Table, tableOf } from './columns';
import { FileRejectedError } from './file-rejected';
import { cases } from './kinds/cases';
import { contracts } from './kinds/contracts';
import { contributions } from './kinds/contributions';
import { employees } from './kinds/employees';
import { ImportKindDefinition } from './kinds/import-kind';
import { wages } from './kinds/wages';
import { OverlayEventStore } from './overlay-event-store';
import { Problem, RowRejected } from './problems';
import { ImportKind, ImportSession, RowRun } from './row-run';
import { RowReader } from './row-reader';
import { readSheet } from './read-sheet';
import { Sheet, SheetRow } from './sheet';

const KINDS: Record<ImportKind, ImportKindDefinition<unknown>> = { employees, contracts, contributions, cases, wages };

export interface ImportOptions {
  file: string;
  kind: ImportKind;
  /** Every rule is applied and every row reported, and nothing is written. */
  dryRun?: boolean;
  mapping?: MappingOverrides;
  /** The CSV's text encoding, instead of detecting it. */
  encoding?: string;
  actor: Actor;
  clock?: () => Date;
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** Stops after the row in progress (Ctrl-C); what is done stays done, and a second run resumes. */
  signal?: AbortSignal;
}

/** A line of the report: a problem of a row, its field shown by the file's header. */
export interface ReportedProblem extends Problem {
  row: number;
  column: string;
}

export interface ImportResult {
  kind: ImportKind;
  fileName: string;
  fileSha256: string;
  format: Sheet['format'];
  encoding?: string;
  dryRun: boolean;
  rowsRead: number;
  rowsProcessed: number;
  imported: number;
  alreadyPresent: number;
  rejected: number;
  problems: ReportedProblem[];
  ignoredColumns: string[];
  durationMs: number;
}

/**
 * Imports one file of one kind, row by row, through the service's command
 * handlers (CommandsModule, in an application context of this run). A rejected
 * row is reported and the import goes on; a file that cannot be read at all
 * throws FileRejectedError before anything is written.
 */
export async function importFile(store: EventStore, options: ImportOptions): Promise<ImportResult> {
  const clock = options.clock ?? (() => new Date());
  const started = Date.now();
  const bytes = await readFile(options.file).catch((error: NodeJS.ErrnoException) => {
    throw new FileRejectedError(`无法读取文件（${error.code ?? error.message}）`, `cannot read the file (${error.code ?? error.message})`);
  });
  const fileName = basename(options.file);
  const sheet = await readSheet(bytes, fileName, options.encoding);
  const definition = KINDS[options.kind];
  const table = tableOf(sheet, definition.fields, options.mapping ?? {}, options.kind);

  const target = options.dryRun ? new OverlayEventStore(store) : store;
  // Started within the target, so that its PoliciesService publishes the shipped policies there (into a dry run's layer, which vanishes).
  const app = await inStore(target, () =>
    NestFactory.createApplicationContext(CommandsModule.over(store, clock), { logger: ['error', 'warn'] }),
  );
  try {
    return await importRows(app, target, options, { bytes, fileName, sheet, definition, table, clock, started });
  } finally {
    await app.close();
  }
}

interface ReadFile {
  bytes: Buffer;
  fileName: string;
  sheet: Sheet;
  definition: ImportKindDefinition<unknown>;
  table: Table;
  clock: () => Date;
  started: number;
}

async function importRows(
  app: INestApplicationContext,
  target: EventStore,
  options: ImportOptions,
  { bytes, fileName, sheet, definition, table, clock, started }: ReadFile,
): Promise<ImportResult> {
  const fieldKeys = new Set(definition.fields.map((f) => f.key));
  const session: ImportSession = {
    kind: options.kind,
    store: target,
    commands: app.get(CommandBus),
    actor: options.actor,
    fileSha256: createHash('sha256').update(bytes).digest('hex'),
    fileName,
    runId: `import-${uuidv7()}`,
    clock,
    headAtStart: await target.headPosition(),
    employees: new Map(),
    fieldOf: (domainField) => definition.domainFields?.[domainField] ?? (fieldKeys.has(domainField) ? domainField : undefined),
  };

  const result: ImportResult = {
    kind: options.kind,
    fileName,
    fileSha256: session.fileSha256,
    format: sheet.format,
    encoding: sheet.encoding,
    dryRun: Boolean(options.dryRun),
    rowsRead: table.rows.length,
    rowsProcessed: 0,
    imported: 0,
    alreadyPresent: 0,
    rejected: 0,
    problems: [],
    ignoredColumns: table.ignored,
    durationMs: 0,
  };
  for (const row of table.rows) {
    // The embedded store answers synchronously: without a turn of the event loop, the progress timer and Ctrl-C would wait for the end of the file.
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) break;
    const outcome = await importRow(definition, session, table, sheet, row);
    if (outcome === 'imported') result.imported++;
    else if (outcome === 'present') result.alreadyPresent++;
    else {
      result.rejected++;
      result.problems.push(...outcome.map((p) => ({ ...p, row: row.row, column: columnHeader(table, definition.fields, p.field) })));
    }
    result.rowsProcessed++;
    options.onProgress?.(result.rowsProcessed, result.rowsRead);
  }
  result.durationMs = Date.now() - started;
  return result;
}

async function importRow(
  definition: ImportKindDefinition<unknown>,
  session: ImportSession,
  table: Table,
  sheet: Sheet,
  row: SheetRow,
): Promise<'imported' | 'present' | Problem[]> {
  const reader = new RowReader(row, table, definition.fields, sheet.date1904);
  const value = definition.read(reader);
  if (value === undefined || reader.problems.length > 0) return reader.problems;
  try {
    // Tried first on a layer of its own; a refusal there still reaches the refusal log (of the dry run's layer, in a dry run).
    if (definition.severalCommands?.(value))
      await definition.apply(value, new RowRun(session, row.row, new OverlayEventStore(session.store, isRefusalLog)));
    const run = new RowRun(session, row.row, session.store);
    await definition.apply(value, run);
    return run.wrote ? 'imported' : 'present';
  } catch (error) {
    if (error instanceof RowRejected) return error.problems;
    throw error;
  }
}

const isRefusalLog = (stream: string) => parseStream(stream)?.kind === 'refusalLog';
