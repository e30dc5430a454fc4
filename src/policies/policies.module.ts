import { Module } from '@nestjs/common';
import { PublishPolicyHandler } from './commands/publish-policy.handler';
import { PoliciesController } from './policies.controller';
import { PolicyInForceModule } from './policy-in-force.module';
import { GetPolicyHandler } from './queries/get-policy.handler';
import { ListPoliciesHandler } from './queries/list-policies.handler';

@Module({
  imports: [PolicyInForceModule],
  controllers: [PoliciesController],
  providers: [PublishPolicyHandler, GetPolicyHandler, ListPoliciesHandler],
  exports: [PolicyInForceModule],
})
export class PoliciesModule {}
