import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../domain/decider';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from '../event-sourcing/command-handler';
import { StoreUnavailableError, WrongExpectedRevisionError } from '../infrastructure/event-store/event-store.port';
import { bodyReadError } from './json-body';

/** Seconds a client should wait before retrying while a store is down. */
const RETRY_AFTER_SECONDS = 5;

/**
 * One error shape for every failure (docs/API.md, Errors):
 * `{ statusCode, code, message, ...details }`. Domain refusals are 409 with the
 * rule's code; a store that is down is 503 with Retry-After, never 500.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.toProblem(bodyReadError(error) ?? error);
    // Unless the thrower knew better (read-your-writes asks again sooner than a store that is down).
    if (status === HttpStatus.SERVICE_UNAVAILABLE && !response.getHeader('Retry-After'))
      response.header('Retry-After', String(RETRY_AFTER_SECONDS));
    if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) {
      // The request log's correlation id (request-log.ts), as this line is not bound to the request's logger.
      const correlationId = (host.switchToHttp().getRequest<{ id?: unknown }>() ?? {}).id;
      this.logger.error({ msg: 'unhandled error', correlationId, error: error instanceof Error ? error.stack : String(error) });
    }
    response.status(status).send({ statusCode: status, ...body });
  }

  private toProblem(error: unknown): { status: number; body: Record<string, unknown> } {
    if (error instanceof DomainError) {
      return { status: statusOf(error.code), body: { code: error.code, message: error.message, ...error.details } };
    }
    if (error instanceof ConcurrencyConflictError || error instanceof WrongExpectedRevisionError) {
      return {
        status: HttpStatus.CONFLICT,
        body: { code: 'CONCURRENCY', message: 'The record changed while your command was being applied; reload and try again.' },
      };
    }
    if (error instanceof IdempotencyKeyReusedError) {
      // 422 as the IETF Idempotency-Key draft and Stripe answer it: the request is well formed, the key is spent.
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, body: { code: error.code, message: error.message } };
    }
    if (error instanceof StoreUnavailableError) {
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: { code: 'STORE_UNAVAILABLE', message: 'A data store is unavailable; try again shortly.' },
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : { message: response };
      return { status, body: { code: body.code ?? codeFor(status), message: body.message ?? error.message, ...withoutStatus(body) } };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { code: 'INTERNAL', message: 'Internal error' } };
  }
}

/** A domain refusal is 409 (docs/API.md), but for the few codes that mean "no such thing", "not your role" or "bad value". */
function statusOf(code: string): number {
  if (code === 'NOT_FOUND' || code.endsWith('_NOT_FOUND')) return HttpStatus.NOT_FOUND;
  if (code === 'ROLE_REQUIRED') return HttpStatus.FORBIDDEN;
  if (code.startsWith('INVALID_')) return HttpStatus.BAD_REQUEST;
  return HttpStatus.CONFLICT;
}

function codeFor(status: number): string {
  switch (status) {
    case 400:
      return 'VALIDATION';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'RATE_LIMITED';
    default:
      return HttpStatus[status] ?? 'ERROR';
  }
}

function withoutStatus(body: Record<string, unknown>): Record<string, unknown> {
  const { statusCode: _s, error: _e, message: _m, code: _c, ...rest } = body;
  return rest;
}
