import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { Config, CONFIG } from '../config/config';
import { AUTH_SECRET, resolveAuthSecret } from './auth-secret';
import { JwtAuthGuard } from './jwt-auth.guard';
import { SessionController } from './session.controller';

@Global()
@Module({
  imports: [JwtModule.register({})],
  controllers: [SessionController],
  providers: [{ provide: AUTH_SECRET, inject: [CONFIG], useFactory: (config: Config) => resolveAuthSecret(config) }, JwtAuthGuard],
  exports: [JwtAuthGuard],
})
export class AuthModule {}
