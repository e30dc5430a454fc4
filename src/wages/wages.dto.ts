import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, IsCalendarMonth, IsMoney, IsText, Optional, Positive } from '../http/validators';

export class ChangeWageDto {
  @ApiProperty({
    example: 20000,
    description: 'The contractual monthly wage (约定工资) from effectiveDate on, CNY; more than 0, at most two decimals',
  })
  @IsMoney()
  @Positive({ message: 'monthlyWage must be more than 0' })
  monthlyWage!: number;

  @ApiProperty({
    example: '2024-01-01',
    description: 'The first day the wage is in force; on or after the hire date. A second change on the same date corrects the first.',
  })
  @IsCalendarDate()
  effectiveDate!: string;

  @ApiPropertyOptional({
    example: '2024 annual adjustment',
    description: 'Why, or a reference; kept in the event, never shown in timelines',
  })
  @Optional()
  @IsText({ max: 500, multiline: true })
  note?: string;
}

export class RecordMonthlyPayDto {
  @ApiProperty({ example: '2024-03', description: 'The month the pay is owed for; from the hire month through the termination month' })
  @IsCalendarMonth()
  month!: string;

  @ApiProperty({
    example: 21500,
    description:
      'What was owed for the month (应得工资/应发工资): time or piece wages plus bonuses, allowances and subsidies (Implementing Regulations art. 27), CNY; more than 0. A second record for the month corrects the first.',
  })
  @IsMoney()
  @Positive({ message: 'amount must be more than 0' })
  amount!: number;

  @ApiPropertyOptional({ example: 'payroll run 2024-04-10', description: 'Free text; kept in the event, never shown in timelines' })
  @Optional()
  @IsText({ max: 500, multiline: true })
  note?: string;
}
