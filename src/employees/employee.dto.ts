import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, ValidateNested, registerDecorator } from 'class-validator';
import { validateResidentId } from '../domain/employee/resident-id';
import { CONTRACT_TYPES, ContractType, EMPLOYEE_CATEGORIES, EmployeeCategory } from '../domain/shared/vocabulary';
import { IsCalendarDate, IsMoney, IsText, Optional, Pattern } from '../http/validators';

/** Ids become part of stream names and URLs: letters, digits and . _ - only. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * What a pattern can say of a resident ID (validateResidentId's rules but the check character and
 * February's days): area code not starting with 0, birth date from 1900 on, 3 digits, digit or X.
 */
const RESIDENT_ID_SHAPE = '^[1-9]\\d{5}(?:19|20)\\d\\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]$';

/** An 18-character resident ID with a valid birth date and GB 11643 check digit. The message never repeats the value. */
function IsResidentId(): PropertyDecorator {
  return (target, property) => {
    ApiProperty({
      type: String,
      pattern: RESIDENT_ID_SHAPE,
      description: 'GB 11643: the 18th character is the check character of the first 17',
    })(target, property);
    registerDecorator({
      name: 'isResidentId',
      target: target.constructor,
      propertyName: property as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validateResidentId(value).ok,
        defaultMessage: (args) => {
          const check = typeof args?.value === 'string' ? validateResidentId(args.value) : null;
          return `idNumber is not a valid resident ID number${check && !check.ok ? `: ${check.reason}` : ''}`;
        },
      },
    });
  };
}

export class ContactDto {
  @ApiPropertyOptional({ example: '13800000000' })
  @Optional()
  @Pattern(/^\+?[0-9 -]{5,20}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: 'zhangsan@example.com', format: 'email' })
  @Optional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsText({ max: 300 })
  address?: string;
}

/** Regs art. 10: service with an earlier employer the employee was moved from not of their own will. */
export class PriorTransferDto {
  @ApiProperty({ example: '上海某集团有限公司', description: 'The earlier employer the employee was moved from' })
  @IsText({ max: 200 })
  fromEmployer!: string;

  @ApiProperty({ example: '2016-03-01', description: 'When service with the earlier employer began; before hireDate' })
  @IsCalendarDate()
  since!: string;

  @ApiProperty({
    enum: [true],
    description:
      'Must be true: only a move not of the employee’s own will (same post with a new employer of record, a group assignment, a merger or split) carries the earlier years (Regs art. 10)',
  })
  @IsIn([true], { message: 'notOfOwnWill must be true: a move by the employee’s own choice carries no earlier years (Regs art. 10)' })
  notOfOwnWill!: true;

  @ApiPropertyOptional({
    description: 'The earlier employer already paid economic compensation for those years (then they are not counted again)',
  })
  @Optional()
  @IsBoolean({ message: 'compensationPaid must be true or false' })
  compensationPaid?: boolean;
}

export class HireEmployeeDto {
  @ApiPropertyOptional({ example: 'E1001', description: 'Generated when absent' })
  @Optional()
  @Pattern(ID_PATTERN, { message: 'employeeId must be 1-64 letters, digits, dots, dashes or underscores' })
  employeeId?: string;

  @ApiProperty({
    example: '张三',
    description: 'Free text: trimmed at both ends, 1-100 characters, one line, no control characters (400 VALIDATION)',
  })
  @IsText({ max: 100 })
  name!: string;

  @ApiProperty({ example: '11010519491231002X' })
  @IsResidentId()
  idNumber!: string;

  @ApiProperty({
    example: 'Finance',
    description: 'Free text: trimmed at both ends, 1-100 characters, one line, no control characters (400 VALIDATION)',
  })
  @IsText({ max: 100 })
  orgUnit!: string;

  @ApiProperty({ enum: EMPLOYEE_CATEGORIES })
  @IsIn(EMPLOYEE_CATEGORIES, { message: `category must be one of ${EMPLOYEE_CATEGORIES.join(', ')}` })
  category!: EmployeeCategory;

  @ApiProperty({ example: 'shanghai', description: 'A region with a published policy' })
  @Pattern(/^[a-z][a-z0-9_]{1,39}$/, { message: 'region must be a lower-case region key, e.g. shanghai' })
  region!: string;

  @ApiProperty({ example: '2020-01-06', description: 'At most 90 days after today, for someone joining (409 DATE_IN_FUTURE)' })
  @IsCalendarDate()
  hireDate!: string;

  @ApiProperty({
    example: 12000,
    description:
      'The monthly wage agreed at hire, CNY: the first entry of the wage history (later changes: POST /api/employees/{id}/wages)',
  })
  @IsMoney()
  monthlyWage!: number;

  @ApiPropertyOptional({ example: 'Accountant' })
  @Optional()
  @IsText({ max: 100 })
  position?: string;

  @ApiPropertyOptional({ type: ContactDto })
  @Optional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;

  @ApiPropertyOptional({
    type: PriorTransferDto,
    description:
      'Service with an earlier employer the employee was moved from not of their own will (Regs art. 10): the severance answer is then flagged for manual review; the earlier years are never computed',
  })
  @Optional()
  @ValidateNested()
  @Type(() => PriorTransferDto)
  priorTransfer?: PriorTransferDto;
}

export class UpdatePersonalDataDto {
  @ApiPropertyOptional({
    example: '张三',
    description: 'Free text: trimmed at both ends, 1-100 characters, one line, no control characters (400 VALIDATION)',
  })
  @Optional()
  @IsText({ max: 100 })
  name?: string;

  @ApiPropertyOptional({ example: '11010519491231002X' })
  @Optional()
  @IsResidentId()
  idNumber?: string;

  @ApiPropertyOptional({ type: ContactDto })
  @Optional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

export class SignContractDto {
  @ApiProperty({ example: 'C1' })
  @Pattern(ID_PATTERN, { message: 'contractId must be 1-64 letters, digits, dots, dashes or underscores' })
  contractId!: string;

  @ApiProperty({ enum: CONTRACT_TYPES })
  @IsIn(CONTRACT_TYPES, { message: `type must be one of ${CONTRACT_TYPES.join(', ')}` })
  type!: ContractType;

  @ApiProperty({ example: '2020-01-06', description: 'Not before the hire date; at most 90 days after today (409 DATE_IN_FUTURE)' })
  @IsCalendarDate()
  startDate!: string;

  @ApiPropertyOptional({ example: '2023-01-05', description: 'Required for fixed_term, absent for open_ended; inclusive' })
  @Optional()
  @IsCalendarDate()
  endDate?: string;
}

export class ChangePositionDto {
  @ApiProperty({ example: 'Senior accountant' })
  @IsText({ max: 100 })
  position!: string;

  @ApiPropertyOptional({ example: 'Finance' })
  @Optional()
  @IsText({ max: 100 })
  orgUnit?: string;

  @ApiProperty({ example: '2023-03-01', description: 'Not before the hire date; at most 90 days after today (409 DATE_IN_FUTURE)' })
  @IsCalendarDate()
  effectiveDate!: string;
}
