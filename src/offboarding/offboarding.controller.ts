import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles, seesPersonalData } from '../auth/principal';
import { Role } from '../domain/shared/vocabulary';
import { CommandResult } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { Ctx } from '../http/command-context';
import { CommandResponse, commandResponse } from '../http/command-response';
import { JSON_CONTENT_TYPE } from '../http/json-answers';
import { CancelCaseDto, CaseIdParam, CaseListQuery, OpenCaseDto, StepCommandDto, StepParams } from './offboarding.dto';
import { CancelOffboardingCase } from './commands/cancel-case.handler';
import { OpenOffboardingCase } from './commands/open-case.handler';
import { PerformOffboardingStep, StepPerformed } from './commands/perform-step.handler';
import { CaseListView, CaseView, OpenedCaseView, StepAnswerView } from './case-views.dto';
import { GetOffboardingCase } from './queries/get-case.handler';
import { CaseSummary, ListOffboardingCases } from './queries/list-cases.handler';

/** The manager first: a caller holding both roles acts as manager, so approval and overrides are theirs. */
const OPERATORS: Role[] = ['hr_manager', 'hr_specialist'];
const READERS: Role[] = ['hr_specialist', 'hr_manager', 'auditor', 'investigator', 'admin'];

@ApiTags('offboarding')
@ApiBearerAuth()
@Controller('api/offboarding')
export class OffboardingController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(...OPERATORS)
  @ApiOperation({
    summary: 'Open an offboarding case (离职) with the policy in force for the employee’s region and category',
    description:
      'Optional separation facts: proposedBy (mutual_agreement), renewalOffer (contract_expiry), noticeGivenOn and inProbation (resignation, dismissal). ' +
      'The severance (LCL art. 46) and unemployment-benefit (SIL art. 45) answers read them; a fact given for another reason is 400 INVALID_SEPARATION_FACT with its field.',
  })
  @ApiCreatedResponse({ type: OpenedCaseView })
  async open(@Body() dto: OpenCaseDto, @Ctx() context: CommandContext) {
    const result = await this.commands.execute<OpenOffboardingCase, CommandResult & { caseId: string }>(
      new OpenOffboardingCase(dto, context),
    );
    return { caseId: result.caseId, ...commandResponse(result) };
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Cases by status and employee; overdue=true keeps those with a step past its due date today',
    description:
      'Each case lists its overdueSteps with dueDate (from the step policy’s rule) and daysOverdue (calendar days, today by the application clock). ' +
      'Each also carries the employee’s name (masked for auditors and investigators), its steps as the case view has them, the step it waits on and the ' +
      'transfer-out notice awaiting the bureau’s answer, so that a board needs one request. At most 500 cases, the most recently opened first.',
  })
  @ApiOkResponse({ type: CaseListView })
  async list(@Query() query: CaseListQuery, @CurrentPrincipal() principal: Principal) {
    return {
      items: await this.queries.execute<ListOffboardingCases, CaseSummary[]>(new ListOffboardingCases(query, seesPersonalData(principal))),
    };
  }

  @Get(':caseId')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The case: each step’s status, prerequisites and due date, and warnings',
    description:
      'separation: { proposedBy, renewalOffer, noticeGivenOn, inProbation, noticeDays, noticePeriodEnds }, null where not recorded. The notice period runs from the day ' +
      'after the notice (Civil Code art. 201): 30 days (LCL arts. 37, 40), 3 for a resignation in probation. warnings says when the last working day comes before it ends ' +
      '(for a dismissal, the month in lieu of notice is then due, art. 40). Each step says, from the pinned policy, its title, each prerequisite with its kind ' +
      '(hard, or soft: an hr_manager may override it), the actions it takes, the role it is reserved to and its assignee; and as of today, overdue, daysLeft and daysOverdue. ' +
      'waitingOn is the step the case waits on; transferOutNotice the notice of the transfer-out filing awaiting the bureau’s answer.',
  })
  @ApiOkResponse({ type: CaseView })
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async get(@Param() { caseId }: CaseIdParam): Promise<Buffer> {
    return this.queries.execute<GetOffboardingCase, Buffer>(new GetOffboardingCase(caseId));
  }

  @Post(':caseId/steps/:step')
  @HttpCode(200)
  @Roles(...OPERATORS)
  @ApiOperation({
    summary: 'Act on a step: complete, or for si_transfer_out request / complete / reject',
    description:
      'A step whose prerequisites are not done is refused with 409 STEP_LOCKED and the missing steps; approval needs hr_manager.',
  })
  @ApiOkResponse({ type: StepAnswerView })
  async step(@Param() { caseId, step }: StepParams, @Body() dto: StepCommandDto, @Ctx() context: CommandContext) {
    const result = await this.commands.execute<PerformOffboardingStep, StepPerformed>(
      new PerformOffboardingStep(caseId, step, dto, context),
    );
    return { ...commandResponse(result), ...(result.notice ? { notice: result.notice } : {}) };
  }

  @Post(':caseId/cancel')
  @HttpCode(200)
  @Roles(...OPERATORS)
  @ApiOperation({ summary: 'Cancel the case; refused with 409 CASE_CLOSED once labour termination is registered' })
  @ApiOkResponse({ type: CommandResponse })
  async cancel(@Param() { caseId }: CaseIdParam, @Body() dto: CancelCaseDto, @Ctx() context: CommandContext) {
    return commandResponse(
      await this.commands.execute<CancelOffboardingCase, CommandResult>(new CancelOffboardingCase(caseId, dto.note, context)),
    );
  }
}
