import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC } from '../auth/principal';
import { tokenDigest } from '../auth/token-digest';
import { Config, CONFIG } from '../config/config';
import { SlidingWindowCounter } from './rate-limits';

const MINUTE = 60_000;

/** Budgets named as the X-RateLimit-*-per-ip / -per-token headers clients already read. */
const BUDGETS = [
  { name: 'per-ip', tracker: (request: FastifyRequest) => request.ip ?? 'unknown' },
  // A digest of the token, never the token itself.
  { name: 'per-token', tracker: (request: FastifyRequest) => tokenDigest(request) ?? 'anonymous' },
] as const;

/**
 * Two budgets per minute and per route: one per client IP (checked before the
 * token is, so guessing tokens is slow too) and one per bearer token. Over
 * either: 429 RATE_LIMITED with Retry-After. Public routes (health, metrics)
 * are not limited. Runs before the auth guard (app.module.ts).
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly counters = BUDGETS.map(() => new SlidingWindowCounter(MINUTE));
  /** Route key and whether the route is public, per handler: the metadata never changes after start-up. */
  private readonly routes = new WeakMap<object, { key: string; public: boolean }>();
  private readonly sweeper = setInterval(() => this.counters.forEach((c) => c.sweep()), MINUTE).unref();
  private readonly limit: number;

  constructor(
    private readonly reflector: Reflector,
    @Inject(CONFIG) config: Config,
  ) {
    this.limit = config.rateLimitPerMinute;
  }

  canActivate(context: ExecutionContext): boolean {
    const route = this.routeOf(context);
    if (route.public) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const response = http.getResponse<FastifyReply>();
    for (let i = 0; i < BUDGETS.length; i++) {
      const { name, tracker } = BUDGETS[i];
      const { count, retryAfterSeconds } = this.counters[i].hit(`${route.key}|${tracker(request)}`);
      if (count > this.limit) {
        response.header('Retry-After', String(retryAfterSeconds));
        throw new HttpException({ code: 'RATE_LIMITED', message: 'Too many requests; try again shortly' }, HttpStatus.TOO_MANY_REQUESTS);
      }
      response.header(`X-RateLimit-Limit-${name}`, String(this.limit));
      response.header(`X-RateLimit-Remaining-${name}`, String(Math.max(0, this.limit - count)));
      response.header(`X-RateLimit-Reset-${name}`, String(retryAfterSeconds));
    }
    return true;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private routeOf(context: ExecutionContext): { key: string; public: boolean } {
    const handler = context.getHandler();
    let route = this.routes.get(handler);
    if (!route) {
      const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [handler, context.getClass()]) === true;
      route = { key: `${context.getClass().name}.${handler.name}`, public: isPublic };
      this.routes.set(handler, route);
    }
    return route;
  }
}
