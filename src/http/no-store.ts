import type { NextFunction, Request, Response } from 'express';

/**
 * `Cache-Control: no-store` on every /api answer, set before anything can answer
 * (the auth guard's 401, the body parser's 400, a refusal): profiles, timelines,
 * audit exports and even error bodies may hold names, ID numbers and wages, and no
 * browser or proxy cache may keep them (PIPL art. 51). Every /api answer rather
 * than a list of routes that hold personal data: a route added later is covered
 * without anyone remembering, and reads are cheap to ask again (X-Min-Position
 * already asks clients to come back for fresh answers).
 */
export function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}
