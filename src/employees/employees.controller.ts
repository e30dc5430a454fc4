import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/principal';
import { Role } from '../domain/shared/vocabulary';
import { Ctx } from '../http/command-context';
import { CommandResult } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { CommandResponse, commandResponse } from '../http/command-response';
import { ChangePositionDto, HireEmployeeDto, SignContractDto, UpdatePersonalDataDto } from './employee.dto';
import { EmployeeProfileView } from './employee-profile.view';
import { ChangePosition } from './commands/change-position.handler';
import { HireEmployee } from './commands/hire-employee.handler';
import { SignContract } from './commands/sign-contract.handler';
import { UpdatePersonalData } from './commands/update-personal-data.handler';
import { GetEmployeeProfile } from './queries/get-employee-profile.handler';
import { EmployeeIdParam } from './employee-id.param';

const WRITERS: Role[] = ['hr_specialist', 'hr_manager'];
const READERS: Role[] = ['hr_specialist', 'hr_manager', 'auditor', 'investigator', 'admin'];

class HiredResponse extends CommandResponse {
  @ApiProperty({ example: 'E1001', description: 'The one given, or the one made up when none was' })
  employeeId!: string;
}

@ApiTags('employees')
@ApiBearerAuth()
@Controller('api/employees')
export class EmployeesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Hire: open an employee archive (员工档案), or rehire a separated employee on theirs',
    description:
      'A known employeeId whose archive is separated (and whose personal data is not erased) is rehired: EmployeeRehired starts a new employment period from hireDate, ' +
      'which must be after the last termination date (409 REHIRE_BEFORE_TERMINATION); the idNumber must match the one on record (409 ID_NUMBER_MISMATCH); ' +
      'previous periods stay in the profile (employmentPeriods). An employee still employed: 409 EMPLOYEE_EXISTS.',
  })
  @ApiCreatedResponse({ type: HiredResponse })
  async hire(@Body() dto: HireEmployeeDto, @Ctx() context: CommandContext): Promise<HiredResponse> {
    const result = await this.commands.execute<HireEmployee, CommandResult & { employeeId: string }>(new HireEmployee(dto, context));
    return { employeeId: result.employeeId, ...commandResponse(result) };
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The employee profile; names and ID numbers masked for auditors and investigators' })
  @ApiOkResponse({ type: EmployeeProfileView })
  async profile(@Param() { id }: EmployeeIdParam, @CurrentPrincipal() principal: Principal): Promise<EmployeeProfileView> {
    return this.queries.execute<GetEmployeeProfile, EmployeeProfileView>(new GetEmployeeProfile(id, principal));
  }

  @Patch(':id/personal-data')
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Correct name, ID number or contact data',
    description:
      'Fields left out keep their value; contact replaces the whole contact. An empty body is 400 VALIDATION. ' +
      'When every value sent is already on record nothing is written: 200 with the current revision and position.',
  })
  @ApiOkResponse({ type: CommandResponse })
  async updatePersonalData(@Param() { id }: EmployeeIdParam, @Body() dto: UpdatePersonalDataDto, @Ctx() context: CommandContext) {
    return commandResponse(await this.commands.execute<UpdatePersonalData, CommandResult>(new UpdatePersonalData(id, dto, context)));
  }

  @Post(':id/contracts')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record a labour or appointment contract (fixed-term, open-ended, task-based)' })
  @ApiCreatedResponse({ type: CommandResponse })
  async signContract(@Param() { id }: EmployeeIdParam, @Body() dto: SignContractDto, @Ctx() context: CommandContext) {
    return commandResponse(await this.commands.execute<SignContract, CommandResult>(new SignContract(id, dto, context)));
  }

  @Post(':id/positions')
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record a change of position or org unit' })
  @ApiCreatedResponse({ type: CommandResponse })
  async changePosition(@Param() { id }: EmployeeIdParam, @Body() dto: ChangePositionDto, @Ctx() context: CommandContext) {
    return commandResponse(await this.commands.execute<ChangePosition, CommandResult>(new ChangePosition(id, dto, context)));
  }
}
