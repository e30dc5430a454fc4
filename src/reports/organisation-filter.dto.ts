import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { EMPLOYEE_CATEGORIES, EmployeeCategory } from '../domain/shared/vocabulary';
import { IsText, Optional, Pattern } from '../http/validators';

/** `?orgUnit=&region=&category=`, as the employee archive spells them (employee.dto.ts), for organisation reports and the dashboard. */
export class OrganisationFilter {
  @ApiPropertyOptional({ example: 'Finance' })
  @Optional()
  @IsText({ max: 100 })
  orgUnit?: string;

  @ApiPropertyOptional({ example: 'shanghai' })
  @Optional()
  @Pattern(/^[a-z][a-z0-9_]{1,39}$/, { message: 'region must be a lower-case region key, e.g. shanghai' })
  region?: string;

  @ApiPropertyOptional({ enum: EMPLOYEE_CATEGORIES })
  @Optional()
  @IsIn(EMPLOYEE_CATEGORIES, { message: `category must be one of ${EMPLOYEE_CATEGORIES.join(', ')}` })
  category?: EmployeeCategory;
}
