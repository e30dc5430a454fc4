import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Proposer, PROPOSERS, RenewalOffer, RENEWAL_OFFERS } from '../domain/offboarding/separation-facts';
import { SEPARATION_REASONS, SeparationReason } from '../domain/shared/vocabulary';
import { IsCalendarDate, Optional } from '../http/validators';

const FLAG = ['true', 'false'] as const;

export class SeveranceQuery {
  @ApiPropertyOptional({
    example: '2024-09-30',
    description:
      'Defaults to the recorded separation’s termination date; required when none is recorded. Not before the hire date (400 INVALID_DATE, field terminationDate); from 1949-10-01 to 2100-12-31',
  })
  @Optional()
  @IsCalendarDate()
  terminationDate?: string;

  @ApiPropertyOptional({
    enum: SEPARATION_REASONS,
    description: 'Defaults to the recorded separation’s reason; required when none is recorded',
  })
  @Optional()
  @IsIn(SEPARATION_REASONS, { message: `reason must be one of ${SEPARATION_REASONS.join(', ')}` })
  reason?: SeparationReason;

  @ApiPropertyOptional({
    enum: FLAG,
    description:
      'A dismissal without 30 days’ written notice: one month’s wage in lieu of notice (LCL art. 40). Defaults from the notice the case records ' +
      '(false when given on or before the termination date minus 30 days, Civil Code art. 201; true when later), else false',
  })
  @Optional()
  @IsIn(FLAG, { message: 'withoutNotice must be true or false' })
  withoutNotice?: (typeof FLAG)[number];

  @ApiPropertyOptional({ enum: FLAG, description: 'An unlawful termination: twice the art. 47 amount instead (LCL art. 87)' })
  @Optional()
  @IsIn(FLAG, { message: 'unlawful must be true or false' })
  unlawful?: (typeof FLAG)[number];

  @ApiPropertyOptional({
    enum: PROPOSERS,
    description:
      'mutual_agreement: who proposed it (LCL art. 46(2)); defaults to what the case records. Unrecorded: amount null, manual review',
  })
  @Optional()
  @IsIn(PROPOSERS, { message: `proposedBy must be one of ${PROPOSERS.join(', ')}` })
  proposedBy?: Proposer;

  @ApiPropertyOptional({
    enum: RENEWAL_OFFERS,
    description:
      'contract_expiry: the renewal offer the employee refused (LCL art. 46(5)); defaults to what the case records. Unrecorded: amount null, manual review',
  })
  @Optional()
  @IsIn(RENEWAL_OFFERS, { message: `renewalOffer must be one of ${RENEWAL_OFFERS.join(', ')}` })
  renewalOffer?: RenewalOffer;
}

export class WageMonthView {
  @ApiProperty({ type: String, example: '2024-03' }) month!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 20000,
    description: 'CNY; null when no wage is known for the month (then manualReview says so)',
  })
  amount!: number | null;
  @ApiProperty({
    type: String,
    enum: ['payroll', 'wage_history', 'none'],
    description:
      'payroll: what payroll recorded as owed (POST …/pay-records, the latest correction); wage_history: the contractual wage in force (POST …/wages), weighted by days when it changed within the month; none: nothing known',
  })
  source!: 'payroll' | 'wage_history' | 'none';
}

/** The inputs besides these (dates, reason, the figures passed to the computation, policy, takenFrom) are listed by name in the answer. */
export class SeveranceInputsView {
  @ApiProperty({
    type: WageMonthView,
    isArray: true,
    description:
      'Every month averaged for W (LCL art. 47 para. 3, Regs art. 27), oldest first: the 12 calendar months before termination (the termination month counts only when the termination date is its last day), or the whole months worked if fewer',
  })
  wageMonths!: WageMonthView[];

  @ApiProperty({
    type: WageMonthView,
    nullable: true,
    description: 'The month before the termination month, the wage of the month in lieu of notice (Regs art. 20)',
  })
  previousMonth!: WageMonthView | null;

  @ApiProperty({ type: Number, example: 12500, description: 'W, the average of wageMonths with a known amount, rounded to the fen' })
  averageMonthlyWage!: number;
  @ApiProperty({ type: Number, example: 20000, description: 'previousMonth.amount (W when it is unknown, with a review reason)' })
  previousMonthWage!: number;
}

export class SeveranceView {
  @ApiProperty({ type: Number, example: 56, description: 'Whole months from the hire date through the termination date, both counted' })
  serviceMonths!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 5,
    description:
      'N (LCL art. 47) after the 12-year cap; 0 when nothing is owed; null for service before 2008 (manual review), for a mutual agreement or expiry whose deciding fact is not recorded, or when the regional average of the year needed is stale or missing and the 12-year limit could change N',
  })
  compensationMonths!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12000,
    description:
      'The monthly wage the compensation is paid at (capped, or raised to the minimum wage); null when a stale or missing regional average leaves the cap undecided',
  })
  monthlyWageUsed!: number | null;
  @ApiProperty({
    type: Boolean,
    description:
      'The wage is above three times the regional average of the year before the termination year (art. 47 para. 2): wage and years capped. With a stale figure, true only when the wage is above three times every plausible value of the average',
  })
  capApplied!: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 60000,
    description: 'N × monthly wage, the art. 47 standard; null where amount is null',
  })
  economicCompensation!: number | null;
  @ApiProperty({ type: Number, example: 12000, description: 'One month’s wage in lieu of notice (art. 40)' }) inLieuOfNotice!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 72000,
    description:
      'Total payable, CNY; null when a person must decide: service before 2008 (LCL art. 97), an unrecorded proposedBy (mutual agreement) or renewalOffer (expiry) under art. 46, or a regional average of the year before the termination year that is stale or missing while the wage could be above three times its true value (manual review names the year needed and the year available)',
  })
  amount!: number | null;
  @ApiProperty({ type: Boolean }) manualReview!: boolean;
  @ApiProperty({ type: String, isArray: true, description: 'Why a person must decide' }) reviewReasons!: string[];
  @ApiProperty({
    type: SeveranceInputsView,
    description:
      'Every input, with where it was taken from and the policy version used; regionalAverageYearNeeded says which year’s average the cap needs and why, regionalAverageMonthlyWage the figure available for it (older when stale, null when none)',
  })
  inputs!: object;
  @ApiProperty({ type: String, isArray: true, description: 'Each rule applied, citing the article, in Chinese and English' })
  basis!: string[];
}
