import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { HelmetOptions } from 'helmet';

/** TLS ends at the proxy in front; upgrading requests would break /docs on a plain-HTTP local run. */
export const HELMET_OPTIONS: HelmetOptions = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } };

/**
 * Helmet's options with the identity provider's origin allowed to be fetched: the console
 * exchanges its authorization code at the IdP's token endpoint from the page, which the
 * default `default-src 'self'` would block. Nothing else is opened (scripts, frames stay 'self').
 */
export function helmetOptionsFor(identityProviderOrigin?: string): HelmetOptions {
  if (!identityProviderOrigin) return HELMET_OPTIONS;
  return {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, connectSrc: ["'self'", identityProviderOrigin] } },
  };
}

/**
 * Helmet's headers, asked of helmet once at start-up and then set as they are on
 * every response: with fixed options they never change, and running helmet's
 * dozen middlewares per request showed in every read profile.
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS) {
  const headers: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: (name: string) => removed.push(name),
  };
  let called = false;
  helmet(options)({} as never, recorder as never, () => (called = true));
  if (!called) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  return function setSecurityHeaders(_request: IncomingMessage, response: ServerResponse, next: () => void): void {
    for (const [name, value] of headers) response.setHeader(name, value);
    for (const name of removed) response.removeHeader(name);
    next();
  };
}
