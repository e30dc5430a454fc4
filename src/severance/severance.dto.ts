import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Proposer, PROPOSERS, RenewalOffer, RENEWAL_OFFERS } from '../domain/offboarding/separation-facts';
import { SEPARATION_REASONS, SeparationReason } from '../domain/shared/vocabulary';
import { IsCalendarDate, Optional } from '../http/validators';

const FLAG = ['true', 'false'] as const;

export class SeveranceQuery {
  @ApiPropertyOptional({ example: '2024-09-30', description: 'Defaults to the recorded separation’s termination date; required when none is recorded' })
  @Optional()
  @IsCalendarDate()
  terminationDate?: string;

  @ApiPropertyOptional({ enum: SEPARATION_REASONS, description: 'Defaults to the recorded separation’s reason; required when none is recorded' })
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

  @ApiPropertyOptional({ enum: PROPOSERS, description: 'mutual_agreement: who proposed it (LCL art. 46(2)); defaults to what the case records. Unrecorded: amount null, manual review' })
  @Optional()
  @IsIn(PROPOSERS, { message: `proposedBy must be one of ${PROPOSERS.join(', ')}` })
  proposedBy?: Proposer;

  @ApiPropertyOptional({
    enum: RENEWAL_OFFERS,
    description: 'contract_expiry: the renewal offer the employee refused (LCL art. 46(5)); defaults to what the case records. Unrecorded: amount null, manual review',
  })
  @Optional()
  @IsIn(RENEWAL_OFFERS, { message: `renewalOffer must be one of ${RENEWAL_OFFERS.join(', ')}` })
  renewalOffer?: RenewalOffer;
}

export class SeveranceView {
  @ApiProperty({ type: Number, example: 56, description: 'Whole months from the hire date through the termination date, both counted' }) serviceMonths!: number;
  @ApiProperty({ type: Number, nullable: true, example: 5, description: 'N (LCL art. 47) after the 12-year cap; 0 when nothing is owed; null for service before 2008, or a mutual agreement or expiry whose deciding fact is not recorded (manual review)' })
  compensationMonths!: number | null;
  @ApiProperty({ type: Number, example: 12000 }) monthlyWageUsed!: number;
  @ApiProperty({ type: Boolean, description: 'The wage is above three times the regional average: wage and years capped (art. 47 para. 2)' }) capApplied!: boolean;
  @ApiProperty({ type: Number, nullable: true, example: 60000, description: 'N × monthly wage, the art. 47 standard' }) economicCompensation!: number | null;
  @ApiProperty({ type: Number, example: 12000, description: 'One month’s wage in lieu of notice (art. 40)' }) inLieuOfNotice!: number;
  @ApiProperty({ type: Number, nullable: true, example: 72000, description: 'Total payable, CNY; null when service before 2008 (LCL art. 97), or an unrecorded proposedBy (mutual agreement) or renewalOffer (expiry) under art. 46, leaves it to manual review' }) amount!: number | null;
  @ApiProperty({ type: Boolean }) manualReview!: boolean;
  @ApiProperty({ type: String, isArray: true, description: 'Why a person must decide' }) reviewReasons!: string[];
  @ApiProperty({ type: Object, description: 'Every input, with where it was taken from and the policy version used' }) inputs!: object;
  @ApiProperty({ type: String, isArray: true, description: 'Each rule applied, citing the article, in Chinese and English' }) basis!: string[];
}
