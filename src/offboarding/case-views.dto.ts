import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandResponse } from '../http/command-response';
import { ASSIGNABLE_ROLES } from '../domain/policy/assignee';
import { SEPARATION_REASONS, STEP_KEYS, StepKey } from '../domain/shared/vocabulary';

/** The answers' shapes for the OpenAPI document (GET /api/offboarding and GET /api/offboarding/{caseId}), as case.view.ts builds them. */

class StepTitleView {
  @ApiProperty({ example: '退工登记' }) zh!: string;
  @ApiProperty({ example: 'labour termination registration (退工)' }) en!: string;
}

class PrerequisiteView {
  @ApiProperty({ enum: STEP_KEYS }) step!: StepKey;
  @ApiProperty({
    enum: ['hard', 'soft'],
    description: 'hard: never overridden (a legal order); soft: an hr_manager may override it with a written reason (`override`)',
  })
  kind!: string;
}

class StepAssigneeView {
  @ApiProperty({ example: 'hr_specialist', description: `A role: ${ASSIGNABLE_ROLES.join(', ')}, or the step's own role` }) role!: string;
  @ApiProperty({ type: String, nullable: true, example: 'hr' }) department!: string | null;
}

export class CaseStepView {
  @ApiProperty({ enum: STEP_KEYS }) key!: StepKey;
  @ApiProperty({ enum: ['locked', 'available', 'in_progress', 'done', 'rejected'] }) status!: string;
  @ApiProperty({ enum: STEP_KEYS, isArray: true }) requires!: StepKey[];
  @ApiProperty({ enum: STEP_KEYS, isArray: true, description: 'Prerequisites neither done nor overridden' }) missing!: StepKey[];
  @ApiProperty({ type: String, nullable: true, example: '2024-07-15' }) dueDate!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-07-03' }) doneOn!: string | null;
  @ApiProperty({ description: 'Not done, the case open, and the due date passed (today: China’s business day)' }) overdue!: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Calendar days from today to the due date: 0 on the due day, negative once overdue; null when done, without a date, or the case closed',
  })
  daysLeft!: number | null;
  @ApiProperty({ type: Number, description: 'Calendar days past the due date: 1 on the day after it; 0 when not overdue' })
  daysOverdue!: number;
  @ApiProperty({ type: StepTitleView, description: 'From the policy the case pinned' }) title!: StepTitleView;
  @ApiProperty({ type: PrerequisiteView, isArray: true, description: 'Every prerequisite with its kind' })
  prerequisites!: PrerequisiteView[];
  @ApiProperty({ enum: ['complete', 'request', 'reject'], isArray: true, description: 'The actions the step route takes for this step' })
  actions!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Only this role may act on the step (approval: hr_manager); null: any operator',
  })
  role!: string | null;
  @ApiProperty({ type: StepAssigneeView, description: 'Who does the step (the policy’s assignee, or the default of assignee.ts)' })
  assignee!: StepAssigneeView;
}

export class TransferOutNoticeView {
  @ApiProperty({ example: '2024-07-01', description: 'The filing date' }) requestedOn!: string;
  @ApiProperty({ example: '2024-06', description: 'The last month the leaving employer contributes for, as predicted' })
  lastContributionMonth!: string;
  @ApiProperty({
    example: '2024-07-15',
    description: 'The last day to file without an extra or a missing month, within the 15 days of LCL art. 50',
  })
  fileBy!: string;
  @ApiProperty({
    example: 0,
    description:
      'Months from the last contribution month to the month of the last working day: positive, months left without contributions (断缴); negative, months paid beyond it',
  })
  predictedGapMonths!: number;
  @ApiProperty({ type: String, isArray: true, description: 'The bureau’s warnings, bilingual' }) warnings!: string[];
}

class OverdueStepView {
  @ApiProperty({ enum: STEP_KEYS }) key!: StepKey;
  @ApiProperty({ example: '2024-07-15' }) dueDate!: string;
  @ApiProperty() daysOverdue!: number;
}

