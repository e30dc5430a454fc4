import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationModule } from './application/application.module';
import { ChangePositionHandler } from './employees/commands/change-position.handler';
import { HireEmployeeHandler } from './employees/commands/hire-employee.handler';
import { RecordEmployeeSeparationHandler } from './employees/commands/record-separation.handler';
import { ReleaseOffboardingLockHandler } from './employees/commands/release-offboarding.handler';
import { SignContractHandler } from './employees/commands/sign-contract.handler';
import { UpdatePersonalDataHandler } from './employees/commands/update-personal-data.handler';
import { Clock, CLOCK } from './infrastructure/clock';
import { EVENT_STORE, EventStore } from './infrastructure/event-store/event-store.port';
import { ScopedEventStore } from './infrastructure/event-store/scoped-event-store';
import { CancelOffboardingCaseHandler } from './offboarding/commands/cancel-case.handler';
import { OpenOffboardingCaseHandler } from './offboarding/commands/open-case.handler';
import { PerformOffboardingStepHandler } from './offboarding/commands/perform-step.handler';
import { PoliciesService } from './policies/policies.service';
import { AdjustContributionBaseHandler } from './social-insurance/commands/adjust-contribution-base.handler';
import { CloseInsuranceForTransferOutHandler } from './social-insurance/commands/close-for-transfer-out.handler';
import { EnrollInSocialInsuranceHandler } from './social-insurance/commands/enroll.handler';
import { RecordContributionHandler } from './social-insurance/commands/record-contribution.handler';
import { ChangeWageHandler } from './wages/commands/change-wage.handler';
import { RecordMonthlyPayHandler } from './wages/commands/record-monthly-pay.handler';

/**
 * The store the commands write to, for the handlers (global, as the service's
 * StoresModule): the CLI's store, or within inStore() the one a caller chose
 * (the import's row and dry-run layers).
 */
@Module({})
class CommandStore {
  static of(events: EventStore, clock: Clock): DynamicModule {
    const providers = [
      { provide: EVENT_STORE, useValue: new ScopedEventStore(events) },
      { provide: CLOCK, useValue: clock },
    ];
    return { module: CommandStore, global: true, providers, exports: [EVENT_STORE, CLOCK] };
  }
}

/**
 * The command bus of the command-line tools (the import and the demo): the
 * service's own handlers (each use case exists once) and its refusal recording,
 * over the store the tool opened, without HTTP, read models or projections.
 * Created in an application context; its PoliciesService publishes the shipped
 * policies on start where a region has none (into the scoped store when created
 * within inStore()).
 */
@Module({})
export class CommandsModule {
  static over(events: EventStore, clock: Clock): DynamicModule {
    return {
      module: CommandsModule,
      imports: [CommandStore.of(events, clock), ApplicationModule],
      providers: [
        PoliciesService,
        HireEmployeeHandler,
        SignContractHandler,
        ChangePositionHandler,
        UpdatePersonalDataHandler,
        RecordEmployeeSeparationHandler,
        ReleaseOffboardingLockHandler,
        EnrollInSocialInsuranceHandler,
        RecordContributionHandler,
        AdjustContributionBaseHandler,
        CloseInsuranceForTransferOutHandler,
        RecordMonthlyPayHandler,
        ChangeWageHandler,
        OpenOffboardingCaseHandler,
        PerformOffboardingStepHandler,
        CancelOffboardingCaseHandler,
      ],
    };
  }
}
