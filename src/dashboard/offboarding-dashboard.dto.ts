import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator } from 'class-validator';
import { isIsoDate } from '../domain/shared/calendar';
import { IsCalendarDate } from '../http/validators';
import { OrganisationFilter } from '../reports';

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

class DashboardFilters {
  @ApiProperty({ type: String, example: '2024-01-01' }) from!: string;
  @ApiProperty({ type: String, example: '2024-12-31' }) to!: string;
  @ApiProperty({ type: String, nullable: true }) orgUnit!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ type: String, nullable: true }) category!: string | null;
}

class DashboardBreakdown {
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: Object, example: { labor_termination: 2 }, description: 'Count by step key' }) byStep!: Record<string, number>;
}

class FilingRejectionsView {
  @ApiProperty({ type: Number, description: 'Transfer-out (社保转出) filings the SI bureau returned (退单), by the day of the answer' })
  siTransferOut!: number;
  @ApiProperty({
    type: Number,
    description: 'Labour termination (退工) filings the employment service returned (驳回), by the day of the answer',
  })
  laborTermination!: number;
}

/** The figures of a range, or of one month's part of it: rates are fractions 0..1 (4 decimals), null when there is nothing to divide. */
class PeriodFiguresView {
  @ApiProperty({ type: Number, description: 'Cases opened in the range' }) casesOpened!: number;
  @ApiProperty({ type: Number, description: 'Cases completed in the range' }) casesCompleted!: number;
  @ApiProperty({ type: Number, description: 'Cases cancelled in the range' }) casesCancelled!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Of the cases completed in the range, those whose SI and archive transfers were within 15 days of termination (LCL art. 50)',
  })
  onTimeRate!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Of the bureau’s answers to transfer-out filings in the range, the completions; a rejection (退单) is a failure',
  })
  siTransferSuccessRate!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Of the employment service’s answers to 退工 filings in the range, the acceptances (退工 registered); a rejection (驳回) is a failure',
  })
  laborTerminationFilingSuccessRate!: number | null;
  @ApiProperty({ type: FilingRejectionsView, description: 'Returned filings in the range, by kind' })
  filingRejections!: FilingRejectionsView;
  @ApiProperty({ type: Number, nullable: true }) averageDaysToComplete!: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianDaysToComplete!: number | null;
  @ApiProperty({ type: DashboardBreakdown, description: 'Refused step commands recorded in the range, by step' })
  blockedAttempts!: DashboardBreakdown;
  @ApiProperty({ type: DashboardBreakdown, description: 'Overrides of soft prerequisites in the range, by the step let go ahead' })
  overrides!: DashboardBreakdown;
}

class MonthFiguresView extends PeriodFiguresView {
  @ApiProperty({ type: String, example: '2024-06', description: 'The month; its figures count only the days of it within the range' })
  month!: string;
}

/** GET /api/dashboard/offboarding: rates are fractions 0..1 (4 decimals), null when there is nothing to divide. */
export class OffboardingDashboardView extends PeriodFiguresView {
  @ApiProperty({ type: DashboardFilters }) filters!: DashboardFilters;
  @ApiProperty({ type: Object, description: 'Of the cases opened in the range and still open, how many wait on each step' })
  openByStep!: Record<string, number>;
  @ApiProperty({
    type: MonthFiguresView,
    isArray: true,
    nullable: true,
    description:
      'Every month the range touches, in order, with the figures above (openByStep excepted) for its days within the range; a month without a fact has zeros and nulls. ' +
      'null when the range touches more than 120 months.',
  })
  byMonth!: MonthFiguresView[] | null;
}
