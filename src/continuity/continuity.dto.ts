import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { EMPLOYEE_CATEGORIES, EmployeeCategory, SEPARATION_REASONS, SeparationReason } from '../domain/shared/vocabulary';
import { PageQuery } from '../http/paging';
import { IsCalendarMonth, Optional } from '../http/validators';

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

/** PageQuery's fields, with an upper bound on `page`: without it, an offset beyond a safe integer made the read store throw (500). */
export class ContinuityGapsQuery implements PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 1_000_000 })
  @Optional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @Optional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1)
  @Max(500)
  pageSize?: number;

  @ApiPropertyOptional({ example: '2024-12', description: 'Gaps up to this month; defaults to the month before this one' })
  @Optional()
  @IsCalendarMonth()
  through?: string;

  @ApiPropertyOptional({ example: 'Finance' })
  @Optional()
  @IsString()
  @Length(1, 100)
  orgUnit?: string;

  @ApiPropertyOptional({ example: 'shanghai' })
  @Optional()
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'region must be a lower-case region key, e.g. shanghai' })
  region?: string;

  @ApiPropertyOptional({ enum: EMPLOYEE_CATEGORIES })
  @Optional()
  @IsIn(EMPLOYEE_CATEGORIES, { message: `category must be one of ${EMPLOYEE_CATEGORIES.join(', ')}` })
  category?: EmployeeCategory;
}
