import { OpenAPIObject } from '@nestjs/swagger';

const WRITES = ['post', 'put', 'patch', 'delete'] as const;

/**
 * Declares the Idempotency-Key header and its 422 on every command route of the
 * OpenAPI document, once, rather than on each controller method: every /api write
 * takes the key (http/idempotency-scope.ts), so a route added later is covered.
 */
export function withIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const method of WRITES) {
      const operation = item[method];
      if (!operation) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', minLength: 1, maxLength: 200 },
          description:
            'A client key for one command, scoped to the caller and the route: a retry with the same key and request answers what the first attempt answered and writes nothing; ' +
            'the same key with another request is 422 IDEMPOTENCY_KEY_REUSED. Keys are kept for ever in the event log (README, Idempotency keys).',
        },
      ];
      operation.responses = {
        ...operation.responses,
        '422': operation.responses?.['422'] ?? {
          description:
            'IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was already used by this caller on this route for another request; nothing was written',
        },
      };
    }
  }
  return document;
}
