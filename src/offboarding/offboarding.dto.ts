import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { SEPARATION_REASONS, SeparationReason, STEP_KEYS, StepKey } from '../domain/shared/vocabulary';
import { ID_PATTERN } from '../employees/employee.dto';
import { IsCalendarDate, IsCalendarMonth, Optional } from '../http/validators';

export const STEP_ACTIONS = ['complete', 'request', 'reject'] as const;

export class OpenCaseDto {
  @ApiProperty({ example: 'E1001' })
  @Matches(ID_PATTERN, { message: 'employeeId must be an employee id' })
  employeeId!: string;

  @ApiProperty({ enum: SEPARATION_REASONS })
  @IsIn(SEPARATION_REASONS, { message: `reason must be one of ${SEPARATION_REASONS.join(', ')}` })
  reason!: SeparationReason;

  @ApiProperty({
    example: '2024-06-30',
    description: 'The last day worked: a plan, so at most 90 days after today (409 DATE_IN_FUTURE), and not before the hire date (409 DATE_OUT_OF_ORDER)',
  })
  @IsCalendarDate()
  lastWorkingDay!: string;

  @ApiPropertyOptional({
    example: '2024-06-01',
    description:
      'The day the case was opened in the world, for a case entered after the fact; defaults to today (the business day in Asia/Shanghai). ' +
      'Not after today (409 DATE_IN_FUTURE), not before the hire date (409 DATE_OUT_OF_ORDER). The policy in force that day is pinned, and no step may be dated before it.',
  })
  @Optional()
  @IsCalendarDate()
  openedAt?: string;
}

export class StepDataDto {
  @ApiPropertyOptional({ example: '2024-06', description: 'si_transfer_out complete: the last month the bureau shows as paid' })
  @Optional()
  @IsCalendarMonth()
  lastPaidMonth?: string;

  @ApiPropertyOptional({
    example: '2024-06-30',
    description: 'labor_termination: the day the labour relationship ended; defaults to the last working day. Not before the hire date, at most 90 days after today',
  })
  @Optional()
  @IsCalendarDate()
  terminationDate?: string;
}

export class OverrideDto {
  @ApiProperty({ example: 'Handover finished by phone; the signed list follows', description: 'Why the soft prerequisites may be skipped (hr_manager only)' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class StepCommandDto {
  @ApiPropertyOptional({ enum: STEP_ACTIONS, default: 'complete' })
  @Optional()
  @IsIn(STEP_ACTIONS, { message: `action must be one of ${STEP_ACTIONS.join(', ')}` })
  action?: (typeof STEP_ACTIONS)[number];

  @ApiPropertyOptional({
    example: '2024-07-01',
    description:
      'When it happened; defaults to today. For a transfer-out request, the filing date. Not after today (409 DATE_IN_FUTURE); not before the hire date, the ' +
      'opening of the case, a done prerequisite, or (for complete/reject) the filing it answers (409 DATE_OUT_OF_ORDER, details.conflictsWith names the date).',
  })
  @Optional()
  @IsCalendarDate()
  effectiveDate?: string;

  @ApiPropertyOptional({ description: 'For reject: the bureau’s reason (退单原因)' })
  @Optional()
  @IsString()
  @Length(1, 2000)
  note?: string;

  @ApiPropertyOptional({ type: StepDataDto })
  @Optional()
  @ValidateNested()
  @Type(() => StepDataDto)
  data?: StepDataDto;

  @ApiPropertyOptional({ type: OverrideDto })
  @Optional()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}

export class CancelCaseDto {
  @ApiProperty({ example: 'The employee withdrew the resignation' })
  @IsString()
  @Length(1, 2000)
  note!: string;
}

export class CaseIdParam {
  @ApiProperty({ example: 'C0195A2B3C4D5E6F7' })
  @Matches(ID_PATTERN, { message: 'caseId must be a case id' })
  caseId!: string;
}

export class StepParams extends CaseIdParam {
  @ApiProperty({ enum: STEP_KEYS })
  @IsIn(STEP_KEYS, { message: `step must be one of ${STEP_KEYS.join(', ')}` })
  step!: StepKey;
}

export class CaseListQuery {
  @ApiPropertyOptional({ enum: ['open', 'completed', 'cancelled'] })
  @Optional()
  @IsIn(['open', 'completed', 'cancelled'], { message: 'status must be one of open, completed, cancelled' })
  status?: 'open' | 'completed' | 'cancelled';

  @ApiPropertyOptional({ example: 'E1001' })
  @Optional()
  @Matches(ID_PATTERN, { message: 'employeeId must be an employee id' })
  employeeId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only cases with a step past its due date today' })
  @Optional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
}
