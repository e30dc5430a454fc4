import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { Config, CONFIG } from '../config/config';
import { AUTH_SECRET, resolveAuthSecret } from './auth-secret';
import { IdentityProvider } from './identity-provider';
import { JwtAuthGuard } from './jwt-auth.guard';
import { OIDC_TOKENS, OidcTokens } from './oidc-tokens';
import { SessionController } from './session.controller';
import { SignInController } from './sign-in.controller';

/**
 * With an identity provider configured, local tokens need AUTH_JWT_SECRET: no secret is
 * generated into DATA_DIR then, so that a deployment signing people in through its IdP has
 * no second way in unless the operator sets one on purpose.
 */
const localSecret = (config: Config): string | null => (config.oidc && !config.authJwtSecret ? null : resolveAuthSecret(config));

@Global()
@Module({
  imports: [JwtModule.register({})],
  controllers: [SessionController, SignInController],
  providers: [
    { provide: AUTH_SECRET, inject: [CONFIG], useFactory: localSecret },
    {
      provide: OIDC_TOKENS,
      inject: [CONFIG],
      useFactory: (config: Config) => (config.oidc ? new OidcTokens(config.oidc, new IdentityProvider(config.oidc)) : null),
    },
    JwtAuthGuard,
  ],
  exports: [JwtAuthGuard],
})
export class AuthModule {}
