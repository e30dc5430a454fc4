import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PassThrough, Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { exceedsJsonDepth } from './json-depth';

/** Bodies are small DTOs: a policy, the deepest, nests 5 levels; 32 is far above any valid body and far below what overflows a stack. */
export const MAX_JSON_DEPTH = 32;
/** 1 MB as Express's body parser counted it ('1mb'). */
export const MAX_JSON_BYTES = 1024 * 1024;

const tooDeep = () =>
  new BadRequestException({ code: 'JSON_TOO_DEEP', message: `The request body nests deeper than ${MAX_JSON_DEPTH} levels` });
const malformed = () => new BadRequestException({ code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' });
const unreadable = (status: number) =>
  new HttpException(
    { code: status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_BODY', message: 'The request body could not be read' },
    status,
  );

/**
 * The JSON body parser with its limits: at most 1 MB (413 PAYLOAD_TOO_LARGE) and
 * 32 levels of nesting (400 JSON_TOO_DEEP, checked on the raw bytes before
 * JSON.parse runs), its errors ours: V8's SyntaxError repeats the text, which may
 * hold personal data. It reads bodies as Express's json parser did, which the API
 * was written against: an empty body is `{}`, only an object or an array is JSON
 * here, any UTF charset is read, another is 415; a gzip, deflate or br body is
 * inflated first (the 1 MB is of the inflated JSON). A body of another media type is
 * not read (as before: a command then answers 400 VALIDATION for its missing fields,
 * not Fastify's 415).
 */
export function installJsonBody(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_JSON_BYTES }, (request, bytes, done) => {
    try {
      done(null, parseJson(request, bytes as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding === 'identity' || !isJson(request)) return done(null, payload);
    const inflate = INFLATERS[encoding];
    if (!inflate) return done(unreadable(415));
    done(null, inflated(payload, inflate()));
  });
  fastify.addContentTypeParser('*', (_request, payload, done) => {
    payload.resume();
    done(null, undefined);
  });
}

const INFLATERS: Record<string, () => Transform> = { gzip: createGunzip, deflate: createInflate, br: createBrotliDecompress };

const isJson = (request: FastifyRequest) => /^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '');

/**
 * The inflated body, counting the bytes received as Fastify expects, to check them against
 * Content-Length. A body that does not inflate is the client's error (400 BAD_BODY), as it was.
 */
function inflated(payload: Readable, inflate: Transform): Readable {
  const body = Object.assign(new PassThrough(), { receivedEncodedLength: 0 });
  payload.on('data', (chunk: Buffer) => (body.receivedEncodedLength += chunk.length));
  payload.on('error', (error) => body.destroy(error));
  inflate.on('error', () => body.destroy(unreadable(400)));
  payload.pipe(inflate).pipe(body);
  return body;
}

function parseJson(request: FastifyRequest, bytes: Buffer): unknown {
  const charset = charsetOf(request.headers['content-type']);
  if (!charset.startsWith('utf-')) throw unreadable(415);
  if (exceedsJsonDepth(bytes, MAX_JSON_DEPTH)) throw tooDeep();
  const text = decode(bytes, charset);
  if (text.length === 0) return {};
  if (!/^[ \t\n\r]*[[{]/.test(text)) throw malformed();
  try {
    return JSON.parse(text);
  } catch {
    throw malformed();
  }
}

function decode(bytes: Buffer, charset: string): string {
  if (charset === 'utf-8') return bytes.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    throw unreadable(415);
  }
}

const charsetOf = (contentType: string | undefined): string =>
  /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1].toLowerCase() ?? 'utf-8';

/**
 * Fastify's own errors while reading a body (over the limit, a length that does
 * not match), which Nest hands the exception filter as an HttpException with
 * Fastify's words: answered with our codes and words (problem.filter.ts).
 */
export function bodyReadError(error: unknown): HttpException | undefined {
  const cause = error instanceof HttpException ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code !== 'string' || !cause.code.startsWith('FST_ERR_CTP_')) return undefined;
  if (cause.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new PayloadTooLargeException({ code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MB' });
  return unreadable((error as HttpException).getStatus());
}
