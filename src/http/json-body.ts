import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import { json } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { exceedsJsonDepth } from './json-depth';

/** Bodies are small DTOs: a policy, the deepest, nests 5 levels; 32 is far above any valid body and far below what overflows a stack. */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_BYTES = '1mb';

/**
 * The JSON body parser with its limits: at most 1 MB (413 PAYLOAD_TOO_LARGE) and
 * 32 levels of nesting (400 JSON_TOO_DEEP, checked on the raw bytes before
 * JSON.parse runs), and its errors turned into ours here. Left to Nest, a
 * parse error became a 400 VALIDATION whose message quoted the body (V8's
 * SyntaxError repeats the text), which may hold personal data.
 */
export function jsonBody(): RequestHandler[] {
  const parse = json({
    limit: MAX_JSON_BYTES,
    verify: (_request, _response, bytes) => {
      if (exceedsJsonDepth(bytes, MAX_JSON_DEPTH)) throw Object.assign(new Error('JSON nested too deep'), { status: 400, type: 'json.too.deep' });
    },
  });
  return [parse, bodyErrors as unknown as RequestHandler];
}

/** An Express error handler (four parameters) for the parser's errors only; messages are ours, never the parser's. */
function bodyErrors(error: unknown, _request: Request, _response: Response, next: NextFunction): void {
  next(problemOf(error) ?? error);
}

function problemOf(error: unknown): HttpException | null {
  const e = error as { status?: unknown; type?: unknown } | null;
  if (typeof e?.type !== 'string' || typeof e.status !== 'number') return null;
  switch (e.type) {
    case 'json.too.deep':
      return new BadRequestException({ code: 'JSON_TOO_DEEP', message: `The request body nests deeper than ${MAX_JSON_DEPTH} levels` });
    case 'entity.parse.failed':
      return new BadRequestException({ code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' });
    case 'entity.too.large':
      return new PayloadTooLargeException({ code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MB' });
    default:
      // Unsupported charset or encoding (415), a body shorter than announced (400), …: the status is the parser's, the words ours.
      return e.status >= 400 && e.status < 500 ? new HttpException({ code: e.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_BODY', message: 'The request body could not be read' }, e.status) : null;
  }
}
