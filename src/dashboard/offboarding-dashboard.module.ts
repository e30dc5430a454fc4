import { Module } from '@nestjs/common';
import { OffboardingDashboardController } from './offboarding-dashboard.controller';

/** GET /api/dashboard/offboarding; its projection runs with the others (projections/all-projections.ts). */
@Module({ controllers: [OffboardingDashboardController] })
export class OffboardingDashboardModule {}
