import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ASSIGNABLE_ROLES, DEPARTMENT } from '../domain/policy/assignee';
import { STEP_KEYS, StepKey } from '../domain/shared/vocabulary';
import { PageQuery } from '../http/paging';
import { Optional, Pattern } from '../http/validators';

class WorklistFilter {
  @ApiPropertyOptional({ enum: STEP_KEYS })
  @Optional()
  @IsIn(STEP_KEYS, { message: `step must be one of ${STEP_KEYS.join(', ')}` })
  step?: StepKey;

  @ApiPropertyOptional({ example: 'shanghai', description: 'The region of the case’s policy' })
  @Optional()
  @Pattern(/^[a-z][a-z0-9_]{1,39}$/, { message: 'region must be a lower-case region key, e.g. shanghai' })
  region?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only tasks past their due date today (China’s business day)' })
  @Optional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({
    example: 'finance',
    description: 'Only tasks assigned to this department (one of the caller’s, for an hr_manager)',
  })
  @Optional()
  @Pattern(DEPARTMENT, { message: 'department must be a lower-case department key, e.g. hr, it, finance' })
  department?: string;
}

export class WorklistQuery extends IntersectionType(PageQuery, WorklistFilter) {}

class TitleView {
  @ApiProperty({ example: '退工登记' }) zh!: string;
  @ApiProperty({ example: 'labour termination registration (退工)' }) en!: string;
}

class AssigneeView {
  @ApiProperty({ enum: ASSIGNABLE_ROLES }) role!: string;
  @ApiProperty({ type: String, nullable: true, example: 'hr' }) department!: string | null;
}

export class WorklistTaskView {
  @ApiProperty({ example: '0190f0e4-…' }) caseId!: string;
  @ApiProperty({ example: 'E1001' }) employeeId!: string;
  @ApiProperty({ enum: STEP_KEYS }) step!: StepKey;
  @ApiProperty({ type: TitleView }) title!: TitleView;
  @ApiProperty({
    enum: ['available', 'locked', 'in_progress', 'rejected'],
    description: 'locked: do the steps in `missing` first; in_progress: filed, waiting for the bureau; rejected: returned, file again',
  })
  state!: string;
  @ApiProperty({ enum: STEP_KEYS, isArray: true, description: 'Prerequisites neither done nor overridden' }) missing!: StepKey[];
  @ApiProperty({ type: String, nullable: true, example: '2026-10-15' }) dueDate!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Calendar days from today (China’s business day) to the due date: 0 on the due day, negative once overdue',
  })
  daysLeft!: number | null;
  @ApiProperty({ description: 'Past the due date today' }) overdue!: boolean;
  @ApiProperty({ type: Number, description: 'Calendar days past the due date: 1 on the day after it; 0 when not overdue' })
  daysOverdue!: number;
  @ApiProperty({ enum: STEP_KEYS, isArray: true, description: 'The steps that require this one' }) unlocks!: StepKey[];
  @ApiProperty({ type: AssigneeView }) assignee!: AssigneeView;
  @ApiProperty({ example: 'shanghai' }) region!: string;
}

export class WorklistPageView {
  @ApiProperty({ type: WorklistTaskView, isArray: true }) items!: WorklistTaskView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
