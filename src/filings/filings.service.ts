import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { Principal } from '../auth/principal';
import { FilingKind } from '../domain/filing/filing-template';
import { renderFiling } from '../domain/filing/render-filing';
import { Actor, EmployeeCategory } from '../domain/shared/vocabulary';
import { CommandResult } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { businessDate } from '../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { FileRejectedError } from '../import';
import { UploadedFile } from '../http/file-upload';
import { RecordFilingExport } from './commands/record-filing-export.handler';
import { FilingCases } from './filing-cases';
import { FilingFile, filingFile } from './filing-file';
import { FilingTemplatesService, KIND_ZH } from './filing-templates.service';
import { ExportFilingQuery, ImportReceiptQuery, ReceiptReport } from './filings.dto';
import { importReceipt } from './receipt-import';

export interface ExportedFiling {
  file: FilingFile;
  fileName: string;
  rows: number;
  position: bigint;
}

@Injectable()
export class FilingsService {
  constructor(
    private readonly commands: CommandBus,
    private readonly cases: FilingCases,
    private readonly templates: FilingTemplatesService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  /**
   * The region's file of the cases due today, recorded as FilingExported before it is
   * answered: no file leaves without its record (if the record fails, the caller gets
   * an error and no file).
   */
  async export(kind: FilingKind, query: ExportFilingQuery, principal: Principal, context: CommandContext): Promise<ExportedFiling> {
    const today = businessDate(context.recordedAt);
    const format = query.format ?? 'xlsx';
    const encoding = query.encoding ?? 'utf8';
    const due = await this.cases.due(query.region, kind, today, query.category);
    const { template, used } = await this.templates.forFile(
      query.region,
      kind,
      today,
      query.category,
      new Set(due.map((d) => d.doc.category as EmployeeCategory)),
    );
    const rendered = renderFiling(template, await this.cases.subjects(due, principal));
    const file = await filingFile(rendered, format, encoding, KIND_ZH[kind]);
    const recorded = await this.commands.execute<RecordFilingExport, CommandResult>(
      new RecordFilingExport(
        {
          kind,
          region: query.region,
          businessDate: today,
          format,
          encoding: format === 'csv' ? encoding : null,
          templates: used.map((t) => ({ category: t.category, policyVersion: t.policyVersion, effectiveFrom: t.template.effectiveFrom })),
          caseIds: due.map((d) => d.doc.caseId),
          fileSha256: createHash('sha256').update(file.bytes).digest('hex'),
        },
        // Every export is its own fact: a client's Idempotency-Key on a GET must not fold two exports into one record.
        { ...context, idempotencyKey: undefined, requestFingerprint: undefined },
      ),
    );
    const fileName = `${kind.replace('_', '-')}-${query.region}${query.category ? `-${query.category}` : ''}-${today}.${file.extension}`;
    return { file, fileName, rows: rendered.rows.length, position: recorded.position };
  }

  async importReceipt(kind: FilingKind, query: ImportReceiptQuery, upload: UploadedFile, context: CommandContext): Promise<ReceiptReport> {
    const today = businessDate(context.recordedAt);
    // A receipt may answer cases of every category: only the receipt columns and words must agree.
    const { template } = await this.templates.forFile(query.region, kind, today, query.category, new Set(), (t) => t.receipt);
    const actor: Actor = { id: context.actor.id, role: context.actor.role as Actor['role'] };
    try {
      return await importReceipt(
        {
          kind,
          region: query.region,
          template: template.receipt,
          file: { bytes: upload.bytes, fileName: query.fileName ?? upload.fileName },
          encoding: query.encoding,
          actor,
          recordedAt: context.recordedAt,
          correlationId: context.correlationId,
        },
        this.commands,
        this.events,
        this.cases,
      );
    } catch (error) {
      if (error instanceof FileRejectedError)
        throw new BadRequestException({ code: 'FILE_REJECTED', message: `${error.zh} / ${error.en}`, zh: error.zh, en: error.en });
      throw error;
    }
  }
}
