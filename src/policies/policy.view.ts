import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { EMPLOYEE_CATEGORIES, ROLES, SEPARATION_REASONS, STEP_KEYS } from '../domain/shared/vocabulary';

/** The answers of GET /api/policies and GET /api/policies/{region}/{category}, for the OpenAPI document (domain/policy/policy.ts). */

class PolicyStepTitleView {
  @ApiProperty({ example: '社保转出' }) zh!: string;
  @ApiProperty({ example: 'Social-insurance transfer-out' }) en!: string;
}

class PolicyPrerequisiteView {
  @ApiProperty({ enum: STEP_KEYS }) step!: string;
  @ApiProperty({ enum: ['hard', 'soft'], description: 'soft: an hr_manager may override it' }) kind!: string;
}

class PolicyDueRuleView {
  @ApiProperty({ enum: ['on_termination', 'days_after_termination', 'before_last_working_day', 'reduction_cutoff', 'none'] }) kind!: string;
  @ApiPropertyOptional({ description: 'For days_after_termination and before_last_working_day' }) days?: number;
}

class PolicyAssigneeView {
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiPropertyOptional({ example: 'hr' }) department?: string;
}

class PolicyEscalationView {
  @ApiProperty({ description: 'Working days between reminders past the due date' }) every!: number;
  @ApiPropertyOptional({ enum: ROLES }) escalateTo?: string;
}

class PolicyReminderRuleView {
  @ApiProperty({ type: Number, isArray: true, description: 'Working days before the due date' }) before!: number[];
  @ApiProperty() onDue!: boolean;
  @ApiPropertyOptional({ type: PolicyEscalationView }) after?: PolicyEscalationView;
}

class PolicyAppliesToView {
  @ApiPropertyOptional({ enum: SEPARATION_REASONS, isArray: true }) reasons?: string[];
}

class PolicyStepView {
  @ApiProperty({ enum: STEP_KEYS }) key!: string;
  @ApiProperty({ type: PolicyStepTitleView }) title!: PolicyStepTitleView;
  @ApiProperty({ type: PolicyPrerequisiteView, isArray: true }) requires!: PolicyPrerequisiteView[];
  @ApiPropertyOptional({ type: PolicyAppliesToView, description: 'Absent: every separation reason' }) appliesTo?: PolicyAppliesToView;
  @ApiProperty({ type: PolicyDueRuleView }) due!: PolicyDueRuleView;
  @ApiPropertyOptional({ enum: ROLES, description: 'The role the step is reserved to' }) role?: string;
  @ApiProperty({ enum: ['complete', 'complete_reject', 'request_complete_reject'] }) actions!: string;
  @ApiPropertyOptional({ type: PolicyAssigneeView }) assignee?: PolicyAssigneeView;
  @ApiPropertyOptional({ type: PolicyReminderRuleView }) reminders?: PolicyReminderRuleView;
}

class PolicyView {
  @ApiProperty({ example: 'shanghai' }) region!: string;
  @ApiProperty({ enum: EMPLOYEE_CATEGORIES }) category!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ example: '2024-01-01' }) effectiveFrom!: string;
  @ApiProperty({ type: PolicyStepView, isArray: true }) steps!: PolicyStepView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Regional parameters, each with effectiveFrom and source: siReduction (the bureau’s cut-off), averageMonthlyWage, minimumMonthlyWage, filingTemplates',
  })
  parameters!: Record<string, unknown>;
  @ApiPropertyOptional({ type: PolicyReminderRuleView, description: 'The steps’ reminders unless a step has its own' })
  reminders?: PolicyReminderRuleView;
}

/** PUT's body: a policy as GET answers it, without its version (the service numbers it). */
export class PolicyDraftView extends OmitType(PolicyView, ['version'] as const) {}

export class PolicyAnswerView {
  @ApiProperty({ type: PolicyView }) current!: PolicyView;
  @ApiProperty({ type: Number, isArray: true, example: [1, 2, 3], description: 'Every version published, oldest first' })
  versions!: number[];
}

class PolicyListItemView {
  @ApiProperty({ example: 'shanghai' }) region!: string;
  @ApiProperty({ enum: EMPLOYEE_CATEGORIES }) category!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ example: '2024-01-01' }) effectiveFrom!: string;
}

export class PolicyListView {
  @ApiProperty({ type: PolicyListItemView, isArray: true }) items!: PolicyListItemView[];
}
