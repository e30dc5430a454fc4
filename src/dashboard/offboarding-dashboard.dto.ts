import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator } from 'class-validator';
import { isIsoDate } from '../domain/shared/calendar';
import { IsCalendarDate } from '../http/validators';
import { OrganisationFilter } from '../reports/organisation-filter.dto';

/** The later end of a range: on or after `field` (checked only when both are real dates; IsCalendarDate reports the rest). */
function IsOnOrAfter(field: string): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isOnOrAfter',
      target: target.constructor,
      propertyName: property as string,
      constraints: [field],
      options: { message: `${String(property)} must be on or after ${field}` },
      validator: {
        validate: (value: unknown, args) => {
          const other = (args?.object as Record<string, unknown>)[field];
          return !isIsoDate(value) || !isIsoDate(other) || value >= other;
        },
      },
    });
}

export class DashboardQuery extends OrganisationFilter {
  @ApiProperty({ example: '2024-01-01', description: 'First day of the range (inclusive)' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2024-12-31', description: 'Last day of the range (inclusive)' })
  @IsCalendarDate()
  @IsOnOrAfter('from')
  to!: string;
}
