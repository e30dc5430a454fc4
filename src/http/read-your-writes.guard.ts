import { BadRequestException, CanActivate, ExecutionContext, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Config, CONFIG } from '../config/config';
import { ProjectionsService } from '../projections/projections.service';

export const MIN_POSITION_HEADER = 'X-Min-Position';
/** Seconds a client should wait before asking again when the read models are behind: they usually catch up in milliseconds. */
export const READ_MODEL_BEHIND_RETRY_SECONDS = 1;

const MAX_POSITION = 2n ** 63n - 1n;

/**
 * Read-your-writes (docs/API.md): a command answers with the log position of what
 * it wrote; a GET that sends it back as `X-Min-Position` is answered only once
 * every read model has applied that position. The wait sleeps on the projections'
 * shared progress (projections/applied-position.ts), woken as they commit, and is
 * bounded (READ_YOUR_WRITES_TIMEOUT_MS): past it, 503 READ_MODEL_BEHIND with
 * Retry-After, so a client never mistakes "not yet" for "not there" (a 404).
 *
 * Every GET, rather than a decorator per read route: a read route added later is
 * covered without anyone remembering, and on a route that reads the log itself
 * (audit) the wait is short and still true to its promise.
 *
 * The last of the global guards (app.module.ts), so rate limits and the token are
 * checked first and a caller without a valid token never waits. A guard rather than
 * an interceptor: a request without the header (every command, most reads) costs a
 * method and header check, where one global interceptor would wrap every request of
 * the service in Nest's rxjs interceptor chain.
 */
@Injectable()
export class ReadYourWritesGuard implements CanActivate {
  private readonly timeoutMs: number;

  constructor(
    private readonly projections: ProjectionsService,
    @Inject(CONFIG) config: Config,
  ) {
    this.timeoutMs = config.readYourWritesTimeoutMs;
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'GET') return true;
    const position = minPositionOf(request.headers['x-min-position']);
    if (position === undefined) return true;
    return this.reached(position, context);
  }

  private async reached(position: bigint, context: ExecutionContext): Promise<boolean> {
    if (await this.projections.appliedThrough(position, this.timeoutMs)) return true;
    context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(READ_MODEL_BEHIND_RETRY_SECONDS));
    throw new ServiceUnavailableException({
      code: 'READ_MODEL_BEHIND',
      message: `The read models have not yet reached position ${position}; ask again shortly (读取模型尚未更新到该位置，请稍后重试).`,
      position: position.toString(),
      appliedPosition: this.projections.appliedPosition().toString(),
    });
  }
}

/** The header's position; undefined when absent; 400 naming the header when it is not one decimal log position. */
export function minPositionOf(header: string | string[] | undefined): bigint | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;
  const trimmed = value?.trim();
  if (trimmed === undefined || !/^\d{1,19}$/.test(trimmed) || BigInt(trimmed) > MAX_POSITION) {
    throw new BadRequestException({
      code: 'VALIDATION',
      message: `${MIN_POSITION_HEADER} must be one log position: a whole decimal number, as a command answered it`,
      errors: [
        {
          field: MIN_POSITION_HEADER,
          message: `must be a whole decimal number from 0 to ${MAX_POSITION} (the position a command answered) (须为命令返回的日志位置)`,
        },
      ],
    });
  }
  return BigInt(trimmed);
}
