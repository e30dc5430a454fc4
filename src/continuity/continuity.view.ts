import { ApiProperty } from '@nestjs/swagger';
import { MONTH_STATES, MonthState } from '../domain/continuity/continuity';
import { SEPARATION_REASONS } from '../domain/shared/vocabulary';

/** The answer of GET /api/employees/{id}/social-insurance/continuity, for the OpenAPI document. */

export class GapView {
  @ApiProperty({ example: '2023-04' }) from!: string;
  @ApiProperty({ example: '2023-05' }) to!: string;
  @ApiProperty({ example: 2 }) months!: number;
}

export class MonthRunView {
  @ApiProperty({ example: '2023-06' }) from!: string;
  @ApiProperty({ example: '2024-12' }) to!: string;
  @ApiProperty({
    enum: MONTH_STATES,
    description:
      'paid: covered; corrected: covered, with a correction recorded; gap: due and unpaid (断缴); transferred_out: after a completed transfer-out’s last paid month, not due here until a re-enrolment',
  })
  state!: MonthState;
}

class TypeContinuityView {
  @ApiProperty({ example: '2020-01' }) startMonth!: string;
  @ApiProperty({ example: 58 }) coveredMonths!: number;
  @ApiProperty({ type: String, nullable: true, example: '2024-12' }) lastPaidMonth!: string | null;
  @ApiProperty({ type: GapView, isArray: true }) gaps!: GapView[];
  @ApiProperty({ example: 19, description: 'Consecutive covered months ending at through' }) currentStreak!: number;
  @ApiProperty({ example: 39 }) longestStreak!: number;
  @ApiProperty({ example: 1, description: 'Corrections recorded on the covered months' }) corrections!: number;
  @ApiProperty({
    type: MonthRunView,
    isArray: true,
    description:
      'Every month from startMonth to through, as runs of one state each, oldest first (a calendar: paid, corrected, gap, transferred out)',
  })
  calendar!: MonthRunView[];
}

class UnemploymentBenefitView {
  @ApiProperty({ enum: SEPARATION_REASONS, nullable: true }) separationReason!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: a fact that decides SIL art. 45(2) is not recorded' }) eligible!:
    boolean | null;
  @ApiProperty({ example: 14 }) contributionMonths!: number;
  @ApiProperty({ type: Number, nullable: true, example: 12 }) maxMonths!: number | null;
  @ApiProperty({ description: 'The reasons, article by article' }) why!: string;
}

class PensionMinimumView {
  @ApiProperty({ example: 2030 }) retirementYear!: number;
  @ApiProperty({ example: 186 }) requiredMonths!: number;
  @ApiProperty({ example: 58, description: 'Covered pension months on this account (earlier employers’ years are not in this ledger)' })
  cumulativeMonths!: number;
  @ApiProperty({ example: 128 }) missingMonths!: number;
}

class ContinuityTypesView {
  @ApiProperty({ type: TypeContinuityView, required: false }) pension?: TypeContinuityView;
  @ApiProperty({ type: TypeContinuityView, required: false }) medical?: TypeContinuityView;
  @ApiProperty({ type: TypeContinuityView, required: false }) unemployment?: TypeContinuityView;
  @ApiProperty({ type: TypeContinuityView, required: false }) work_injury?: TypeContinuityView;
  @ApiProperty({ type: TypeContinuityView, required: false }) maternity?: TypeContinuityView;
}

export class EmployeeContinuityView {
  @ApiProperty({ example: 'E1001' }) employeeId!: string;
  @ApiProperty({ example: '2024-12' }) through!: string;
  @ApiProperty() transferredOut!: boolean;
  @ApiProperty({ type: ContinuityTypesView, description: 'Each type the account was ever enrolled in' }) types!: ContinuityTypesView;
  @ApiProperty({ type: UnemploymentBenefitView }) unemploymentBenefit!: UnemploymentBenefitView;
  @ApiProperty({ type: PensionMinimumView }) pension!: PensionMinimumView;
}
