import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { Principal } from '../auth/principal';
import { Role } from '../domain/shared/vocabulary';
import { CommandContext } from '../event-sourcing/envelope';

/** The role the actor acts in: the first of the route's allowed roles the caller holds. */
export function actingRole(principal: Principal, allowed: readonly Role[]): Role {
  return allowed.find((r) => principal.roles.includes(r)) ?? principal.roles[0];
}

/**
 * What every event of a request records besides its data (DESIGN.md, envelope):
 * the token's subject and role, the request's correlation id, and the client's
 * Idempotency-Key so that a retried request does not write twice.
 */
export function commandContext(request: Request, principal: Principal, role: Role, now: Date, effectiveDate?: string): CommandContext {
  const key = request.headers['idempotency-key'];
  return {
    actor: { id: principal.id, role },
    recordedAt: now,
    effectiveDate,
    correlationId: String((request as Request & { id?: unknown }).id ?? randomUUID()),
    source: 'api',
    idempotencyKey: typeof key === 'string' && key.length > 0 && key.length <= 200 ? key : undefined,
  };
}
