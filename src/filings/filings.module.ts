import { Module } from '@nestjs/common';
import { PolicyInForceModule } from '../policies';
import { RecordFilingExportHandler } from './commands/record-filing-export.handler';
import { FilingCases } from './filing-cases';
import { FilingTemplatesService } from './filing-templates.service';
import { FilingsController } from './filings.controller';
import { FilingsService } from './filings.service';

/** The bureau's files (issue 13, item 8): the 减员 and 退工 batch exports and their receipts. */
@Module({
  imports: [PolicyInForceModule],
  controllers: [FilingsController],
  providers: [FilingsService, FilingCases, FilingTemplatesService, RecordFilingExportHandler],
})
export class FilingsModule {}
