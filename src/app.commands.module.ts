import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationModule } from './application/application.module';
import { EmployeeCommandsModule } from './employees/employee-commands.module';
import { Clock, CLOCK } from './infrastructure/clock';
import { EVENT_STORE, EventStore } from './infrastructure/event-store/event-store.port';
import { ScopedEventStore } from './infrastructure/event-store/scoped-event-store';
import { OffboardingCommandsModule } from './offboarding/offboarding-commands.module';
import { InsuranceCommandsModule } from './social-insurance/insurance-commands.module';
import { WageCommandsModule } from './wages/wage-commands.module';

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
 * service's own command modules (each use case exists once) and its refusal recording,
 * over the store the tool opened, without HTTP, read models or projections.
 * Created in an application context; the PoliciesService publishes the shipped
 * policies on start where a region has none (into the scoped store when created
 * within inStore()).
 */
@Module({})
export class CommandsModule {
  static over(events: EventStore, clock: Clock): DynamicModule {
    return {
      module: CommandsModule,
      imports: [
        CommandStore.of(events, clock),
        ApplicationModule,
        EmployeeCommandsModule,
        InsuranceCommandsModule,
        WageCommandsModule,
        OffboardingCommandsModule,
      ],
    };
  }
}
