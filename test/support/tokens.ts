import { JwtService } from '@nestjs/jwt';
import { Role } from '../../src/domain/shared/vocabulary';

/** The secret the end-to-end tests run the service with. */
export const TEST_SECRET = 'e2e-secret-that-is-long-enough-for-hs256!!';

const jwt = new JwtService();

export function tokenFor(
  sub: string,
  roles: Role[] | string[],
  options: { secret?: string; expiresIn?: number; algorithm?: 'HS256' | 'HS384'; departments?: unknown } = {},
): string {
  return jwt.sign(
    { sub, roles, ...(options.departments === undefined ? {} : { departments: options.departments }) },
    { secret: options.secret ?? TEST_SECRET, algorithm: options.algorithm ?? 'HS256', expiresIn: options.expiresIn ?? 3600 },
  );
}

/** An unsigned token (`alg: none`), which must never be accepted. */
export function unsignedToken(sub: string, roles: Role[]): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub, roles, exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** One token per role, and the header to send it with. */
export const as = {
  specialist: bearer(tokenFor('hr-spec-1', ['hr_specialist'])),
  manager: bearer(tokenFor('hr-mgr-1', ['hr_manager'])),
  auditor: bearer(tokenFor('auditor-1', ['auditor'])),
  investigator: bearer(tokenFor('investigator-1', ['investigator'])),
  admin: bearer(tokenFor('admin-1', ['admin'])),
};
