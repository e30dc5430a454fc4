import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { EMPLOYEE_CATEGORIES, EmployeeCategory, ROLES } from '../domain/shared/vocabulary';
import { WorkflowPolicy } from '../domain/policy/policy';
import { CommandResult } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { Ctx } from '../http/command-context';
import { CommandResponse, commandResponse } from '../http/command-response';
import { PublishPolicy } from './commands/publish-policy.handler';
import { PolicyAnswerView, PolicyDraftView, PolicyListView } from './policy.view';
import { GetPolicy } from './queries/get-policy.handler';
import { ListPolicies, PolicyListItem } from './queries/list-policies.handler';
import { Pattern } from '../http/validators';

class PolicyParams {
  @ApiProperty({ example: 'shanghai' })
  @Pattern(/^[a-z][a-z0-9_]{1,39}$/, { message: 'region must be a lower-case region key, e.g. shanghai' })
  region!: string;

  @ApiProperty({ enum: EMPLOYEE_CATEGORIES })
  @IsIn(EMPLOYEE_CATEGORIES, { message: `category must be one of ${EMPLOYEE_CATEGORIES.join(', ')}` })
  category!: EmployeeCategory;
}

@ApiTags('policies')
@ApiBearerAuth()
@Controller('api/policies')
export class PoliciesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Every region and category with a published workflow policy, and its current version' })
  @ApiOkResponse({ type: PolicyListView })
  list() {
    return this.queries.execute<ListPolicies, PolicyListItem[]>(new ListPolicies()).then((items) => ({ items }));
  }

  @Get(':region/:category')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'The current version of a policy: steps with their prerequisites and due-date rules, regional parameters with sources',
  })
  @ApiOkResponse({ type: PolicyAnswerView })
  current(@Param() { region, category }: PolicyParams) {
    return this.queries.execute<GetPolicy, { current: WorkflowPolicy; versions: number[] }>(new GetPolicy(region, category));
  }

  @Put(':region/:category')
  @Roles('admin')
  @ApiOperation({ summary: 'Publish a new version (admin). Open cases keep the version they started with.' })
  @ApiBody({
    type: PolicyDraftView,
    description:
      'The policy without its version: region, category, effectiveFrom, steps, parameters, reminders (as GET returns it). ' +
      'Each step may name its assignee { role: hr_specialist|hr_manager|admin, department?: lower-case key such as hr, it, finance } ' +
      '(default: hr; the approval to the hr_manager) and override the policy’s reminders ' +
      '{ before: [working days, 1–60], onDue: boolean, after?: { every: working days, escalateTo?: role } }.',
  })
  @ApiOkResponse({ type: CommandResponse })
  async publish(@Param() { region, category }: PolicyParams, @Body() draft: Record<string, unknown>, @Ctx() context: CommandContext) {
    return commandResponse(await this.commands.execute<PublishPolicy, CommandResult>(new PublishPolicy(region, category, draft, context)));
  }
}
