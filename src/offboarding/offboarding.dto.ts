import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { Proposer, PROPOSERS, RenewalOffer, RENEWAL_OFFERS } from '../domain/offboarding/separation-facts';
import { SEPARATION_REASONS, SeparationReason, STEP_KEYS, StepKey } from '../domain/shared/vocabulary';
import { ID_PATTERN } from '../employees';
import { IsCalendarDate, IsCalendarMonth, IsText, Optional, Pattern } from '../http/validators';

export const STEP_ACTIONS = ['complete', 'request', 'reject'] as const;

export class OpenCaseDto {
  @ApiProperty({ example: 'E1001' })
  @Pattern(ID_PATTERN, { message: 'employeeId must be an employee id' })
  employeeId!: string;

  @ApiProperty({ enum: SEPARATION_REASONS })
  @IsIn(SEPARATION_REASONS, { message: `reason must be one of ${SEPARATION_REASONS.join(', ')}` })
  reason!: SeparationReason;

  @ApiProperty({
    example: '2024-06-30',
    description:
      'The last day worked: a plan, so at most 90 days after today (409 DATE_IN_FUTURE), and not before the hire date (409 DATE_OUT_OF_ORDER)',
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

  // The separation facts (src/domain/offboarding/separation-facts.ts). Each belongs to
  // some reasons only; given with another reason it is refused with 400
  // INVALID_SEPARATION_FACT naming the field.

  @ApiPropertyOptional({
    enum: PROPOSERS,
    description:
      'mutual_agreement only: who proposed the termination. Economic compensation is owed only when the employer proposed it (LCL art. 46(2), art. 36), ' +
      'and only then is the job loss involuntary for the unemployment benefit. Unrecorded: the severance and benefit answers leave it to a person.',
  })
  @Optional()
  @IsIn(PROPOSERS, { message: `proposedBy must be one of ${PROPOSERS.join(', ')}` })
  proposedBy?: Proposer;

  @ApiPropertyOptional({
    enum: RENEWAL_OFFERS,
    description:
      'contract_expiry only: none = the employer offered no renewal; same_or_better_refused = it offered to renew on the same or better terms and the employee refused ' +
      '(no compensation, LCL art. 46(5)); lower_refused = it offered worse terms and the employee refused. Unrecorded: the severance answer leaves it to a person.',
  })
  @Optional()
  @IsIn(RENEWAL_OFFERS, { message: `renewalOffer must be one of ${RENEWAL_OFFERS.join(', ')}` })
  renewalOffer?: RenewalOffer;

  @ApiPropertyOptional({
    example: '2024-06-01',
    description:
      'resignation or dismissal only: the day written notice was given (by the employee, LCL art. 37; by the employer, art. 40), not after the last working day. ' +
      'The notice period runs from the next day (Civil Code art. 201): 30 days, or 3 for a resignation in probation.',
  })
  @Optional()
  @IsCalendarDate()
  noticeGivenOn?: string;

  @ApiPropertyOptional({
    description: 'resignation or dismissal only: the employee is in probation (a resignation then takes 3 days’ notice, LCL art. 37)',
  })
  @Optional()
  @IsBoolean({ message: 'inProbation must be true or false' })
  inProbation?: boolean;
}

export class StepDataDto {
  @ApiPropertyOptional({ example: '2024-06', description: 'si_transfer_out complete: the last month the bureau shows as paid' })
  @Optional()
  @IsCalendarMonth()
  lastPaidMonth?: string;

  @ApiPropertyOptional({
    example: '2024-06-30',
    description:
      'labor_termination: the day the labour relationship ended; defaults to the last working day. Not before the hire date, at most 90 days after today',
  })
  @Optional()
  @IsCalendarDate()
  terminationDate?: string;
}

export class OverrideDto {
  @ApiProperty({
    example: 'Handover finished by phone; the signed list follows',
    description:
      'Why the soft prerequisites may be skipped (hr_manager only). Trimmed, 1-2000 characters; may span lines (LF, tab; CRLF is stored as LF), no other control characters',
  })
  @IsText({ max: 2000, multiline: true })
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

  @ApiPropertyOptional({
    example: '2024-07-01',
    description:
      'When it happened; defaults to today. For a transfer-out request, the filing date. Not after today (409 DATE_IN_FUTURE); not before the hire date, the ' +
      'opening of the case, a done prerequisite, or (for complete/reject) the filing it answers (409 DATE_OUT_OF_ORDER, details.conflictsWith names the date).',
  })
  @Optional()
  @IsCalendarDate()
  effectiveDate?: string;

  @ApiPropertyOptional({
    description:
      'For reject (required): the authority’s reason (退单原因 for si_transfer_out, 驳回原因 for labor_termination). Trimmed, 1-2000 characters; may span lines (LF, tab), no other control characters',
  })
  @Optional()
  @IsText({ max: 2000, multiline: true })
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
  @ApiProperty({
    example: 'The employee withdrew the resignation',
    description: 'Trimmed, 1-2000 characters; may span lines (LF, tab), no other control characters',
  })
  @IsText({ max: 2000, multiline: true })
  note!: string;
}

export class CaseIdParam {
  @ApiProperty({ example: 'C0195A2B3C4D5E6F7' })
  @Pattern(ID_PATTERN, { message: 'caseId must be a case id' })
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
  @Pattern(ID_PATTERN, { message: 'employeeId must be an employee id' })
  employeeId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only cases with a step past its due date today' })
  @Optional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
}
