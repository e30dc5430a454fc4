import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Built file names carry a content hash (console/build.ts): a browser may keep them for good. */
const HASHED_ASSET = /\/assets\/[^/]+-[A-Z0-9]{8}\.(js|css)$/;

/**
 * The web console at /console/ (issue 14): the built files of console/, served by the service
 * itself so that no asset comes from another origin and the strict CSP of every answer
 * (http/security-headers.ts) stays as it is. Routing is by the URL's hash, so the folder's
 * index.html is the only page. Answers 503 CONSOLE_NOT_BUILT, saying how to build it, when the
 * folder holds no index.html (a checkout started without `npm run build`).
 */
export async function serveConsole(fastify: FastifyInstance, dir: string): Promise<{ built: boolean }> {
  fastify.get('/console', (_request, reply) => reply.redirect('/console/', 301));
  if (!existsSync(join(dir, 'index.html'))) {
    const notBuilt = {
      statusCode: 503,
      code: 'CONSOLE_NOT_BUILT',
      message: `The web console is not built in ${dir}: run npm run build (npm start does it).`,
    };
    fastify.get('/console/*', (_request, reply) => reply.code(503).send(notBuilt));
    return { built: false };
  }
  await fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/console/',
    decorateReply: false,
    index: ['index.html'],
    setHeaders: (reply, path) => {
      reply.header('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return { built: true };
}
