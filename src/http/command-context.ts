import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthenticatedRequest, callerKey } from '../auth/principal';
import { CommandContext } from '../event-sourcing/envelope';
import { idempotencyScopeOf } from './idempotency-scope';

/**
 * What every event of a request records besides its data (docs/DESIGN.md, envelope):
 * the token's subject (and its issuer, for an identity provider's token) and the role it acts in (set by the auth guard), when the
 * request arrived, its correlation id, and the client's Idempotency-Key (scoped to
 * the caller and the route, idempotency-scope.ts) so that a retried request does
 * not write twice.
 */
export function commandContextOf(request: AuthenticatedRequest): CommandContext {
  const { principal, actingRole, receivedAt } = request;
  if (!principal || !actingRole || !receivedAt) throw new Error('A command route must be behind the auth guard');
  return {
    actor: { id: principal.id, role: actingRole, ...(principal.issuer ? { issuer: principal.issuer } : {}) },
    recordedAt: receivedAt,
    correlationId: String((request as { id?: unknown }).id ?? randomUUID()),
    source: 'api',
    ...idempotencyScopeOf(request, callerKey(principal)),
  };
}

/** The command context of the current request, as a handler parameter. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext =>
  commandContextOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