class CasePolicyView {
  @ApiProperty({ example: 'shanghai' }) region!: string;
  @ApiProperty({ example: 'enterprise_regular' }) category!: string;
  @ApiProperty() version!: number;
}

const WAITING_ON = {
  type: String,
  nullable: true,
  example: 'si_transfer_out',
  description:
    'A step key, the step the case waits on: the first in the policy’s order that is available, filed (in_progress) or returned (rejected); when every step left is locked, the first of them; null once closed',
} as const;
const NOTICE = {
  type: TransferOutNoticeView,
  nullable: true,
  description: 'The notice of the transfer-out filing awaiting the bureau’s answer (si_transfer_out in_progress); null otherwise',
} as const;

export class CaseSummaryView {
  @ApiProperty() caseId!: string;
  @ApiProperty({ example: 'E1001' }) employeeId!: string;
  @ApiProperty({ enum: ['open', 'completed', 'cancelled'] }) status!: string;
  @ApiProperty({ enum: SEPARATION_REASONS }) reason!: string;
  @ApiProperty({ example: '2024-06-30' }) lastWorkingDay!: string;
  @ApiProperty({ example: '2024-06-01' }) openedAt!: string;
  @ApiProperty({ type: CasePolicyView }) policy!: CasePolicyView;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '张三',
    description: 'The employee’s name; masked (张*) for roles that may not see personal data; null when none is on record or it is erased',
  })
  name!: string | null;
  @ApiProperty({ type: OverdueStepView, isArray: true }) overdueSteps!: OverdueStepView[];
  @ApiProperty(WAITING_ON) waitingOn!: StepKey | null;
  @ApiProperty({ type: CaseStepView, isArray: true }) steps!: CaseStepView[];
  @ApiProperty(NOTICE) transferOutNotice!: TransferOutNoticeView | null;
}

export class CaseListView {
  @ApiProperty({ type: CaseSummaryView, isArray: true, description: 'At most 500, the most recently opened first' })
  items!: CaseSummaryView[];
}

export class CaseView {
  @ApiProperty() caseId!: string;
  @ApiProperty({ example: 'E1001' }) employeeId!: string;
  @ApiProperty({ enum: ['open', 'completed', 'cancelled'] }) status!: string;
  @ApiProperty({ enum: SEPARATION_REASONS }) reason!: string;
  @ApiProperty({ example: '2024-06-30' }) lastWorkingDay!: string;
  @ApiProperty({ example: '2024-06-01' }) openedAt!: string;
  @ApiProperty({ type: CasePolicyView }) policy!: CasePolicyView;
  @ApiProperty({ type: Object, description: 'The separation facts (see the description above)' }) separation!: object;
  @ApiProperty({ type: CaseStepView, isArray: true }) steps!: CaseStepView[];
  @ApiProperty({ type: String, isArray: true }) warnings!: string[];
  @ApiProperty({ type: Object, description: '{ status: not_requested|requested|rejected|completed, attempts, lastPaidMonth }' })
  socialInsuranceTransfer!: object;
  @ApiProperty({ type: String, nullable: true }) terminationDate!: string | null;
  @ApiProperty({ type: Object, isArray: true }) laborTerminationRejections!: object[];
  @ApiProperty({ type: Object, isArray: true }) overrides!: object[];
  @ApiProperty({ type: String, nullable: true }) completedOn!: string | null;
  @ApiProperty(WAITING_ON) waitingOn!: StepKey | null;
  @ApiProperty(NOTICE) transferOutNotice!: TransferOutNoticeView | null;
}

/** What POST /api/offboarding answers: the new case's id, and where its first event went. */
export class OpenedCaseView extends CommandResponse {
  @ApiProperty({ example: 'c-2024-0001' }) caseId!: string;
}

/** What POST /api/offboarding/{caseId}/steps/{step} answers: where its events went, and a transfer-out request's notice. */
export class StepAnswerView extends CommandResponse {
  @ApiPropertyOptional({ type: TransferOutNoticeView, description: 'For si_transfer_out with action request only' })
  notice?: TransferOutNoticeView;
}
