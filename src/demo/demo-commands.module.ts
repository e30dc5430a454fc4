import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationModule } from '../application/application.module';
import { Clock, CLOCK } from '../infrastructure/clock';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { CancelOffboardingCaseHandler } from '../offboarding/commands/cancel-case.handler';
import { OpenOffboardingCaseHandler } from '../offboarding/commands/open-case.handler';
import { PerformOffboardingStepHandler } from '../offboarding/commands/perform-step.handler';
import { PoliciesService } from '../policies/policies.service';

/** The store the demo writes to, for the command handlers (global, as the service's StoresModule). */
@Module({})
class DemoStore {
  static of(events: EventStore, clock: Clock): DynamicModule {
    const providers = [
      { provide: EVENT_STORE, useValue: events },
      { provide: CLOCK, useValue: clock },
    ];
    return { module: DemoStore, global: true, providers, exports: [EVENT_STORE, CLOCK] };
  }
}

/**
 * The command bus the demo dispatches its offboarding commands on: the service's
 * own handlers (opening a case exists once) and its refusal recording, over the
 * store the demo was given, without HTTP, read models or projections.
 */
@Module({})
export class DemoCommandsModule {
  static over(events: EventStore, clock: Clock): DynamicModule {
    return {
      module: DemoCommandsModule,
      imports: [DemoStore.of(events, clock), ApplicationModule],
      providers: [PoliciesService, OpenOffboardingCaseHandler, PerformOffboardingStepHandler, CancelOffboardingCaseHandler],
    };
  }
}
