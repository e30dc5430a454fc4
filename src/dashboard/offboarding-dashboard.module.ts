import { Module } from '@nestjs/common';
import { OffboardingDashboardController } from './offboarding-dashboard.controller';
import { GetOffboardingDashboardHandler } from './queries/offboarding-dashboard.handler';

/** GET /api/dashboard/offboarding; its projection runs with the others (projections/all-projections.ts). */
@Module({ controllers: [OffboardingDashboardController], providers: [GetOffboardingDashboardHandler] })
export class OffboardingDashboardModule {}
