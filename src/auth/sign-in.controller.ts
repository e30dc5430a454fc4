import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Config, CONFIG } from '../config/config';
import { IdentityProviderUnavailable } from './identity-provider';
import { OIDC_TOKENS, OidcTokens } from './oidc-tokens';
import { Public } from './principal';

export class IdentityProviderSignInView {
  @ApiProperty({ description: 'OIDC_ISSUER: the `iss` of its tokens', example: 'https://sso.example.com/realms/hr' })
  issuer!: string;
  @ApiProperty({
    description: 'Where the browser is sent to sign in (from discovery)',
    example: 'https://sso.example.com/realms/hr/protocol/openid-connect/auth',
  })
  authorizationEndpoint!: string;
  @ApiProperty({
    description: 'Where the console exchanges the code (from discovery)',
    example: 'https://sso.example.com/realms/hr/protocol/openid-connect/token',
  })
  tokenEndpoint!: string;
  @ApiProperty({ description: 'OIDC_CLIENT_ID: the console’s public client', example: 'hr-console' })
  clientId!: string;
  @ApiProperty({ description: 'OIDC_SCOPES, space-separated', example: 'openid profile' })
  scopes!: string;
  @ApiProperty({ enum: ['S256'], description: 'The PKCE code challenge method the console uses' })
  codeChallengeMethod!: 'S256';
}

export class SignInView {
  @ApiProperty({
    type: IdentityProviderSignInView,
    nullable: true,
    description: 'How to sign in through the identity provider (authorization code with PKCE); null when none is configured: paste a token',
  })
  identityProvider!: IdentityProviderSignInView | null;
}

/**
 * GET /api/session/sign-in, without a token: how the console gets one. With an identity
 * provider and OIDC_CLIENT_ID, its endpoints (from discovery) for the authorization-code flow
 * with PKCE; otherwise null, and the console offers only the pasted token.
 */
@ApiTags('auth')
@Controller('api/session/sign-in')
export class SignInController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(OIDC_TOKENS) private readonly oidc: OidcTokens | null,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'How the console signs in: the identity provider’s endpoints for the authorization-code flow with PKCE, or none',
  })
  @ApiOkResponse({ type: SignInView })
  @ApiServiceUnavailableResponse({ description: 'IDENTITY_PROVIDER_UNAVAILABLE: its discovery document could not be fetched' })
  async signIn(): Promise<SignInView> {
    const oidc = this.config.oidc;
    if (!this.oidc || !oidc?.clientId) return { identityProvider: null };
    try {
      const endpoints = await this.oidc.provider.signInEndpoints();
      return {
        identityProvider: { issuer: oidc.issuer, ...endpoints, clientId: oidc.clientId, scopes: oidc.scopes, codeChallengeMethod: 'S256' },
      };
    } catch (error) {
      if (error instanceof IdentityProviderUnavailable)
        throw new ServiceUnavailableException({ code: 'IDENTITY_PROVIDER_UNAVAILABLE', message: error.message });
      throw error;
    }
  }
}
