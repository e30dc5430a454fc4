import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * `Cache-Control: no-store` on every /api answer, set before anything can answer
 * (the auth guard's 401, the body parser's 400, a refusal): profiles, timelines,
 * audit exports and even error bodies may hold names, ID numbers and wages, and no
 * browser or proxy cache may keep them (PIPL art. 51). Every /api answer rather
 * than a list of routes that hold personal data: a route added later is covered
 * without anyone remembering, and reads are cheap to ask again (X-Min-Position
 * already asks clients to come back for fresh answers).
 */
export function noStore(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  if (isApiPath(request.url ?? '')) response.setHeader('Cache-Control', 'no-store');
  next();
}

/** `/api` and everything under it, as Express's `app.use('/api', …)` matched: whole path segments only. */
const isApiPath = (url: string): boolean => url.startsWith('/api') && (url.length === 4 || '/?#'.includes(url[4]));
