/**
 * npm run token -- --sub alice --roles hr_specialist,hr_manager [--departments hr,finance] [--hours 8]
 *
 * Mints a bearer token signed with the service's secret (AUTH_JWT_SECRET, or the
 * one generated in DATA_DIR), for local use and for trying the API from /docs.
 */
import { JwtService } from '@nestjs/jwt';
import { parseArgs } from 'node:util';
import { resolveAuthSecret } from '../auth/auth-secret';
import { loadConfig } from '../config/config';
import { isDepartment } from '../domain/policy/assignee';
import { ROLES } from '../domain/shared/vocabulary';

const { values } = parseArgs({
  options: { sub: { type: 'string' }, roles: { type: 'string' }, departments: { type: 'string' }, hours: { type: 'string', default: '8' } },
});
const departments = (values.departments ?? '').split(',').filter(Boolean);
const badDepartments = departments.filter((d) => !isDepartment(d));
const roles = (values.roles ?? '').split(',').filter(Boolean);
const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
if (!values.sub || roles.length === 0 || unknown.length > 0 || badDepartments.length > 0) {
  process.stderr.write(`Usage: npm run token -- --sub <user> --roles <${ROLES.join('|')}>[,...] [--departments hr,it,...] [--hours 8]\n`);
  if (unknown.length) process.stderr.write(`Unknown roles: ${unknown.join(', ')}\n`);
  if (badDepartments.length) process.stderr.write(`Not department keys (lower-case letters, digits, _): ${badDepartments.join(', ')}\n`);
  process.exit(64);
}
const config = loadConfig();
// The service refuses a token living longer than AUTH_MAX_TOKEN_LIFETIME_SECONDS (token-lifetime.ts): never mint one.
const seconds = Math.round(Number(values.hours) * 3600);
if (!(seconds > 0 && seconds <= config.authMaxTokenLifetimeSeconds)) {
  process.stderr.write(
    `--hours must be more than 0 and at most ${config.authMaxTokenLifetimeSeconds / 3600} (AUTH_MAX_TOKEN_LIFETIME_SECONDS)\n`,
  );
  process.exit(64);
}
// With an identity provider configured, the service takes local tokens only under AUTH_JWT_SECRET (auth.module.ts).
if (config.oidc && !config.authJwtSecret) {
  process.stderr.write(
    'OIDC_ISSUER is set and AUTH_JWT_SECRET is not: the service accepts no local token; sign in through the identity provider\n',
  );
  process.exit(64);
}
const secret = resolveAuthSecret(config);
// No departments claim rather than an empty one: the service reads both as "no department".
const claims = departments.length > 0 ? { sub: values.sub, roles, departments } : { sub: values.sub, roles };
const token = new JwtService().sign(claims, { secret, algorithm: 'HS256', expiresIn: seconds });
process.stdout.write(`${token}\n`);
