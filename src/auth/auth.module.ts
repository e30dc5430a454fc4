import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { Config, CONFIG } from '../config/config';
import { AUTH_SECRET, resolveAuthSecret } from './auth-secret';
import { JwtAuthGuard } from './jwt-auth.guard';

@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [
    { provide: AUTH_SECRET, inject: [CONFIG], useFactory: (config: Config) => resolveAuthSecret(config) },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
})
export class AuthModule {}
