import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { CommandContext } from '../../src/event-sourcing/envelope';
import { idempotencyScopeOf, KeyedRequest } from '../../src/http/idempotency-scope';

type ControllerClass = { prototype: object };

/**
 * The command context the HTTP layer would build for a keyed request: the raw
 * Idempotency-Key scoped to the caller and the route, with the request's
 * fingerprint (src/http/idempotency-scope.ts). The runner calls controllers
 * directly, so it scopes keys itself, with the product's own function, on the
 * route template Nest registers for the handler.
 */
export function scopedContext(
  context: CommandContext,
  controller: ControllerClass,
  method: string,
  params: object,
  body: object | null,
): CommandContext {
  if (!context.idempotencyKey) return context;
  const handler = (controller.prototype as Record<string, object>)[method];
  const path = ['', Reflect.getMetadata(PATH_METADATA, controller), Reflect.getMetadata(PATH_METADATA, handler)]
    .filter((part) => typeof part === 'string' && part !== '' && part !== '/')
    .join('/')
    .replace(/\/+/g, '/');
  const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
  const request: KeyedRequest = {
    headers: { 'idempotency-key': context.idempotencyKey },
    method: verb,
    url: `/${path}`,
    routeOptions: { url: `/${path.replace(/^\//, '')}` },
    params,
    body,
  };
  const scope = idempotencyScopeOf(request, context.actor.id);
  return { ...context, ...scope };
}
