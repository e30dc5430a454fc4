import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, registerDecorator, ValidationOptions } from 'class-validator';
import { PageQuery } from '../http/paging';
import { IsCalendarDate, IsInstant, Optional, Pattern } from '../http/validators';

export const TIMELINE_ORDERS = ['recorded', 'effective'] as const;
export type TimelineOrder = (typeof TIMELINE_ORDERS)[number];

const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{0,99}$/;

/** `to` on or after `from`. */
function NotBeforeFrom(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'notBeforeFrom',
      target: target.constructor,
      propertyName: property as string,
      options: { message: `${String(property)} must not be before from`, ...options },
      validator: {
        validate: (value: unknown, args) =>
          typeof (args?.object as TimelineQuery).from !== 'string' || String(value) >= String((args?.object as TimelineQuery).from),
      },
    });
}

export class TimelineQuery extends PageQuery {
  @ApiPropertyOptional({
    example: '2024-05-10T18:00:00+08:00',
    description:
      'Only what had been recorded by this instant (what the employer knew then). In a URL, write + as %2B; a + decoded to a space is read back as +.',
  })
  @Optional()
  // A query string decodes an unescaped + to a space: `...T18:00:00 08:00` can only have meant +08:00.
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value))
  @IsInstant()
  asKnownAt?: string;

  @ApiPropertyOptional({
    enum: TIMELINE_ORDERS,
    default: 'recorded',
    description: 'recorded: in the order the log recorded the events; effective: by business date, then log order',
  })
  @Optional()
  @IsIn(TIMELINE_ORDERS, { message: `order must be one of ${TIMELINE_ORDERS.join(', ')}` })
  order?: TimelineOrder;

  @ApiPropertyOptional({
    example: '2024-03-01',
    description: 'First day, inclusive: of the effective date for order=effective, of the recorded date (UTC) for order=recorded',
  })
  @Optional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2024-06-30', description: 'Last day, inclusive; the same field as from' })
  @Optional()
  @IsCalendarDate()
  @NotBeforeFrom()
  to?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'ContributionRecorded,CommandRefused',
    description: 'One event type or a comma-separated list',
  })
  @Optional()
  @Transform(({ value }) =>
    typeof value === 'string' || Array.isArray(value)
      ? [value]
          .flat()
          .flatMap((v) => String(v).split(','))
          .map((v) => v.trim())
      : value,
  )
  @ArrayMaxSize(50)
  @Pattern(EVENT_TYPE, { each: true, message: 'each type must be an event type name, e.g. ContributionRecorded' })
  type?: string[];
}
