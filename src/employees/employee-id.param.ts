import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ID_PATTERN } from './employee.dto';

export class EmployeeIdParam {
  @ApiProperty({ example: 'E1001' })
  @Matches(ID_PATTERN, { message: 'id must be an employee id (letters, digits, dots, dashes, underscores)' })
  id!: string;
}
