import { BadRequestException, Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { PolicyDraft } from '../domain/policy/policy-publication.decider';
import { validatePolicy } from '../domain/policy/validate-policy';
import { EMPLOYEE_CATEGORIES, EmployeeCategory, ROLES } from '../domain/shared/vocabulary';
import { CommandContext } from '../event-sourcing/envelope';
import { Ctx } from '../http/command-context';
import { CommandResponse, commandResponse } from '../http/command-response';
import { PoliciesService } from './policies.service';

class PolicyParams {
  @ApiProperty({ example: 'shanghai' })
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'region must be a lower-case region key, e.g. shanghai' })
  region!: string;

  @ApiProperty({ enum: EMPLOYEE_CATEGORIES })
  @IsIn(EMPLOYEE_CATEGORIES, { message: `category must be one of ${EMPLOYEE_CATEGORIES.join(', ')}` })
  category!: EmployeeCategory;
}

@ApiTags('policies')
@ApiBearerAuth()
@Controller('api/policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Every region and category with a published workflow policy, and its current version' })
  list() {
    return this.policies.list().then((items) => ({ items }));
  }

  @Get(':region/:category')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The current version of a policy: steps with their prerequisites and due-date rules, regional parameters with sources' })
  current(@Param() { region, category }: PolicyParams) {
    return this.policies.current(region, category);
  }

  @Put(':region/:category')
  @Roles('admin')
  @ApiOperation({ summary: 'Publish a new version (admin). Open cases keep the version they started with.' })
  @ApiBody({ description: 'The policy without its version: region, category, effectiveFrom, steps, parameters (as GET returns it)' })
  @ApiOkResponse({ type: CommandResponse })
  async publish(@Param() { region, category }: PolicyParams, @Body() draft: Record<string, unknown>, @Ctx() context: CommandContext) {
    const problems = validatePolicy({ ...draft, version: 1 });
    if (problems.length) {
      throw new BadRequestException({
        code: 'VALIDATION',
        message: 'The policy is not valid',
        errors: problems.map((p) => {
          const colon = p.indexOf(':');
          return colon > 0 ? { field: p.slice(0, colon), message: p.slice(colon + 1).trim() } : { field: 'policy', message: p };
        }),
      });
    }
    return commandResponse(await this.policies.publish(region, category, draft as unknown as PolicyDraft, { ...context, effectiveDate: String(draft.effectiveFrom) }));
  }
}
