/**
 * What the HTTP layer does before a controller runs, for commands sent to the
 * controllers directly: the route's roles (the same @Roles metadata the auth
 * guard reads, 403 otherwise, acting in the first route role the caller holds)
 * and the global validation pipe on the path parameters and the body (400).
 */
import { ForbiddenException, Type } from '@nestjs/common';
import { ROLES } from '../../src/auth/principal';
import { Role } from '../../src/domain/shared/vocabulary';
import { validationPipe } from '../../src/http/validation';

const pipe = validationPipe();

export function actingRole(controller: Type<unknown>, method: string, roles: Role[]): Role {
  const handler = (controller.prototype as Record<string, unknown>)[method] as object;
  const allowed = (Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, controller)) as Role[] | undefined;
  if (!allowed) return roles[0];
  const acting = allowed.find((r) => roles.includes(r));
  if (!acting) throw new ForbiddenException({ code: 'FORBIDDEN', message: `This needs one of the roles: ${allowed.join(', ')}` });
  return acting;
}

export async function validated<T>(metatype: Type<T>, value: unknown, type: 'body' | 'param'): Promise<T> {
  return (await pipe.transform(value, { type, metatype })) as T;
}
