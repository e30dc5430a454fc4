import { ApiProperty } from '@nestjs/swagger';
import { ID_PATTERN } from './employee.dto';
import { Pattern } from '../http/validators';

export class EmployeeIdParam {
  @ApiProperty({ example: 'E1001' })
  @Pattern(ID_PATTERN, { message: 'id must be an employee id (letters, digits, dots, dashes, underscores)' })
  id!: string;
}
