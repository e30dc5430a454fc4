import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';

/** The name of the error answer's schema in the document's components. */
export const PROBLEM_SCHEMA = 'Problem';

/** What ProblemFilter (problem.filter.ts) and the framework's own 400 send: `{ statusCode, code, message, ...details }`. */
const PROBLEM: SchemaObject = {
  type: 'object',
  description:
    'Every error answer (docs/API.md, Errors). `code` is stable and meant for programs; `message` for people. ' +
    'A refusal may carry details of its rule beside them (e.g. STEP_LOCKED: missing).',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 409 },
    code: { type: 'string', example: 'STEP_LOCKED' },
    message: { type: 'string', example: 'Step labor_termination needs si_transfer_out first' },
    errors: {
      type: 'array',
      description: 'VALIDATION: one entry per broken rule',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string', example: 'hireDate' }, message: { type: 'string' } },
      },
    },
  },
  additionalProperties: true,
};

/** Why each status is given, for an operation that declares none of its own. */
const MEANING: Record<string, string> = {
  '400': 'VALIDATION (with `errors`, one per field) or an INVALID_* rule of the domain',
  '401': 'UNAUTHENTICATED: no bearer token, or one that is not valid',
  '403': 'ROLE_REQUIRED / FORBIDDEN: the token’s roles do not allow this operation',
  '404': 'NOT_FOUND or *_NOT_FOUND: nothing with this id',
  '409': 'A rule of the domain refused the command (`code` names it), or CONCURRENCY',
  '413': 'PAYLOAD_TOO_LARGE: the body is over the limit',
  '422': 'IDEMPOTENCY_KEY_REUSED',
  '429': 'RATE_LIMITED: too many requests from this caller; see Retry-After',
  '503': 'STORE_UNAVAILABLE: a store is down; see Retry-After',
};

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Declares the error answers every /api operation can give, each with the one Problem schema,
 * once for the whole document rather than on each route (as idempotency-openapi.ts does for
 * its header), so that a route added later is covered and a client reads `code` from a typed
 * answer. Which statuses: 400, 429 and 503 for all; 401 and 403 where a token is needed; 404
 * where the path names something; 409, 413 and 422 for commands. A route's own description
 * of a status (e.g. 409 STEP_LOCKED) is kept; its schema becomes Problem.
 */
export function withProblems(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA]: PROBLEM } };
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) operation.responses = { ...operation.responses, ...problemAnswers(path, method, operation) };
    }
  }
  return document;
}

function problemAnswers(path: string, method: string, operation: OperationObject): Record<string, ResponseObject> {
  const statuses = ['400', '429', '503'];
  if (operation.security?.length) statuses.push('401', '403');
  if (path.includes('{')) statuses.push('404');
  if (WRITES.has(method)) statuses.push('409', '413', '422');
  for (const status of Object.keys(operation.responses ?? {})) if (/^[45]\d\d$/.test(status)) statuses.push(status);
  const answers: Record<string, ResponseObject> = {};
  for (const status of new Set(statuses)) {
    const declared = operation.responses?.[status] as ResponseObject | undefined;
    answers[status] = {
      description: declared?.description || MEANING[status] || 'An error',
      ...(declared?.headers ? { headers: declared.headers } : {}),
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` } } },
    };
  }
  return answers;
}
