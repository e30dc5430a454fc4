import { OpenAPIObject } from '@nestjs/swagger';
import { MIN_POSITION_HEADER } from './read-your-writes.guard';

/**
 * Declares X-Min-Position and its 503 on every /api read of the OpenAPI document,
 * once, as ReadYourWritesGuard applies it to every GET (as idempotency-openapi.ts
 * does for the commands' Idempotency-Key).
 */
export function withMinPosition(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    const operation = item.get;
    if (!path.startsWith('/api/') || !operation) continue;
    operation.parameters = [
      ...(operation.parameters ?? []),
      {
        name: MIN_POSITION_HEADER,
        in: 'header',
        required: false,
        schema: { type: 'string', pattern: '^\\d{1,19}$', example: '1042' },
        description:
          'Read-your-writes: the `position` a command answered. The service answers once every read model has applied it, ' +
          'waiting at most READ_YOUR_WRITES_TIMEOUT_MS (default 2 s); past that, 503 READ_MODEL_BEHIND with Retry-After. ' +
          'A value that is not a whole decimal number is 400 naming the header.',
      },
    ];
    operation.responses = {
      ...operation.responses,
      '503': operation.responses?.['503'] ?? {
        description:
          'READ_MODEL_BEHIND: the read models did not reach X-Min-Position within the bound; ask again after Retry-After seconds ' +
          '(or STORE_UNAVAILABLE: a store is down).',
      },
    };
  }
  return document;
}
