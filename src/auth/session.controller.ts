import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Config, CONFIG } from '../config/config';
import { ROLES, Role } from '../domain/shared/vocabulary';
import { IdentityProviderUnavailable } from './identity-provider';
import { OIDC_TOKENS, OidcTokens } from './oidc-tokens';
import { CurrentPrincipal, Principal, Public, Roles, seesPersonalData } from './principal';

export class SessionView {
  @ApiProperty({ description: 'The token’s subject: the actor recorded on every event this caller writes', example: 'hr.li' })
  subject!: string;
  @ApiPropertyOptional({
    description: 'The identity provider that signed the token (its issuer); absent for a local token',
    example: 'https://sso.example.com/realms/hr',
  })
  issuer?: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  roles!: Role[];
  @ApiProperty({ type: [String], description: 'Departments whose tasks the caller does (GET /api/worklist)', example: ['hr'] })
  departments!: string[];
  @ApiProperty({ description: 'Whether names and ID numbers are shown to this caller unmasked' })
  seesPersonalData!: boolean;
  @ApiProperty({
    description: 'The IANA time zone of the business day (BUSINESS_TIME_ZONE): the console shows and reads times in it',
    example: 'Asia/Shanghai',
  })
  businessTimeZone!: string;
}

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
 * GET /api/session: who the token says the caller is, as the service reads it. The console
 * shows it after sign-in and hides what the roles may not do; a bad token is 401 here as
 * on every route, so a pasted token is checked before any page uses it.
 * GET /api/session/sign-in (no token): how to get one.
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/session')
export class SessionController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(OIDC_TOKENS) private readonly oidc: OidcTokens | null,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The caller as the service reads the token: subject, roles, departments' })
  @ApiOkResponse({ type: SessionView })
  session(@CurrentPrincipal() principal: Principal): SessionView {
    return {
      subject: principal.id,
      ...(principal.issuer ? { issuer: principal.issuer } : {}),
      roles: principal.roles,
      departments: principal.departments,
      seesPersonalData: seesPersonalData(principal),
      businessTimeZone: this.config.businessTimeZone,
    };
  }

  @Get('sign-in')
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
