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

  @ApiProperty({ example: '2024-06-30' })
  @IsCalendarDate()
  lastWorkingDay!: string;
}

export class StepDataDto {
  @ApiPropertyOptional({ example: '2024-06', description: 'si_transfer_out complete: the last month the bureau shows as paid' })
  @Optional()
  @IsCalendarMonth()
  lastPaidMonth?: string;

  @ApiPropertyOptional({ example: '2024-06-30', description: 'labor_termination: the day the labour relationship ended; defaults to the last working day' })
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
  @ApiPropertyOptional({
    enum: STEP_ACTIONS,
    default: 'complete',
    description:
      'What the policy pinned by the case lets the step take: si_transfer_out request, complete, reject (退单); labor_termination complete (the filing accepted: 退工 registered) ' +
      'and reject (驳回, under policies with complete_reject, the shipped defaults); every other step complete. Otherwise 409 ACTION_NOT_SUPPORTED.',
  })
  @Optional()
  @IsIn(STEP_ACTIONS, { message: `action must be one of ${STEP_ACTIONS.join(', ')}` })
  action?: (typeof STEP_ACTIONS)[number];

  @ApiPropertyOptional({ example: '2024-07-01', description: 'When it happened; defaults to today. For a transfer-out request, the filing date.' })
  @Optional()
  @IsCalendarDate()
  effectiveDate?: string;

  @ApiPropertyOptional({ description: 'For reject (required): the authority’s reason (退单原因 for si_transfer_out, 驳回原因 for labor_termination)' })
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
