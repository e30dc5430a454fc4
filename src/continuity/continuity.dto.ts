import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { Proposer, PROPOSERS, RenewalOffer, RENEWAL_OFFERS } from '../domain/offboarding/separation-facts';
import { SEPARATION_REASONS, SeparationReason } from '../domain/shared/vocabulary';
import { PageQuery } from '../http/paging';
import { IsCalendarMonth, Optional } from '../http/validators';
import { OrganisationFilter } from '../reports';

export class ContinuityQuery {
  @ApiPropertyOptional({
    example: '2024-12',
    description: 'Last month considered; defaults to the last paid month after a completed transfer-out, else the month before this one',
  })
  @Optional()
  @IsCalendarMonth()
  through?: string;

  @ApiPropertyOptional({
    enum: SEPARATION_REASONS,
    description: 'Judge the unemployment benefit for this reason instead of the latest case’s',
  })
  @Optional()
  @IsIn(SEPARATION_REASONS, { message: `separationReason must be one of ${SEPARATION_REASONS.join(', ')}` })
  separationReason?: SeparationReason;

  @ApiPropertyOptional({
    enum: PROPOSERS,
    description:
      'mutual_agreement: who proposed it, instead of what the latest case records. Employer: involuntary; employee: voluntary (Order 13 art. 13(3)); unrecorded: eligible null',
  })
  @Optional()
  @IsIn(PROPOSERS, { message: `proposedBy must be one of ${PROPOSERS.join(', ')}` })
  proposedBy?: Proposer;

  @ApiPropertyOptional({
    enum: RENEWAL_OFFERS,
    description:
      'contract_expiry: the renewal offer refused, instead of what the latest case records. An expiry is involuntary whatever it is (Order 13 art. 13(1)); a refused same-or-better offer is flagged in why',
  })
  @Optional()
  @IsIn(RENEWAL_OFFERS, { message: `renewalOffer must be one of ${RENEWAL_OFFERS.join(', ')}` })
  renewalOffer?: RenewalOffer;

  @ApiPropertyOptional({
    example: 2030,
    minimum: 1950,
    maximum: 2100,
    description: 'For the minimum pension contributions; defaults to this year',
  })
  @Optional()
  @Type(() => Number)
  @IsInt({ message: 'retirementYear must be a whole number' })
  @Min(1950)
  @Max(2100)
  retirementYear?: number;
}

class GapsThrough {
  @ApiPropertyOptional({ example: '2024-12', description: 'Gaps up to this month; defaults to the month before this one' })
  @Optional()
  @IsCalendarMonth()
  through?: string;
}

/** A page of the report up to a month, for one org unit, region or category if given (the OpenAPI parameters in this order). */
export class ContinuityGapsQuery extends IntersectionType(PageQuery, GapsThrough, OrganisationFilter) {}
