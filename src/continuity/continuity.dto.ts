import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { SEPARATION_REASONS, SeparationReason } from '../domain/shared/vocabulary';
import { PageQuery } from '../http/paging';
import { IsCalendarMonth, Optional } from '../http/validators';
import { OrganisationFilter } from '../reports/organisation-filter.dto';

export class ContinuityQuery {
  @ApiPropertyOptional({ example: '2024-12', description: 'Last month considered; defaults to the last paid month after a completed transfer-out, else the month before this one' })
  @Optional()
  @IsCalendarMonth()
  through?: string;

  @ApiPropertyOptional({ enum: SEPARATION_REASONS, description: 'Judge the unemployment benefit for this reason instead of the latest case’s' })
  @Optional()
  @IsIn(SEPARATION_REASONS, { message: `separationReason must be one of ${SEPARATION_REASONS.join(', ')}` })
  separationReason?: SeparationReason;

  @ApiPropertyOptional({ example: 2030, minimum: 1950, maximum: 2100, description: 'For the minimum pension contributions; defaults to this year' })
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
