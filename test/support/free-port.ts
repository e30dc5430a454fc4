import { createServer } from 'node:net';

/**
 * A port nothing listens on right now, chosen by the kernel: a random pick from a fixed range
 * can land on an ephemeral port another test's connection holds.
 */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}
