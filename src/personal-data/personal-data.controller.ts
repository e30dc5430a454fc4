import { Controller, Delete, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { EmployeeIdParam } from '../employees';
import { CommandResult } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { Ctx } from '../http/command-context';
import { CommandResponse, commandResponse } from '../http/command-response';
import { ErasePersonalData } from './commands/erase-personal-data.handler';

@ApiTags('employees')
@ApiBearerAuth()
@Controller('api/employees')
export class PersonalDataController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id/personal-data')
  @Roles('admin')
  @ApiOperation({
    summary: 'Erase name, ID number and contact data by destroying the employee’s key (crypto-shredding)',
    description:
      'Events stay; their personal fields become unreadable, and profiles show them as erased. ' +
      '409 EMPLOYEE_EMPLOYED for an employee still employed; 409 RETENTION_PERIOD with retainUntil until two years after labour termination ' +
      '(Labour Contract Law art. 50). Idempotent: repeating the request after a failure finishes the erasure.',
  })
  @ApiOkResponse({ type: CommandResponse })
  async erase(@Param() { id }: EmployeeIdParam, @Ctx() context: CommandContext): Promise<CommandResponse> {
    return commandResponse(await this.commands.execute<ErasePersonalData, CommandResult>(new ErasePersonalData(id, context)));
  }
}
