import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ApplicationModule } from './application/application.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { Config, CONFIG } from './config/config';
import { ConfigModule } from './config/config.module';
import { ContinuityModule } from './continuity/continuity.module';
import { OffboardingDashboardModule } from './dashboard/offboarding-dashboard.module';
import { EmployeesModule } from './employees/employees.module';
import { FeedModule } from './feed';
import { FilingsModule } from './filings';
import { HealthModule } from './health/health.module';
import { OffboardingModule } from './offboarding/offboarding.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { sealPersonalData } from './personal-data/sealed-event-store';
import { PoliciesModule } from './policies/policies.module';
import { InsuranceModule } from './social-insurance/insurance.module';
import { ProblemFilter } from './http/problem.filter';
import { rootLoggerOptions } from './http/log-options';
import { RateLimitGuard } from './http/rate-limit.guard';
import { ReadYourWritesGuard } from './http/read-your-writes.guard';
import { Clock, systemClock } from './infrastructure/clock';
import { StoresModule } from './infrastructure/stores.module';
import { MetricsModule } from './metrics/metrics.module';
import { ProjectionsModule } from './projections/projections.module';
import { allProjections, allReactors, PROJECTION_WORKER_SCRIPT, pushReactors, ReactorPorts } from './app.projections';
import { OUTBOX } from './notifications';
import { IncompleteRecordsModule } from './reports/incomplete-records.module';
import { TimelineModule } from './timeline/timeline.module';
import { SeveranceModule } from './severance/severance.module';
import { WagesModule } from './wages/wages.module';
import { WorklistModule } from './worklist/worklist.module';
import { NotificationsModule } from './notifications/notifications.module';

export interface AppOptions {
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(config: Config, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, options.clock ?? systemClock),
        LoggerModule.forRoot({
          // The root logger only: the request log is http/request-log.ts, mounted in bootstrap.ts.
          pinoHttp: rootLoggerOptions(config.logLevel),
          forRoutes: [],
        }),
        AuthModule,
        StoresModule.forRoot(sealPersonalData),
        ApplicationModule,
        // A clock given by the caller cannot cross to the worker thread, which reads the system's.
        ProjectionsModule.forRoot<ReactorPorts>({
          projections: allProjections,
          reactors: allReactors,
          pushReactors,
          // Bound by a global module when delivery is in the application; until then reminders and warnings do not run.
          reactorPorts: { outbox: OUTBOX, config: CONFIG },
          workerScript: options.clock ? null : PROJECTION_WORKER_SCRIPT,
        }),
        HealthModule,
        MetricsModule,
        PoliciesModule,
        EmployeesModule,
        InsuranceModule,
        ContinuityModule,
        OffboardingModule,
        PersonalDataModule,
        OffboardingDashboardModule,
        IncompleteRecordsModule,
        TimelineModule,
        SeveranceModule,
        WagesModule,
        WorklistModule,
        AuditModule,
        FilingsModule,
        FeedModule,
        NotificationsModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        // Before the auth guard (registered in AuthModule): rate limits apply to bad tokens too.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        // Read-your-writes: a GET with X-Min-Position waits (bounded) for the read models; after rate limits and auth.
        { provide: APP_GUARD, useClass: ReadYourWritesGuard },
      ],
    };
  }
}
