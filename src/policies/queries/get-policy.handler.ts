import { NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WorkflowPolicy } from '../../domain/policy/policy';
import { EmployeeCategory } from '../../domain/shared/vocabulary';
import { PoliciesService } from '../policies.service';

/** The current version of a region's and category's policy, and the numbers of every version published. */
export class GetPolicy {
  constructor(
    readonly region: string,
    readonly category: EmployeeCategory,
  ) {}
}

@QueryHandler(GetPolicy)
export class GetPolicyHandler implements IQueryHandler<GetPolicy, { current: WorkflowPolicy; versions: number[] }> {
  constructor(private readonly policies: PoliciesService) {}

  async execute({ region, category }: GetPolicy): Promise<{ current: WorkflowPolicy; versions: number[] }> {
    const { versions } = await this.policies.versions(region, category);
    const current = versions.at(-1);
    if (!current) throw new NotFoundException({ code: 'NOT_FOUND', message: `No policy for region ${region} and category ${category}` });
    return { current, versions: versions.map((v) => v.version) };
  }
}
