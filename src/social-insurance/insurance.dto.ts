import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsIn } from 'class-validator';
import { INSURANCE_TYPES, InsuranceType } from '../domain/shared/vocabulary';
import { IsCalendarMonth, IsMoney, Optional } from '../http/validators';

const typesMessage = `each value in insuranceTypes must be one of ${INSURANCE_TYPES.join(', ')}`;

export class EnrollDto {
  @ApiProperty({
    example: '2020-01',
    description:
      'Not before the month of hire (409 ENROLMENT_BEFORE_HIRE); next month at the latest, for a filing after the month’s cut-off (409 DATE_IN_FUTURE)',
  })
  @IsCalendarMonth()
  startMonth!: string;

  @ApiProperty({ enum: INSURANCE_TYPES, isArray: true, minItems: 1, maxItems: INSURANCE_TYPES.length, uniqueItems: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(INSURANCE_TYPES.length)
  @ArrayUnique()
  @IsIn(INSURANCE_TYPES, { each: true, message: typesMessage })
  insuranceTypes!: InsuranceType[];

  @ApiProperty({ example: 12000, description: 'Monthly contribution base, CNY' })
  @IsMoney()
  contributionBase!: number;
}

export class ContributionDto {
  @ApiProperty({
    example: '2024-03',
    description:
      'Within the enrolment period, not before the month of hire (409 DATE_OUT_OF_ORDER), the current month at the latest (409 DATE_IN_FUTURE)',
  })
  @IsCalendarMonth()
  month!: string;

  @ApiPropertyOptional({
    enum: INSURANCE_TYPES,
    isArray: true,
    minItems: 1,
    uniqueItems: true,
    description: 'Defaults to every enrolled type',
  })
  @Optional()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(INSURANCE_TYPES, { each: true, message: typesMessage })
  insuranceTypes?: InsuranceType[];

  @ApiProperty({ example: 12000 })
  @IsMoney()
  base!: number;

  @ApiPropertyOptional({ default: false, description: 'Replaces an already recorded month; kept as its own event' })
  @Optional()
  @IsBoolean()
  correction?: boolean;
}

export class BaseAdjustmentDto {
  @ApiProperty({
    example: '2024-07',
    description: 'Within the current enrolment; at most the month 90 days after today (409 DATE_IN_FUTURE)',
  })
  @IsCalendarMonth()
  fromMonth!: string;

  @ApiProperty({ example: 13000 })
  @IsMoney()
  contributionBase!: number;
}
