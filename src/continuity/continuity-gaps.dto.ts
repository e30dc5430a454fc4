import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GapView } from './continuity.view';

/** The answer of GET /api/reports/continuity-gaps, for the OpenAPI document (continuity-gaps.view.ts builds it). */

class GapsSummaryView {
  @ApiProperty({ example: 2, description: 'Months due and unpaid up to through' }) gapMonths!: number;
  @ApiProperty({ type: GapView, nullable: true }) firstGap!: GapView | null;
}

/** Each type the employee was enrolled in; the others are absent. */
class GapsByTypeView {
  @ApiPropertyOptional({ type: GapsSummaryView }) pension?: GapsSummaryView;
  @ApiPropertyOptional({ type: GapsSummaryView }) medical?: GapsSummaryView;
  @ApiPropertyOptional({ type: GapsSummaryView }) unemployment?: GapsSummaryView;
  @ApiPropertyOptional({ type: GapsSummaryView }) work_injury?: GapsSummaryView;
  @ApiPropertyOptional({ type: GapsSummaryView }) maternity?: GapsSummaryView;
}

class ContinuityGapsRowView {
  @ApiProperty({ example: 'E1001' }) employeeId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Masked (张*) for roles that may not see personal data' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) orgUnit!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ type: String, nullable: true }) category!: string | null;
  @ApiProperty({ type: GapsByTypeView }) types!: GapsByTypeView;
}

export class ContinuityGapsPageView {
  @ApiProperty({ type: ContinuityGapsRowView, isArray: true }) items!: ContinuityGapsRowView[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 3 }) total!: number;
  @ApiProperty({ example: '2024-12', description: 'Gaps up to this month' }) through!: string;
}
