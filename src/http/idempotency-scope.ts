import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/** What the scope reads of a request: Fastify's request has it, and so does a test's stand-in. */
export interface KeyedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  params?: unknown;
  body?: unknown;
  /** The matched route; its `url` is the path template with the global prefix, e.g. `/api/offboarding/:caseId`. */
  routeOptions?: { url?: string };
}

/** What a request's Idempotency-Key becomes for the application (envelope.ts, CommandContext). */
export interface IdempotencyScope {
  /** Scoped to the caller and the route, so one caller's key never meets another's, nor another route's command. */
  idempotencyKey: string;
  /** Tells a retry (same request) from a reuse of the key for another request (422 IDEMPOTENCY_KEY_REUSED). */
  requestFingerprint: string;
}

const MAX_KEY_LENGTH = 200;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The request's Idempotency-Key, scoped (IETF httpapi-idempotency-key-header; Stripe) to:
 * - the caller: the token's subject, so two clients choosing the same key stay independent;
 * - the route: method and path template (`POST /api/offboarding/:caseId/steps/:step`), so a
 *   key reused on another route (a cancellation after an approval, an erasure after a hire)
 *   is another command rather than a replay of the first one's answer.
 * The path's values (which case, which step) and the body make the fingerprint: under one
 * scope they must match the first attempt's. The raw key is hashed with the scope and never
 * stored; the fingerprint is salted with it, so the log holds no bare digest of a body that
 * carries names and ID numbers.
 */
export function idempotencyScopeOf(request: KeyedRequest, callerId: string): IdempotencyScope | undefined {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return undefined;
  const route = `${request.method} ${routeTemplateOf(request)}`;
  const scope = sha256(canonicalize([callerId, route, key]) as string);
  const request_ = canonicalize({ params: request.params ?? {}, body: request.body ?? null }) ?? 'null';
  return { idempotencyKey: `api:${scope}`, requestFingerprint: sha256(`${scope}\n${request_}`) };
}

/**
 * The matched route's template, as Nest registers the full path; the concrete path if none matched.
 * The same text Express's `request.route.path` gave, so keys recorded before the move to Fastify still match.
 */
function routeTemplateOf(request: KeyedRequest): string {
  return request.routeOptions?.url ?? request.url.split('?')[0];
}
