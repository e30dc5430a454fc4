import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

const DIGEST = Symbol('authorizationDigest');

/**
 * SHA-256 of the Authorization header, once per request: the rate limit's key
 * for the token and the verified-token cache's key, so that neither keeps the
 * token itself. Undefined without the header.
 */
export function tokenDigest(request: FastifyRequest): string | undefined {
  const memo = request as FastifyRequest & { [DIGEST]?: string | null };
  if (memo[DIGEST] === undefined) {
    const header = request.headers.authorization;
    memo[DIGEST] = header ? createHash('sha256').update(header).digest('base64url') : null;
  }
  return memo[DIGEST] ?? undefined;
}
