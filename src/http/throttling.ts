import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { ThrottlerModule } from '@nestjs/throttler';
import { Config } from '../config/config';

const MINUTE = 60_000;

/**
 * Two budgets per minute: one per client IP (before the token is even checked,
 * so guessing tokens is slow too) and one per bearer token (a hash of it: the
 * token itself is never kept).
 */
export const throttling = (config: Config) =>
  ThrottlerModule.forRoot({
    errorMessage: 'Too many requests; try again shortly',
    throttlers: [
      { name: 'per-ip', ttl: MINUTE, limit: config.rateLimitPerMinute, getTracker: (req: Record<string, unknown>) => (req as unknown as Request).ip ?? 'unknown' },
      {
        name: 'per-token',
        ttl: MINUTE,
        limit: config.rateLimitPerMinute,
        getTracker: (req: Record<string, unknown>) => {
          const header = (req as unknown as Request).headers.authorization;
          return header ? createHash('sha256').update(header).digest('hex') : 'anonymous';
        },
      },
    ],
  });
