import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, Length } from 'class-validator';
import { STEP_KEYS, StepKey } from '../domain/shared/vocabulary';
import { ID_PATTERN } from '../employees';
import { PageQuery } from '../http/paging';
import { IsDateOrInstant, IsInstant, Optional, Pattern } from '../http/validators';

/** `<category>-<id>`, as every stream helper names streams (employee-E1001, audit-2024-05, policy-shanghai-enterprise_regular). */
export const STREAM_PATTERN = /^[a-z][a-z_]{0,39}-[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const STREAM_MESSAGE = 'stream must be a stream name: a lower-case category, a dash and an id, e.g. employee-E1001';

/** A query string decodes an unescaped + to a space: `...T18:00:00 08:00` can only have meant +08:00. */
const plusRestored = Transform(({ value }) => (typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value));

export class StreamParam {
  @ApiProperty({ example: 'employee-E1001' })
  @Pattern(STREAM_PATTERN, { message: STREAM_MESSAGE })
  stream!: string;
}

export class AsOfQuery {
  @ApiProperty({
    example: '2024-05-10T18:00:00+08:00',
    description: 'ISO-8601 instant with offset; only events recorded at or before it are folded. In a URL, write + as %2B.',
  })
  @plusRestored
  @IsInstant()
  at!: string;
}

export class VerifyQuery {
  @ApiPropertyOptional({ example: 'employee-E1001', description: 'One stream; the whole store when absent' })
  @Optional()
  @Pattern(STREAM_PATTERN, { message: STREAM_MESSAGE })
  stream?: string;
}

export class RejectionsQuery extends PageQuery {
  @ApiPropertyOptional({
    example: '2024-05-01',
    description: 'Recorded at or after: a date (from the start of that UTC day) or an instant with offset',
  })
  @Optional()
  @plusRestored
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2024-05-31',
    description: 'Recorded at or before: a date (to the end of that UTC day) or an instant with offset',
  })
  @Optional()
  @plusRestored
  @IsDateOrInstant()
  to?: string;

  @ApiPropertyOptional({ example: 'hr-spec-1', description: 'The actor (token subject) whose command was refused' })
  @Optional()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ enum: STEP_KEYS })
  @Optional()
  @IsIn(STEP_KEYS, { message: `step must be one of ${STEP_KEYS.join(', ')}` })
  step?: StepKey;

  @ApiPropertyOptional({ example: 'E1001' })
  @Optional()
  @Pattern(ID_PATTERN, { message: 'employeeId must be an employee id' })
  employeeId?: string;
}

/** GET /api/audit/streams: the stream catalog by name, a page after a name (keyset paging: stable while streams are added). */
export class StreamsQuery extends PickType(PageQuery, ['pageSize'] as const) {
  @ApiPropertyOptional({
    example: 'employee',
    description: 'Only the streams of this category (the part of the name before the first dash)',
  })
  @Optional()
  @Pattern(/^[a-z][a-z_]{0,39}$/, { message: 'category must be a stream category: lower-case letters, e.g. employee' })
  category?: string;

  @ApiPropertyOptional({
    example: 'employee-E1001',
    description: 'Only the streams whose name sorts after this one: the `next` of the previous page',
  })
  @Optional()
  @Length(1, 241)
  after?: string;
}
