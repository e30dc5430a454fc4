import { Module } from '@nestjs/common';
import { PublishPolicyHandler } from './commands/publish-policy.handler';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';
import { GetPolicyHandler } from './queries/get-policy.handler';
import { ListPoliciesHandler } from './queries/list-policies.handler';

@Module({ controllers: [PoliciesController], providers: [PoliciesService, PublishPolicyHandler, GetPolicyHandler, ListPoliciesHandler], exports: [PoliciesService] })
export class PoliciesModule {}
