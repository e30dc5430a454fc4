import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Config, CONFIG } from '../config/config';
import { ROLES, Role } from '../domain/shared/vocabulary';
import { CurrentPrincipal, Principal, Roles, seesPersonalData } from './principal';

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

/**
 * GET /api/session: who the token says the caller is, as the service reads it. The console
 * shows it after sign-in and hides what the roles may not do; a bad token is 401 here as
 * on every route, so a pasted token is checked before any page uses it.
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/session')
export class SessionController {
  constructor(@Inject(CONFIG) private readonly config: Config) {}

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
}
