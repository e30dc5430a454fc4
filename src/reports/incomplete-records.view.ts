import { ApiProperty } from '@nestjs/swagger';
import { STEP_KEYS } from '../domain/shared/vocabulary';

/** The answer of GET /api/reports/incomplete-records, for the OpenAPI document (incomplete-records.service.ts builds it). */

class RecordOverdueStepView {
  @ApiProperty({ enum: STEP_KEYS }) key!: string;
  @ApiProperty({ example: '2024-07-15' }) dueDate!: string;
  @ApiProperty({ example: 3, description: 'Calendar days since the due date' }) daysOverdue!: number;
}

class IncompleteRecordView {
  @ApiProperty({ example: 'E1001' }) employeeId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Masked for auditors and investigators' }) name!: string | null;
  @ApiProperty({ enum: ['none', 'employed', 'separated'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) orgUnit!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ type: String, nullable: true }) category!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-01-02' }) hireDate!: string | null;
  @ApiProperty({ example: '2024-02-01', description: 'Since when the record has been incomplete' }) incompleteFrom!: string;
  @ApiProperty({ enum: ['no_contract', 'no_enrolment', 'late_enrolment', 'open_case_overdue'], isArray: true }) problems!: string[];
  @ApiProperty({ type: String, nullable: true }) openCaseId!: string | null;
  @ApiProperty({ type: RecordOverdueStepView, isArray: true }) overdueSteps!: RecordOverdueStepView[];
}

export class IncompleteRecordsPageView {
  @ApiProperty({ type: IncompleteRecordView, isArray: true }) items!: IncompleteRecordView[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 12 }) total!: number;
}
