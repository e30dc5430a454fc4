import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { FilingKind } from '../domain/filing/filing-template';
import { EMPLOYEE_CATEGORIES, EmployeeCategory } from '../domain/shared/vocabulary';
import { Optional, Pattern } from '../http/validators';

/** The kinds as the routes spell them. */
export const FILING_ROUTE_KINDS = { 'si-reduction': 'si_reduction', 'labor-termination': 'labor_termination' } as const satisfies Record<
  string,
  FilingKind
>;
type RouteKind = keyof typeof FILING_ROUTE_KINDS;
const ROUTE_KINDS = Object.keys(FILING_ROUTE_KINDS) as RouteKind[];

export class FilingKindParam {
  @ApiProperty({
    enum: ROUTE_KINDS,
    description: 'si-reduction: 社保减员 (si_transfer_out); labor-termination: 退工登记 (labor_termination)',
  })
  @IsIn(ROUTE_KINDS, { message: `kind must be one of ${ROUTE_KINDS.join(', ')}` })
  kind!: RouteKind;
}

/** As validate-policy.ts takes a region: it is part of stream names. */
const REGION = /^[a-z][a-z0-9_]{0,39}$/;

class RegionQuery {
  @ApiProperty({ example: 'shanghai' })
  @Pattern(REGION, { message: 'region must be a region key (lower-case letters, digits, underscores)' })
  region!: string;

  @ApiPropertyOptional({
    enum: EMPLOYEE_CATEGORIES,
    description: 'Only cases of this category: needed when the categories’ policies in force carry different templates for the region',
  })
  @Optional()
  @IsIn(EMPLOYEE_CATEGORIES, { message: `category must be one of ${EMPLOYEE_CATEGORIES.join(', ')}` })
  category?: EmployeeCategory;
}

export const FILE_FORMATS = ['xlsx', 'csv'] as const;
export const CSV_ENCODINGS = ['utf8', 'gb18030'] as const;

export class ExportFilingQuery extends RegionQuery {
  @ApiPropertyOptional({ enum: FILE_FORMATS, default: 'xlsx' })
  @Optional()
  @IsIn(FILE_FORMATS, { message: `format must be one of ${FILE_FORMATS.join(', ')}` })
  format?: (typeof FILE_FORMATS)[number];

  @ApiPropertyOptional({
    enum: CSV_ENCODINGS,
    default: 'utf8',
    description: 'CSV only: utf8 (with a byte-order mark, as Excel needs) or gb18030 (GBK-compatible, as many bureau systems read)',
  })
  @Optional()
  @IsIn(CSV_ENCODINGS, { message: `encoding must be one of ${CSV_ENCODINGS.join(', ')}` })
  encoding?: (typeof CSV_ENCODINGS)[number];
}

export class ImportReceiptQuery extends RegionQuery {
  @ApiPropertyOptional({
    enum: CSV_ENCODINGS,
    description: 'A CSV receipt’s encoding, instead of detecting it (UTF-8 with or without BOM, else GB18030)',
  })
  @Optional()
  @IsIn(CSV_ENCODINGS, { message: `encoding must be one of ${CSV_ENCODINGS.join(', ')}` })
  encoding?: (typeof CSV_ENCODINGS)[number];

  @ApiPropertyOptional({ description: 'The file’s name when the body is the file itself (not a form)', example: '减员回执.xlsx' })
  @Optional()
  // A name, not a path, and no control characters.
  // eslint-disable-next-line no-control-regex
  @Pattern(/^[^/\\\u0000-\u001f]{1,200}$/, { message: 'fileName must be a file name' })
  fileName?: string;
}

class ReceiptProblemView {
  @ApiProperty({ example: '办理结果', description: 'The receipt’s header of the cell, or the field' }) column!: string;
  @ApiProperty({ example: 'UNKNOWN_VALUE' }) code!: string;
  @ApiProperty() zh!: string;
  @ApiProperty() en!: string;
}

export class ReceiptRowView {
  @ApiProperty({ example: 2, description: 'The row as Excel numbers it' }) row!: number;
  @ApiProperty({
    enum: ['completed', 'rejected', 'already_recorded', 'error'],
    description:
      'completed: the filing was accepted and the step completed; rejected: the bureau’s rejection recorded (the step can be filed again); ' +
      'already_recorded: the case already holds this answer (a receipt imported again); error: see problems, nothing of the row was recorded, or only the filing (request)',
  })
  outcome!: string;
  @ApiPropertyOptional({ example: 'C01J…' }) caseId?: string;
  @ApiPropertyOptional({ type: [ReceiptProblemView] }) problems?: ReceiptProblemView[];
}

export class ReceiptReport {
  @ApiProperty({ enum: ['si_reduction', 'labor_termination'] }) kind!: string;
  @ApiProperty({ example: 'shanghai' }) region!: string;
  @ApiProperty({ example: '减员回执.xlsx' }) fileName!: string;
  @ApiProperty({ description: 'SHA-256 of the file: with the row, the key of every event it records (a second import writes nothing)' })
  fileSha256!: string;
  @ApiProperty({ enum: ['xlsx', 'csv'] }) format!: string;
  @ApiPropertyOptional({ example: 'utf-8' }) encoding?: string;
  @ApiProperty() rowsRead!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() alreadyRecorded!: number;
  @ApiProperty() errors!: number;
  @ApiProperty({ type: [String], description: 'Headers of the receipt that feed no field' }) ignoredColumns!: string[];
  @ApiProperty({ type: [ReceiptRowView] }) rows!: ReceiptRowView[];
}
